/**
 * Call-level and statement-level edit operators: arguments, conversions, deleted, moved,
 * inserted and truncated statements, guards and returns.
 */
import { type Change, type MutationContext, type Node, blockStatements, named } from './context.js';

const replace = (op: string, n: { startIndex: number; endIndex: number }, text: string): Change =>
  ({ op, edits: [{ start: n.startIndex, end: n.endIndex, text }] });

function argTexts(args: Node[]): string {
  return `(${args.map((a) => a.text).join(', ')})`;
}

/** D1/D2/D3: drop an argument, flip a boolean keyword argument, swap two positional arguments. */
export function argumentChange(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const call of ctx.ofType('call')) {
    const list = call.childForFieldName('arguments');
    if (!list || list.type !== 'argument_list') continue;
    const args = named(list).filter((a) => a.type !== 'comment');
    if (args.some((a) => a.text.includes('\n'))) continue;
    if (args.length >= 2 || args.some((a) => a.type === 'keyword_argument')) {
      args.forEach((_, i) => out.push(replace('argument', list, argTexts(args.filter((__, j) => j !== i)))));
    }
    for (const a of args) {
      const v = a.type === 'keyword_argument' ? a.childForFieldName('value') : null;
      if (v && (v.type === 'true' || v.type === 'false')) out.push(replace('argument', v, v.text === 'True' ? 'False' : 'True'));
    }
    const pos = args.filter((a) => a.type !== 'keyword_argument' && !a.type.includes('splat'));
    if (pos.length >= 2) {
      const sw = [...args];
      const i = args.indexOf(pos[0]);
      const j = args.indexOf(pos[1]);
      [sw[i], sw[j]] = [sw[j], sw[i]];
      out.push(replace('argument', list, argTexts(sw)));
    }
  }
  return out;
}

const CONVERSIONS = new Set(['int', 'float', 'str', 'list', 'tuple', 'set', 'sorted', 'abs', 'bool', 'dict', 'reversed', 'round']);

/** D4: unwrap a conversion call; D5: drop a no-argument method link (`.strip()`, `.items()`, ...). */
export function unwrapCall(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const call of ctx.ofType('call')) {
    const f = call.childForFieldName('function');
    const args = call.childForFieldName('arguments');
    if (!f || !args || args.type !== 'argument_list') continue;
    if (f.type === 'identifier' && CONVERSIONS.has(f.text) && args.namedChildCount === 1) {
      out.push(replace('unwrap', call, named(args)[0].text));
    }
    if (f.type === 'attribute' && args.namedChildCount === 0) {
      const obj = f.childForFieldName('object');
      if (obj) out.push(replace('unwrap', call, obj.text));
    }
  }
  return out;
}

const TRANSFORMS = ['abs', 'sorted', 'set', 'int', 'len', 'list', 'str'];

/** F2: wrap a value in a transform that was not asked for. */
export function wrapTransform(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const r of ctx.ofType('return_statement')) {
    const v = named(r)[0];
    if (!v || v.text.includes('\n')) continue;
    for (const t of TRANSFORMS) out.push(replace('transform', v, `${t}(${v.text})`));
  }
  for (const fs of ctx.ofType('for_statement')) {
    const it = fs.childForFieldName('right');
    if (it && !it.text.includes('\n')) for (const t of ['sorted', 'reversed', 'set']) out.push(replace('transform', it, `${t}(${it.text})`));
  }
  return out;
}

function deleteLines(ctx: MutationContext, op: string, first: number, last: number): Change {
  const [s, e] = ctx.lineSpan(first, last);
  return { op, edits: [{ start: s, end: e, text: '', deletion: true }] };
}

function simpleStatement(n: Node): boolean {
  return n.type === 'expression_statement' || n.type === 'return_statement' || n.type === 'raise_statement'
    || n.type === 'continue_statement' || n.type === 'break_statement' || n.type === 'assert_statement';
}

function wholeLines(ctx: MutationContext, n: Node): boolean {
  const s = n.startPosition.row;
  const e = n.endPosition.row;
  return ctx.lineText(s).trim().startsWith(n.text.split('\n')[0].trim()) && ctx.lineText(e).trimEnd().endsWith(n.text.split('\n').pop()!.trimEnd());
}

/** E1/E2: delete a statement from a block that keeps at least one statement. */
export function deleteStatement(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const b of ctx.ofType('block')) {
    const sts = blockStatements(b);
    if (sts.length < 2) continue;
    for (const st of sts) {
      if (st.type !== 'expression_statement' && st.type !== 'if_statement') continue;
      if (named(st)[0]?.type === 'string') continue;
      if (!wholeLines(ctx, st)) continue;
      out.push(deleteLines(ctx, 'delete', st.startPosition.row, st.endPosition.row));
    }
  }
  return out;
}

