/**
 * Context invariance: does a model's ranking of a function's lines hold when the function sits in a
 * module? Each buggy held-out synthetic sample is scored alone and then with one piece of module
 * context (from the validation packages' own files, never benchmark text) before or after it; Top-k
 * should barely move. A model trained on bare functions once ranked the `def` line first whenever a
 * docstring followed the function, which only this kind of check shows on our own data.
 */
import { placeInModule, type ContextKind, type ContextPool, type Placement } from '../models/gen/context.js';
import { summarize, type CaseResult, type Summary } from './evaluate.js';
import type { SyntheticSample } from './synthetic.js';
import { syntheticCases, type EvalCase } from './tasks.js';

export const INVARIANCE_VARIANTS: { name: string; kind: ContextKind; where: keyof Placement }[] = [
  { name: 'module docstring before', kind: 'doc', where: 'before' },
  { name: 'imports before', kind: 'imports', where: 'before' },
  { name: 'string after', kind: 'doc', where: 'after' },
  { name: 'main block after', kind: 'main', where: 'after' },
];

export interface InvarianceRow {
  variant: string;
  /** Pieces of this kind in the pool the variant drew from. */
  pieces: number;
  summary: Summary;
}

export interface InvarianceReport {
  samples: number;
  plain: Summary;
  variants: InvarianceRow[];
}

/** Sample i of a variant gets piece i (mod the pool size) of that kind: deterministic, spread over the pool. */
export function placeVariant(samples: readonly SyntheticSample[], pool: ContextPool, v: (typeof INVARIANCE_VARIANTS)[number]): SyntheticSample[] {
  const pieces = pool[v.kind];
  return samples.map((s, i) => {
    const p: Placement = { before: [], after: [] };
    p[v.where] = [pieces[i % pieces.length]];
    const placed = placeInModule({ text: s.text, lines: s.lines, op: s.op, kind: 0 }, p);
    return { ...s, text: placed.text, lines: placed.lines };
  });
}

/** `evaluate` scores cases with the model and the baselines (bench/localize.ts's loop). */
export async function contextInvariance(
  evaluate: (cases: EvalCase[], label: string) => Promise<CaseResult[]>,
  samples: readonly SyntheticSample[], pool: ContextPool, limit: number,
): Promise<InvarianceReport> {
  const buggy = samples.filter((s) => s.lines.length).slice(0, limit);
  const run = async (set: readonly SyntheticSample[], name: string) => summarize(await evaluate(syntheticCases(set), name));
  const plain = await run(buggy, 'invariance: plain');
  const variants: InvarianceRow[] = [];
  for (const v of INVARIANCE_VARIANTS) {
    if (!pool[v.kind].length) continue;
    variants.push({ variant: v.name, pieces: pool[v.kind].length, summary: await run(placeVariant(buggy, pool, v), `invariance: ${v.name}`) });
  }
  return { samples: buggy.length, plain, variants };
}
