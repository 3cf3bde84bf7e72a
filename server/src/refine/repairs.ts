/**
 * Repair-only edit operators: fix patterns that the bug-injection operators in mutate/ do not produce
 * in reverse (wider operator sets, ±1 on call arguments, swaps of any argument pair, dropping a term,
 * clamping an accumulator, None/empty guards, swapping adjacent statements, ...). Same shape as the
 * mutate operators: each lists every variant change it can make in a file.
 */
import { type Change, type MutationContext, type Node, blockStatements, isValueRead, kids, named } from '../mutate/context.js';

const replace = (op: string, n: { startIndex: number; endIndex: number }, text: string): Change =>
  ({ op, edits: [{ start: n.startIndex, end: n.endIndex, text }] });

const simple = (t: string) => /^[\w.()[\]]+$/.test(t);
const paren = (t: string) => (simple(t) ? t : `(${t})`);

/** Arithmetic confusions worth trying (a superset of mutate's swaps; `**` only where it is cheap). */
const ARITH: Record<string, string[]> = {
  '+': ['-', '*'], '-': ['+'], '*': ['+', '/', '//', '**'], '/': ['//', '*'], '//': ['/', '%', '*'], '%': ['//', '/'],
  '**': ['*'],
};
const BITS = ['&', '|', '^', '<<', '>>'];

/** Arithmetic operators for their usual confusions, any bitwise operator for another. */
export function binaryOperator(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const n of ctx.ofType('binary_operator')) {
    const o = n.childForFieldName('operator');
    if (!o) continue;
    const alts = ARITH[o.type] ?? (BITS.includes(o.type) ? BITS.filter((b) => b !== o.type) : []);
    const stringy = [n.childForFieldName('left'), n.childForFieldName('right')].some((c) => c?.type === 'string');
    if (stringy) continue;
    for (const alt of alts) out.push(replace('binary-operator', o, alt));
  }
  return out;
}

/** Any augmented assignment operator for another of its group, or a plain `=`. */
export function augmentedOperator(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const n of ctx.ofType('augmented_assignment')) {
    const o = n.childForFieldName('operator');
    if (!o) continue;
    const bare = o.type.slice(0, -1);
    const alts = ARITH[bare] ?? (BITS.includes(bare) ? BITS.filter((b) => b !== bare) : null);
    if (!alts) continue;
    for (const alt of alts) out.push(replace('aug-operator', o, `${alt}=`));
    out.push(replace('aug-operator', o, '='));
  }
  return out;
}

const ORDER = ['<', '<=', '>', '>=', '==', '!='];

/** Any comparison for another (the mutate set only swaps within small groups), `is` for `==`. */
export function comparison(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const n of ctx.ofType('comparison_operator')) {
    for (const c of kids(n)) {
      if (c.isNamed) continue;
      const t = c.text.replace(/\s+/g, ' ');
      if (ORDER.includes(t)) for (const alt of ORDER) if (alt !== t) out.push(replace('comparison', c, alt));
      if (t === 'is') out.push(replace('comparison', c, '=='));
      if (t === 'is not') out.push(replace('comparison', c, '!='));
    }
  }
  return out;
}

function positional(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return [];
  return named(list).filter((a) => a.type !== 'comment' && a.type !== 'keyword_argument' && !a.type.includes('splat'));
}

/** ±1 on a call argument (`f(mid)` → `f(mid + 1)`), or an argument's `± 1` removed. */
export function argumentOffByOne(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const call of ctx.ofType('call')) {
    if (call.childForFieldName('function')?.text === 'range') continue;
    for (const a of positional(call)) {
      if (a.text.includes('\n') || a.type === 'string' || a.type === 'list' || a.type === 'lambda') continue;
      if (a.type === 'binary_operator' && a.childForFieldName('right')?.text === '1' && /^[+-]$/.test(a.childForFieldName('operator')?.type ?? '')) {
        out.push(replace('argument-off-by-one', a, a.childForFieldName('left')!.text));
        continue;
      }
      if (a.type !== 'identifier' && a.type !== 'integer' && a.type !== 'binary_operator' && a.type !== 'call' && a.type !== 'subscript' && a.type !== 'attribute') continue;
      out.push(replace('argument-off-by-one', a, `${paren(a.text)} + 1`));
      out.push(replace('argument-off-by-one', a, `${paren(a.text)} - 1`));
    }
  }
  return out;
}