/** A5: remove a guard (`if ...: return/raise/continue/break` with one statement and no else). */
export function removeGuard(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const st of ctx.ofType('if_statement')) {
    if (st.childForFieldName('alternative')) continue;
    const body = blockStatements(st.childForFieldName('consequence'));
    if (body.length !== 1 || !/^(return|raise|continue|break)_statement$/.test(body[0].type)) continue;
    const parentSts = blockStatements(st.parent);
    if (parentSts.length < 2 || !wholeLines(ctx, st)) continue;
    out.push(deleteLines(ctx, 'remove-guard', st.startPosition.row, st.endPosition.row));
  }
  return out;
}

/** E3: return mutations: bare return, return another local, drop the final return. */
export function returnChange(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const r of ctx.ofType('return_statement')) {
    const v = named(r)[0];
    if (!v) continue;
    const fn = ctx.enclosingFunction(r);
    out.push(replace('return', r, 'return'));
    for (const name of ctx.localNames(fn)) if (name !== v.text) out.push(replace('return', v, name));
    const sts = blockStatements(r.parent);
    if (r.parent?.type === 'block' && r.parent.parent?.type === 'function_definition' && sts.length >= 2 && sts[sts.length - 1].id === r.id && wholeLines(ctx, r)) {
      out.push(deleteLines(ctx, 'return', r.startPosition.row, r.endPosition.row));
    }
  }
  return out;
}

/** E4: truncate the tail of a function body (1-3 statements). */
export function truncateTail(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const fn of ctx.ofType('function_definition')) {
    const sts = blockStatements(fn.childForFieldName('body')).filter((s) => !(s.type === 'expression_statement' && named(s)[0]?.type === 'string'));
    for (let k = 1; k <= 3 && k < sts.length; k++) {
      const first = sts[sts.length - k];
      out.push(deleteLines(ctx, 'truncate', first.startPosition.row, fn.endPosition.row));
    }
  }
  return out;
}

function reindent(text: string, from: string, to: string): string {
  return text.split('\n').map((l) => (l.startsWith(from) ? to + l.slice(from.length) : l)).join('\n');
}

/** E5: misplaced statement: last loop statement moved out of the loop, or the next statement moved in. */
export function misplaceStatement(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  for (const loop of ctx.ofType('for_statement', 'while_statement')) {
    if (loop.childForFieldName('alternative')) continue;
    const body = loop.childForFieldName('body');
    const sts = blockStatements(body);
    const loopIndent = ctx.indentOf(loop.startPosition.row);
    if (sts.length >= 2) {
      const last = sts[sts.length - 1];
      if (simpleStatement(last) && wholeLines(ctx, last)) {
        const [s, e] = ctx.lineSpan(last.startPosition.row, last.endPosition.row);
        const seg = ctx.text.slice(s, e);
        out.push({ op: 'misplace', edits: [{ start: s, end: e, text: reindent(seg, ctx.indentOf(last.startPosition.row), loopIndent) }] });
      }
    }
    const siblings = blockStatements(loop.parent);
    const next = siblings[siblings.findIndex((x) => x.id === loop.id) + 1];
    if (next && sts.length && simpleStatement(next) && wholeLines(ctx, next) && next.startPosition.row === loop.endPosition.row + 1) {
      const [s, e] = ctx.lineSpan(next.startPosition.row, next.endPosition.row);
      const seg = ctx.text.slice(s, e);
      out.push({ op: 'misplace', edits: [{ start: s, end: e, text: reindent(seg, loopIndent, ctx.indentOf(sts[0].startPosition.row)) }] });
    }
  }
  return out;
}

/** F1: insert a spurious guard at the top of a loop body or function body. */
export function insertGuard(ctx: MutationContext): Change[] {
  const out: Change[] = [];
  const insertBefore = (st: Node, line: string): Change => {
    const [s] = ctx.lineSpan(st.startPosition.row, st.startPosition.row);
    return { op: 'insert-guard', edits: [{ start: s, end: s, text: `${ctx.indentOf(st.startPosition.row)}${line}\n` }] };
  };
  for (const loop of ctx.ofType('for_statement')) {
    const v = loop.childForFieldName('left');
    const first = blockStatements(loop.childForFieldName('body'))[0];
    if (v?.type !== 'identifier' || !first || first.startPosition.row === loop.startPosition.row) continue;
    out.push(insertBefore(first, `if not ${v.text}:\n${ctx.indentOf(first.startPosition.row)}    continue`));
    out.push(insertBefore(first, `if ${v.text} < 0:\n${ctx.indentOf(first.startPosition.row)}    continue`));
  }
  for (const fn of ctx.ofType('function_definition')) {
    const params = ctx.localNames(fn).filter((n) => fn.childForFieldName('parameters')?.text.includes(n));
    const sts = blockStatements(fn.childForFieldName('body'));
    const first = sts.find((s) => !(s.type === 'expression_statement' && named(s)[0]?.type === 'string'));
    if (!params.length || !first || first.startPosition.row === fn.startPosition.row) continue;
    const ind = ctx.indentOf(first.startPosition.row);
    out.push(insertBefore(first, `if not ${params[0]}:\n${ind}    return None`));
    if (params.length > 1) out.push(insertBefore(first, `if ${params[0]} == ${params[1]}:\n${ind}    return ${params[0]}`));
  }
  return out;
}
