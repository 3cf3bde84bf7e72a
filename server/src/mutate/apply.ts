/**
 * Applying changes: the new text, which lines of it changed (the labels), and whether it still parses.
 * Also the operator table: weights for bug injection and the bug kind each operator stands for.
 */
import { withTree } from '../language/python.js';
import { type Change, MutationContext } from './context.js';
import * as E from './expressions.js';
import * as S from './statements.js';

/** Bug kinds the model's type head predicts (index = class id). */
export const BUG_KINDS = [
  'comparison or condition',
  'off-by-one boundary',
  'wrong variable or operand',
  'wrong attribute, API or argument',
  'wrong operator',
  'wrong literal value',
  'missing or misplaced code',
  'extra logic',
] as const;

export interface Operator {
  name: string;
  weight: number;
  kind: number;
  list: (ctx: MutationContext) => Change[];
}

/** Operators with injection weights (model-notes §2.6, grouped) and their bug kind. */
export const OPERATORS: Operator[] = [
  { name: 'compare', weight: 6, kind: 0, list: E.compareSwap },
  { name: 'off-by-one', weight: 6, kind: 1, list: E.offByOne },
  { name: 'drop-condition', weight: 4, kind: 0, list: E.dropConjunct },
  { name: 'negate', weight: 3, kind: 0, list: E.negateCondition },
  { name: 'remove-guard', weight: 3, kind: 6, list: S.removeGuard },
  { name: 'variable', weight: 9, kind: 2, list: E.variableMisuse },
  { name: 'attribute', weight: 4, kind: 3, list: E.attributeSwap },
  { name: 'api-sibling', weight: 6, kind: 3, list: E.apiSibling },
  { name: 'hallucination', weight: 2, kind: 3, list: E.hallucinatedName },
  { name: 'string', weight: 3, kind: 5, list: E.stringSwap },
  { name: 'arith', weight: 4, kind: 4, list: E.arithSwap },
  { name: 'operand-swap', weight: 3, kind: 2, list: E.operandSwap },
  { name: 'literal', weight: 4, kind: 5, list: E.literalChange },
  { name: 'augassign', weight: 2, kind: 4, list: E.augSwap },
  { name: 'unary', weight: 1, kind: 4, list: E.unaryChange },
  { name: 'argument', weight: 6, kind: 3, list: S.argumentChange },
  { name: 'unwrap', weight: 5, kind: 3, list: S.unwrapCall },
  { name: 'delete', weight: 6, kind: 6, list: S.deleteStatement },
  { name: 'return', weight: 4, kind: 6, list: S.returnChange },
  { name: 'truncate', weight: 2, kind: 6, list: S.truncateTail },
  { name: 'misplace', weight: 3, kind: 6, list: S.misplaceStatement },
  { name: 'insert-guard', weight: 3, kind: 7, list: S.insertGuard },
  { name: 'transform', weight: 2, kind: 7, list: S.wrapTransform },
  { name: 'add-condition', weight: 1, kind: 7, list: E.addConjunct },
  { name: 'default', weight: 1, kind: 5, list: E.defaultChange },
];

export interface Applied {
  text: string;
  /** 0-based lines of the new text that carry the change. */
  lines: number[];
}

function lineAt(text: string, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Apply a change; labels are the changed lines, or for deletions the line that closes the gap. */
export function applyChange(text: string, change: Change): Applied {
  const edits = [...change.edits].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  const marks: { at: number; len: number; deletion: boolean; indent: number }[] = [];
  for (const e of edits) {
    out += text.slice(pos, e.start);
    const lineStart = text.lastIndexOf('\n', e.start - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0].length;
    marks.push({ at: out.length, len: e.text.length, deletion: !!e.deletion, indent });
    out += e.text;
    pos = e.end;
  }
  out += text.slice(pos);
  const outLines = out.split('\n');
  const labels = new Set<number>();
  for (const m of marks) {
    const first = lineAt(out, m.at);
    if (!m.deletion) {
      const body = out.slice(m.at, m.at + m.len).replace(/\n$/, '');
      const last = first + (body.match(/\n/g)?.length ?? 0);
      for (let l = first; l <= last; l++) if (outLines[l]?.trim()) labels.add(l);
      if (!body.trim()) labels.add(first);
      continue;
    }
    let l = first;
    const ok = (i: number) => outLines[i] !== undefined && outLines[i].trim() !== '';
    const ind = (i: number) => /^[ \t]*/.exec(outLines[i])![0].length;
    if (ok(l) && ind(l) >= m.indent) { labels.add(l); continue; }
    l = first - 1;
    while (l > 0 && !ok(l)) l--;
    labels.add(Math.max(0, l));
  }
  return { text: out, lines: [...labels].sort((a, b) => a - b) };
}

/** The change parses and differs from the original. */
export function isValid(original: string, applied: Applied): boolean {
  if (applied.text === original) return false;
  return withTree(applied.text, (t) => !t.rootNode.hasError);
}