/** Swap any two positional arguments of a call, or two elements of a subscript tuple (`d[i, j]`). */
export function swapArguments(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  const swaps = (items: Node[], op: string) => {
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        if (items[i].text === items[j].text) continue;
        out.push({ op, edits: [
          { start: items[i].startIndex, end: items[i].endIndex, text: items[j].text },
          { start: items[j].startIndex, end: items[j].endIndex, text: items[i].text },
        ] });
      }
    }
  };
  for (const call of ctx.ofType('call')) {
    const args = positional(call);
    if (args.length >= 2 && args.length <= 5 && !args.some((a) => a.text.includes('\n'))) swaps(args, 'swap-arguments');
  }
  for (const sub of ctx.ofType('subscript')) {
    const idx = named(sub).slice(1);
    if (idx.length >= 2 && idx.length <= 4) swaps(idx, 'swap-index');
  }
  for (const t of ctx.ofType('tuple')) {
    const items = named(t);
    if (items.length === 2 && t.parent?.type !== 'for_statement') swaps(items, 'swap-elements');
  }
  return out;
}

/** `a + b` → `b + a` (concatenation is not commutative); the mutate set leaves `+` out. */
export function swapConcat(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const n of ctx.ofType('binary_operator')) {
    if (n.childForFieldName('operator')?.type !== '+') continue;
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    if (l && r) out.push(replace('swap-concat', n, `${r.text} + ${l.text}`));
  }
  return out;
}

/** Drop one term of a sum or difference (`1 + f(x)` → `f(x)`), or a factor that is a literal. */
export function dropTerm(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const n of ctx.ofType('binary_operator')) {
    const o = n.childForFieldName('operator')?.type ?? '';
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    if (!l || !r || n.text.includes('\n')) continue;
    if (o === '+' || o === '-') {
      out.push(replace('drop-term', n, l.text));
      if (o === '+') out.push(replace('drop-term', n, r.text));
    } else if ((o === '*' || o === '/' || o === '//') && (r.type === 'integer' || r.type === 'float')) {
      out.push(replace('drop-term', n, l.text));
    }
  }
  return out;
}

/** Any call with a single argument replaced by the argument (`yield f(x)` → `yield x`). */
export function unwrapAny(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const call of ctx.ofType('call')) {
    const args = call.childForFieldName('arguments');
    if (!args || args.type !== 'argument_list') continue;
    const list = named(args).filter((a) => a.type !== 'comment');
    if (list.length === 1 && list[0].type !== 'keyword_argument' && !list[0].type.includes('splat')) {
      out.push(replace('unwrap-call', call, list[0].text));
    }
  }
  return out;
}

/** An accumulator that should keep its best value: `x = e` → `x = max(x, e)` / `min(x, e)` / `max(0, e)`. */
export function clampAssignment(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const n of ctx.ofType('assignment')) {
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    if (!l || !r || l.type !== 'identifier' || r.text.includes('\n')) continue;
    if (r.type === 'integer' || r.type === 'string' || r.type === 'none' || r.type === 'list' || r.type === 'dictionary') continue;
    if (!ctx.enclosingFunction(n)) continue;
    out.push(replace('clamp', r, `max(${l.text}, ${r.text})`));
    out.push(replace('clamp', r, `min(${l.text}, ${r.text})`));
    out.push(replace('clamp', r, `max(0, ${r.text})`));
  }
  return out;
}

