/**
 * Template candidates (no model): repair templates applied inside the top regions. A repair template
 * is the inverse of a bug pattern, so the bug-injection operators of mutate/ are reused (restricted to
 * changes inside a region), together with the repair-only operators of ../repairs.ts. Changes that do
 * not parse are dropped; the rest are ordered by operator tier, region rank and change size.
 */
import { OPERATORS, applyChange, isValid } from '../../mutate/apply.js';
import { type Change, MutationContext, type Node } from '../../mutate/context.js';
import { changeSize, type NewCandidate } from '../candidate.js';
import type { Region } from '../regions.js';
import * as R from '../repairs.js';
import type { CandidateGenerator, GenerationInput } from './types.js';

interface TemplateOp {
  name: string;
  /** 0 = most common single-token repairs, 2 = larger or rarer ones. */
  tier: number;
  list: (ctx: MutationContext) => Change[];
}

/**
 * Cost of a tier, in units of region rank steps of 0.5: single-token repairs of the fourth region come
 * before variable and literal changes of the first, and the larger, rarer repairs (tier 2) after the
 * tier-1 repairs of the top three regions.
 */
const TIER_COST = [0, 1, 2.5];

/** Bug-injection operators that make no sense as repairs. */
const NOT_REPAIRS = new Set(['hallucination', 'truncate']);

const TIERS: Record<string, number> = {
  compare: 0, comparison: 0, 'off-by-one': 0, arith: 0, 'binary-operator': 0, augassign: 0, 'aug-operator': 0,
  'api-sibling': 0, 'swap-arguments': 0, 'operand-swap': 0, 'swap-concat': 0, negate: 0,
  variable: 1, attribute: 1, literal: 1, 'argument-off-by-one': 1, argument: 1, unwrap: 1, 'unwrap-call': 1,
  'drop-term': 1, 'drop-condition': 1, return: 1, container: 1, 'swap-index': 1, 'swap-elements': 1,
  'none-guard': 1, 'constant-condition': 1, unary: 1,
};

export const TEMPLATE_OPS: TemplateOp[] = [
  ...OPERATORS.filter((o) => !NOT_REPAIRS.has(o.name)).map((o) => ({ name: o.name, tier: TIERS[o.name] ?? 2, list: o.list })),
  ...Object.entries({
    'binary-operator': R.binaryOperator, 'aug-operator': R.augmentedOperator, comparison: R.comparison,
    'argument-off-by-one': R.argumentOffByOne, 'swap-arguments': R.swapArguments, 'swap-concat': R.swapConcat,
    'drop-term': R.dropTerm, 'unwrap-call': R.unwrapAny, clamp: R.clampAssignment, container: R.containerValue,
    'constant-condition': R.constantCondition, 'none-guard': R.noneGuard, 'empty-check': R.emptyCheck,
    'swap-statements': R.swapStatements, 'outer-variable': R.outerVariable,
  }).map(([name, list]) => ({ name, tier: TIERS[name] ?? 2, list })),
];

/**
 * A context that lists only the nodes of the definitions holding a region (plus module-level code
 * when a region lies there), so that large files cost no more than their suspicious functions.
 */
class ScopedContext extends MutationContext {
  private scoped?: Node[];

  constructor(text: string, private readonly regions: Region[]) {
    super(text);
  }

  override nodes(): Node[] {
    if (this.scoped) return this.scoped;
    const all = super.nodes();
    const spans: [number, number][] = [];
    for (const r of this.regions) {
      let top: Node | null = null;
      for (const n of this.tree.rootNode.namedChildren) {
        if (n && n.startIndex <= r.start && n.endIndex >= r.end - 1) { top = n; break; }
      }
      spans.push(top ? [top.startIndex, top.endIndex] : [r.start, r.end]);
    }
    this.scoped = all.filter((n) => n.type === 'module' || spans.some(([s, e]) => n.startIndex >= s && n.endIndex <= e));
    return this.scoped;
  }
}

const word = (name: string) => new RegExp(`(^|[^\\w.])${name.replace(/[^\w]/g, '')}([^\\w]|$)`);

/**
 * Among the many variable-misuse variants of a line, likelier ones first: a parameter swapped for
 * another parameter (or a local for a local), and a name that the same region already uses.
 */
function nameAffinity(ctx: MutationContext, change: Change, text: string, region: Region): number {
  if (change.op !== 'variable' || change.edits.length !== 1) return 0;
  const e = change.edits[0];
  const node = ctx.tree.rootNode.descendantForIndex(e.start, e.end);
  if (!node) return 0;
  const fn = ctx.enclosingFunction(node);
  const params = new Set<string>();
  for (const p of fn?.childForFieldName('parameters')?.namedChildren ?? []) {
    const id = p?.type === 'identifier' ? p : p?.childForFieldName('name') ?? p?.namedChildren.find((c) => c?.type === 'identifier');
    if (id) params.add(id.text);
  }
  const before = text.slice(e.start, e.end);
  let adj = params.has(before) === params.has(e.text) ? -0.3 : 0;
  if (word(e.text).test(text.slice(region.start, region.end))) adj -= 0.2;
  return adj;
}

/** The region (best rank first) that holds every edit of a change, if any. */
function regionOf(change: Change, regions: Region[]): Region | undefined {
  return regions.find((r) => change.edits.every((e) => e.start >= r.start && e.end <= r.end));
}

export interface TemplateOptions {
  /** Candidates returned at most (best first). */
  limit?: number;
}


/** Every template candidate for the regions, best first. */
export function templateCandidates(text: string, regions: Region[], opts: TemplateOptions = {}): NewCandidate[] {
  if (!regions.length) return [];
  const ctx = new ScopedContext(text, regions);
  const out: (NewCandidate & { cost: number })[] = [];
  try {
    for (const op of TEMPLATE_OPS) {
      let changes: Change[];
      try {
        changes = op.list(ctx);
      } catch {
        continue;
      }
      for (const change of changes) {
        const region = regionOf(change, regions);
        if (!region) continue;
        const applied = applyChange(text, change);
        if (applied.text === text) continue;
        const size = changeSize(text, applied.text);
        const line = text.slice(0, change.edits[0].start).split('\n').length;
        const newText = change.edits.map((e) => JSON.stringify(e.text.trim().slice(0, 40))).join(', ');
        out.push({
          generator: 'templates', op: change.op, text: applied.text, region, size,
          description: `${change.op} at line ${line}: ${newText}`,
          cost: TIER_COST[op.tier] + 0.5 * region.rank + Math.min(size, 60) / 120 + nameAffinity(ctx, change, text, region),
        });
      }
    }
  } finally {
    ctx.dispose();
  }
  // Cheapest first; the same text from several operators counts once; what does not parse goes.
  out.sort((a, b) => a.cost - b.cost || a.size - b.size);
  const seen = new Set<string>();
  const kept: NewCandidate[] = [];
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  for (const c of out) {
    if (kept.length >= limit) break;
    if (seen.has(c.text)) continue;
    seen.add(c.text);
    if (!isValid(text, { text: c.text, lines: [] })) continue;
    kept.push(c);
  }
  return kept;
}

export class TemplateGenerator implements CandidateGenerator {
  readonly name = 'templates' as const;

  constructor(private readonly opts: TemplateOptions = {}) {}

  async *generate(input: GenerationInput): AsyncIterable<NewCandidate> {
    const list = templateCandidates(input.text, input.regions, this.opts);
    input.log(`templates: ${list.length} candidates for ${input.regions.length} regions`);
    for (const c of list) {
      if (input.signal.aborted) return;
      yield c;
    }
  }
}
