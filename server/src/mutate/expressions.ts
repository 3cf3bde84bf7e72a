/**
 * Expression-level edit operators (conditions, operators, operands, literals, names).
 * Each lists every variant it can make in a file; callers pick one (training) or try all (repair).
 */
import { type Change, type MutationContext, type Node, isValueRead, kids, named } from './context.js';

const replace = (op: string, n: { startIndex: number; endIndex: number }, text: string): Change =>
  ({ op, edits: [{ start: n.startIndex, end: n.endIndex, text }] });

const COMPARE_GROUPS: Record<string, string[]> = {
  '<': ['<=', '>', '>='], '<=': ['<', '>=', '>'], '>': ['>=', '<', '<='], '>=': ['>', '<=', '<'],
  '==': ['!='], '!=': ['=='], 'in': ['not in'], 'not in': ['in'], 'is': ['is not'], 'is not': ['is'],
};

/** A1: comparison operator swapped within its group. */
export function compareSwap(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const n of ctx.ofType('comparison_operator')) {
    for (const c of kids(n)) {
      if (c.isNamed) continue;
      for (const alt of COMPARE_GROUPS[c.type] ?? []) out.push(replace('compare', c, alt));
    }
  }
  return out;
}

/** A2: off-by-one on range bounds, indices, slice ends and `x ± 1` expressions. */
export function offByOne(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  const bump = (n: Node) => {
    const t = n.text;
    if (n.type === 'integer' && /^\d+$/.test(t)) {
      const v = Number(t);
      out.push(replace('off-by-one', n, String(v + 1)));
      if (v > 0) out.push(replace('off-by-one', n, String(v - 1)));
      return;
    }
    if (n.type === 'binary_operator') {
      const r = n.childForFieldName('right');
      const o = n.childForFieldName('operator');
      if (r?.text === '1' && (o?.type === '+' || o?.type === '-')) {
        out.push(replace('off-by-one', n, n.childForFieldName('left')!.text));
      }
    }
    if (n.type === 'unary_operator' && n.text === '-1') {
      out.push(replace('off-by-one', n, '-2'));
      return;
    }
    const wrap = /^[\w.()\[\]]+$/.test(t) ? t : `(${t})`;
    out.push(replace('off-by-one', n, `${wrap} + 1`));
    out.push(replace('off-by-one', n, `${wrap} - 1`));
  };
  for (const call of ctx.ofType('call')) {
    if (call.childForFieldName('function')?.text !== 'range') continue;
    const args = named(call.childForFieldName('arguments')) ?? [];
    if (args.length === 1) out.push(replace('off-by-one', args[0], `1, ${args[0].text}`));
    if (args.length === 2 && (args[0].text === '1' || args[0].text === '0')) {
      out.push(replace('off-by-one', args[0], args[0].text === '1' ? '0' : '1'));
    }
    for (const a of args.slice(0, 2)) bump(a);
  }
  for (const sub of ctx.ofType('subscript')) {
    for (const s of named(sub).slice(1)) {
      if (s.type === 'slice') named(s).forEach(bump);
      else if (s.type === 'integer' || s.type === 'identifier' || s.type === 'binary_operator' || s.type === 'unary_operator') bump(s);
    }
  }
  for (const b of ctx.ofType('binary_operator')) {
    const r = b.childForFieldName('right');
    const o = b.childForFieldName('operator');
    if (r?.text === '1' && (o?.type === '+' || o?.type === '-') && b.parent?.type !== 'subscript') {
      out.push(replace('off-by-one', b, b.childForFieldName('left')!.text));
    }
  }
  for (const c of ctx.ofType('call')) {
    if (c.childForFieldName('function')?.text === 'len' && c.parent?.type !== 'binary_operator') {
      out.push(replace('off-by-one', c, `${c.text} - 1`));
    }
  }
  return out;
}

function conditionOf(n: Node): Node | null {
  return n.childForFieldName('condition');
}

/** A3: drop one side of `and` / `or`. */
export function dropConjunct(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const n of ctx.ofType('boolean_operator')) {
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    if (l) out.push(replace('drop-condition', n, l.text));
    if (r) out.push(replace('drop-condition', n, r.text));
  }
  return out;
}

/** A3 inverse: add a conjunct taken from another condition in the file. */
export function addConjunct(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  const conds = ctx.ofType('if_statement', 'elif_clause', 'while_statement').map(conditionOf).filter((c): c is Node => !!c);
  const pieces = new Set<string>();
  for (const c of conds) {
    if (c.type === 'boolean_operator') named(c).forEach((x) => pieces.add(x.text));
    else pieces.add(c.text);
  }
  for (const c of conds) {
    for (const p of pieces) {
      if (p === c.text || c.text.includes(p) || p.includes('\n')) continue;
      out.push(replace('add-condition', c, `${c.text} and ${p}`));
      out.push(replace('add-condition', c, `${c.text} or ${p}`));
    }
  }
  return out;
}