function parameters(fn: Node | null): string[] {
  const params = fn?.childForFieldName('parameters');
  if (!params) return [];
  const names: string[] = [];
  for (const p of named(params)) {
    const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? named(p).find((c) => c.type === 'identifier');
    if (id && id.type === 'identifier' && id.text !== 'self' && id.text !== 'cls') names.push(id.text);
  }
  return names;
}

/** A returned empty list made non-empty: `return []` → `return [[]]`, `return [p]` for a parameter p. */
export function containerValue(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const r of ctx.ofType('return_statement')) {
    const v = named(r)[0];
    if (!v || v.type !== 'list' || v.namedChildCount !== 0) continue;
    out.push(replace('container', v, '[[]]'));
    for (const p of parameters(ctx.enclosingFunction(r))) out.push(replace('container', v, `[${p}]`));
  }
  return out;
}

function conditions(ctx: MutationContext): Node[] {
  return ctx.ofType('if_statement', 'elif_clause', 'while_statement')
    .map((s) => s.childForFieldName('condition'))
    .filter((c): c is Node => !!c && !c.text.includes('\n'));
}

/** A constant loop/branch condition (`while True`) replaced by a name in scope (`while queue`). */
export function constantCondition(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const c of conditions(ctx)) {
    if (c.type !== 'true' && c.type !== 'false') continue;
    for (const name of ctx.localNames(ctx.enclosingFunction(c))) out.push(replace('constant-condition', c, name));
  }
  return out;
}

/** A None guard for an attribute read in a condition: `a.b is None` → `a is None or a.b is None`. */
export function noneGuard(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const c of conditions(ctx)) {
    const objects = new Set<string>();
    const stack = [c];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'attribute') {
        const o = n.childForFieldName('object');
        if (o?.type === 'identifier') objects.add(o.text);
      }
      stack.push(...named(n));
    }
    for (const o of objects) {
      out.push(replace('none-guard', c, `${o} is None or ${paren(c.text)}`));
      out.push(replace('none-guard', c, `${o} is not None and ${paren(c.text)}`));
    }
  }
  return out;
}

/** An empty/false check on a parameter added to a condition: `c` → `c or not p`, `c and p`. */
export function emptyCheck(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const c of conditions(ctx)) {
    for (const p of parameters(ctx.enclosingFunction(c))) {
      if (new RegExp(`\\b${p}\\b`).test(c.text)) continue;
      out.push(replace('empty-check', c, `${paren(c.text)} or not ${p}`));
      out.push(replace('empty-check', c, `${paren(c.text)} and ${p}`));
    }
  }
  return out;
}

/** Two adjacent simple statements of a block swapped. */
export function swapStatements(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  const single = (n: Node) => n.startPosition.row === n.endPosition.row && n.type !== 'comment' && !n.type.endsWith('definition');
  for (const b of ctx.ofType('block', 'module')) {
    const sts = blockStatements(b);
    for (let i = 0; i + 1 < sts.length; i++) {
      const a = sts[i];
      const c = sts[i + 1];
      if (!single(a) || !single(c) || c.startPosition.row !== a.endPosition.row + 1) continue;
      if (a.type.includes('import') || /^(return|raise|break|continue)_statement$/.test(a.type)) continue;
      out.push({ op: 'swap-statements', edits: [
        { start: a.startIndex, end: a.endIndex, text: c.text },
        { start: c.startIndex, end: c.endIndex, text: a.text },
      ] });
    }
  }
  return out;
}

/** A read of a name replaced by a name bound anywhere in the module's functions (not only locally). */
export function outerVariable(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  const globals = ctx.localNames(null);
  if (!globals.length) return out;
  for (const n of ctx.ofType('identifier')) {
    if (!isValueRead(n) || !ctx.enclosingFunction(n)) continue;
    for (const g of globals) if (g !== n.text) out.push(replace('outer-variable', n, g));
  }
  return out;
}