/** A4: negate a condition, remove a `not`, flip `and`/`or`. */
export function negateCondition(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const st of ctx.ofType('if_statement', 'elif_clause', 'while_statement', 'conditional_expression')) {
    const c = st.type === 'conditional_expression' ? named(st)[1] : conditionOf(st);
    if (!c) continue;
    if (c.type === 'not_operator') out.push(replace('negate', c, c.childForFieldName('argument')!.text));
    else out.push(replace('negate', c, /^[\w.()\[\]]+$/.test(c.text) ? `not ${c.text}` : `not (${c.text})`));
  }
  for (const n of ctx.ofType('not_operator')) {
    if (n.parent && conditionOf(n.parent)?.id === n.id) continue;
    out.push(replace('negate', n, n.childForFieldName('argument')!.text));
  }
  for (const n of ctx.ofType('boolean_operator')) {
    const o = n.childForFieldName('operator');
    if (o) out.push(replace('negate', o, o.type === 'and' ? 'or' : 'and'));
  }
  return out;
}

const ARITH: Record<string, string[]> = {
  '+': ['-'], '-': ['+'], '*': ['/', '//'], '/': ['//', '*'], '//': ['/', '%'], '%': ['//'], '**': ['*'],
  '<<': ['>>'], '>>': ['<<'], '&': ['|'], '|': ['&'],
};

/** C1: arithmetic operator swap. */
export function arithSwap(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const n of ctx.ofType('binary_operator')) {
    const o = n.childForFieldName('operator');
    if (!o) continue;
    if (o.type === '+' && (n.childForFieldName('left')?.type === 'string' || n.childForFieldName('right')?.type === 'string')) continue;
    for (const alt of ARITH[o.type] ?? []) out.push(replace('arith', o, alt));
  }
  return out;
}

const AUG: Record<string, string[]> = { '+=': ['-=', '='], '-=': ['+=', '='], '*=': ['+=', '/='], '/=': ['*=', '//='], '//=': ['/='], '|=': ['&='], '&=': ['|='] };

/** C4: augmented assignment operator change. */
export function augSwap(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const n of ctx.ofType('augmented_assignment')) {
    const o = n.childForFieldName('operator');
    if (o) for (const alt of AUG[o.type] ?? []) out.push(replace('augassign', o, alt));
  }
  for (const n of ctx.ofType('assignment')) {
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    if (l?.type === 'identifier' && r?.type === 'binary_operator' && r.childForFieldName('left')?.text === l.text) {
      const o = r.childForFieldName('operator')!.type;
      if (o === '+' || o === '-' || o === '*') {
        out.push({ op: 'augassign', edits: [{ start: n.startIndex, end: n.endIndex, text: `${l.text} = ${r.childForFieldName('right')!.text}` }] });
      }
    }
  }
  return out;
}

/** C5: unary minus / not removed or added on a simple operand. */
export function unaryChange(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const n of ctx.ofType('unary_operator')) {
    const a = n.childForFieldName('argument');
    if (a && n.childForFieldName('operator')?.type === '-') out.push(replace('unary', n, a.text));
  }
  for (const n of ctx.ofType('return_statement')) {
    const v = named(n)[0];
    if (v && (v.type === 'identifier' || v.type === 'call')) out.push(replace('unary', v, `-${v.text}`));
  }
  return out;
}

/** C2: swap the operands of a non-commutative operator. */
export function operandSwap(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const n of ctx.ofType('binary_operator', 'comparison_operator')) {
    const ch = named(n);
    if (ch.length !== 2) continue;
    const o = kids(n).find((c) => !c.isNamed)?.type ?? '';
    if (['+', '*', '==', '!=', '&', '|', 'and', 'or'].includes(o)) continue;
    const [l, r] = ch;
    out.push({ op: 'operand-swap', edits: [{ start: n.startIndex, end: n.endIndex, text: `${r.text} ${o} ${l.text}` }] });
  }
  return out;
}

/** B1/C2: a value read replaced by another name bound in the same function. */
export function variableMisuse(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  const cache = new Map<number, string[]>();
  for (const n of ctx.ofType('identifier')) {
    if (!isValueRead(n)) continue;
    const fn = ctx.enclosingFunction(n);
    const key = fn?.id ?? -1;
    if (!cache.has(key)) cache.set(key, ctx.localNames(fn));
    const names = cache.get(key)!;
    if (!names.includes(n.text)) continue;
    for (const alt of names) if (alt !== n.text) out.push(replace('variable', n, alt));
  }
  return out;
}

const SIBLINGS: string[][] = [
  ['min', 'max'], ['any', 'all'], ['sorted', 'reversed'], ['append', 'extend'], ['keys', 'values', 'items'],
  ['startswith', 'endswith'], ['strip', 'lstrip', 'rstrip'], ['find', 'index', 'rfind'], ['upper', 'lower'],
  ['isdigit', 'isalpha', 'isalnum'], ['floor', 'ceil'], ['split', 'rsplit'], ['remove', 'discard'],
  ['add', 'append'], ['insert', 'append'], ['get', 'pop'], ['update', 'extend'], ['sum', 'len'],
  ['isupper', 'islower'], ['join', 'split'], ['ord', 'chr'], ['hex', 'oct', 'bin'], ['int', 'float', 'round'],
  ['list', 'set', 'tuple'], ['str', 'repr'],
];
const SIBLING_OF = new Map<string, string[]>();
for (const g of SIBLINGS) for (const n of g) SIBLING_OF.set(n, [...(SIBLING_OF.get(n) ?? []), ...g.filter((x) => x !== n)]);

/** B3: API sibling substitution (min/max, any/all, keys/values/items, ...). */
export function apiSibling(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const call of ctx.ofType('call')) {
    const f = call.childForFieldName('function');
    const name = f?.type === 'attribute' ? f.childForFieldName('attribute') : f;
    if (!name || name.type !== 'identifier') continue;
    for (const alt of SIBLING_OF.get(name.text) ?? []) out.push(replace('api-sibling', name, alt));
    if (name.text === 'pop' && f?.type === 'attribute') {
      const args = call.childForFieldName('arguments')!;
      if (args.namedChildCount === 0) out.push(replace('api-sibling', args, '(0)'));
      else if (args.text === '(0)') out.push(replace('api-sibling', args, '()'));
    }
  }
  return out;
}

/** B2: attribute replaced by another attribute name seen in the file. */
export function attributeSwap(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  const attrs = ctx.ofType('attribute');
  const names = [...new Set(attrs.map((a) => a.childForFieldName('attribute')?.text).filter((x): x is string => !!x))];
  for (const a of attrs) {
    const at = a.childForFieldName('attribute');
    if (!at) continue;
    const isCall = a.parent?.type === 'call' && a.parent.childForFieldName('function')?.id === a.id;
    for (const alt of names) {
      if (alt === at.text) continue;
      const altIsCall = attrs.some((x) => x.childForFieldName('attribute')?.text === alt && x.parent?.type === 'call');
      if (altIsCall === isCall) out.push(replace('attribute', at, alt));
    }
  }
  return out;
}

const FAKE_METHODS = ['contains', 'push', 'has_key', 'length', 'size', 'add_all', 'remove_all', 'trim', 'to_list', 'is_empty'];

/** B4: a method renamed to a plausible method that does not exist. */
export function hallucinatedName(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const call of ctx.ofType('call')) {
    const f = call.childForFieldName('function');
    if (f?.type !== 'attribute') continue;
    const at = f.childForFieldName('attribute')!;
    for (const alt of FAKE_METHODS) if (alt !== at.text) out.push(replace('hallucination', at, alt));
    out.push(replace('hallucination', at, `${at.text}s`));
  }
  return out;
}

/** B5: a string literal replaced by another string literal of the file. */
export function stringSwap(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  const strings = ctx.ofType('string').filter((s) => !s.text.includes('\n') && s.text.length <= 40 && s.parent?.type !== 'expression_statement');
  const texts = [...new Set(strings.map((s) => s.text))];
  for (const s of strings) for (const alt of texts) if (alt !== s.text) out.push(replace('string', s, alt));
  return out;
}

/** C3: numeric and boolean literal changes, initial accumulators, infinities. */
export function literalChange(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const n of ctx.ofType('integer')) {
    if (!/^\d+$/.test(n.text)) continue;
    const v = Number(n.text);
    const alts = new Set([v + 1, Math.max(0, v - 1), v === 0 ? 1 : 0, v === 1 ? -1 : v * 2]);
    alts.delete(v);
    for (const a of alts) out.push(replace('literal', n, String(a)));
  }
  for (const n of ctx.ofType('true', 'false')) out.push(replace('literal', n, n.text === 'True' ? 'False' : 'True'));
  for (const n of ctx.ofType('string')) {
    if (n.text === "'inf'" || n.text === '"inf"') out.push(replace('literal', n, n.text.replace('inf', '-inf')));
    if (n.text === "'-inf'" || n.text === '"-inf"') out.push(replace('literal', n, n.text.replace('-inf', 'inf')));
  }
  for (const n of ctx.ofType('list', 'dictionary')) {
    if (n.namedChildCount === 0 && n.parent?.type === 'assignment') out.push(replace('literal', n, 'None'));
  }
  for (const n of ctx.ofType('none')) if (n.parent?.type === 'assignment') out.push(replace('literal', n, '[]'));
  return out;
}

/** F4: default parameter value changed. */
export function defaultChange(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const p of ctx.ofType('default_parameter', 'typed_default_parameter')) {
    const v = p.childForFieldName('value');
    if (!v) continue;
    if (v.type === 'integer') out.push(replace('default', v, String(Number(v.text) + 1)));
    if (v.type === 'true' || v.type === 'false') out.push(replace('default', v, v.text === 'True' ? 'False' : 'True'));
    if (v.type === 'none') out.push(replace('default', v, '0'));
  }
  return out;
}
