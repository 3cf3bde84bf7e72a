/**
 * Turning a model's reply into a new file text. Accepted: a fenced code block holding the rewritten
 * region, the whole rewritten function, or the whole file (told apart by the definitions it holds and
 * its size); line-number prefixes copied from the prompt are removed. Anything else is rejected with
 * a reason.
 */
import { type Node, named, withTree } from '../language/python.js';
import type { Region } from './regions.js';

export type ReplyKind = 'region' | 'function' | 'file';

export type ReplyResult = { ok: true; kind: ReplyKind; text: string } | { ok: false; reason: string };

/** The code of the reply: the largest Python (or untagged) fenced block. */
export function extractCode(reply: string): { code: string } | { reason: string } {
  const text = reply.replace(/\r\n/g, '\n');
  if (!text.trim()) return { reason: 'empty reply' };
  const blocks: { lang: string; code: string }[] = [];
  for (const m of text.matchAll(/(^|\n)[ \t]*(`{3,}|~{3,})[ \t]*([\w+.-]*)[^\n]*\n([\s\S]*?)\n?[ \t]*\2[ \t]*(?=\n|$)/g)) {
    blocks.push({ lang: m[3].toLowerCase(), code: m[4] });
  }
  const python = blocks.filter((b) => ['', 'python', 'py', 'python3'].includes(b.lang));
  if (python.length) {
    const code = python.reduce((a, b) => (b.code.length > a.code.length ? b : a)).code;
    return code.trim() ? { code } : { reason: 'empty code block' };
  }
  if (blocks.length) return { reason: `code block is not Python (${blocks[0].lang})` };
  if (/(^|\n)[ \t]*(```|~~~)/.test(text)) return { reason: 'unterminated code block (reply cut off?)' };
  // No fence at all: accept only text that parses as Python as a whole.
  if (parses(text)) return { code: text };
  return { reason: 'no code block in the reply' };
}

function parses(text: string): boolean {
  return withTree(text, (t) => !t.rootNode.hasError);
}

/** Remove `12 | ` / `>> 12 | ` prefixes when every non-blank line carries one. */
export function stripLineNumbers(code: string): string {
  const lines = code.split('\n');
  const re = /^(?:>>)?\s*\d+\s?[|:] ?/;
  const nonBlank = lines.filter((l) => l.trim());
  if (!nonBlank.length || !nonBlank.every((l) => re.test(l))) return code;
  return lines.map((l) => l.replace(re, '')).join('\n');
}

function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

/** Shift every line so that the least indented one gets `indent`. */
export function reindent(code: string, indent: string): string {
  const lines = code.replace(/\s+$/, '').split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  const nonBlank = lines.filter((l) => l.trim());
  const min = nonBlank.reduce((m, l) => Math.min(m, indentOf(l).length), Infinity);
  return lines.map((l) => (l.trim() ? indent + l.slice(min === Infinity ? 0 : min) : '')).join('\n');
}

interface Def { name: string; node: Node; start: number; end: number; startRow: number; endRow: number }

function defName(n: Node): string | undefined {
  const inner = n.type === 'decorated_definition' ? n.childForFieldName('definition') : n;
  return inner?.childForFieldName('name')?.text;
}

function topLevelDefs(text: string): string[] {
  return withTree(text, (t) => named(t.rootNode)
    .filter((n) => n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'decorated_definition')
    .map((n) => defName(n) ?? ''));
}

/** The innermost function holding the region, with the whole lines it spans. */
function enclosingFunction(text: string, region: Region): { name: string; start: number; end: number; indent: string } | null {
  return withTree(text, (t) => {
    let best: Def | null = null;
    const stack: Node[] = [t.rootNode];
    while (stack.length) {
      const n = stack.pop()!;
      if ((n.type === 'function_definition') && n.startIndex <= region.start && n.endIndex >= region.end - 1) {
        const outer = n.parent?.type === 'decorated_definition' ? n.parent : n;
        best = { name: defName(n) ?? '', node: outer, start: outer.startIndex, end: outer.endIndex, startRow: outer.startPosition.row, endRow: outer.endPosition.row };
      }
      stack.push(...named(n));
    }
    if (!best) return null;
    const lineStart = text.lastIndexOf('\n', best.start - 1) + 1;
    const nl = text.indexOf('\n', best.end);
    return { name: best.name, start: lineStart, end: nl < 0 ? text.length : nl + 1, indent: indentOf(text.slice(lineStart)) };
  });
}

function firstDefName(code: string): string | undefined {
  const m = /^[ \t]*(?:@[^\n]*\n[ \t]*)*(?:async[ \t]+)?def[ \t]+(\w+)/.exec(code.replace(/^\s*\n/, ''));
  return m?.[1];
}

function withNewline(s: string): string {
  return s.endsWith('\n') ? s : `${s}\n`;
}

/** Apply a model reply for `region` of `original`. */
export function applyReply(reply: string, original: string, region: Region): ReplyResult {
  const got = extractCode(reply);
  if ('reason' in got) return { ok: false, reason: got.reason };
  const code = stripLineNumbers(got.code).replace(/\s+$/, '');
  if (!code.trim()) return { ok: false, reason: 'empty code block' };
  const codeLines = code.split('\n').filter((l) => l.trim()).length;
  const originalLines = original.split('\n').filter((l) => l.trim()).length;
  const originalDefs = topLevelDefs(original);
  let kind: ReplyKind;
  let text: string;
  const defsInCode = parses(reindent(code, '')) ? topLevelDefs(reindent(code, '')) : [];
  const fn = enclosingFunction(original, region);
  const first = firstDefName(code);
  const coversFile = originalDefs.length > 0 && originalDefs.every((d) => defsInCode.includes(d));
  if (coversFile && (originalDefs.length > 1 || codeLines >= 0.8 * originalLines)) {
    kind = 'file';
    text = withNewline(code);
  } else if (first && defsInCode.length === 1) {
    // One function: the one around the region, or another function of the file by that name.
    const target = fn && fn.name === first ? fn : findFunction(original, first);
    if (!target) return { ok: false, reason: `reply defines ${first}(), which is not a function of the file` };
    kind = 'function';
    text = original.slice(0, target.start) + withNewline(reindent(code, target.indent)) + original.slice(target.end);
  } else if (defsInCode.length > 1 && !coversFile) {
    return { ok: false, reason: `reply holds ${defsInCode.length} definitions but not the whole file` };
  } else {
    kind = 'region';
    const regionText = original.slice(region.start, region.end);
    if (codeLines > (region.endLine - region.startLine + 1) + 40) return { ok: false, reason: 'reply is much longer than the region' };
    text = original.slice(0, region.start) + withNewline(reindent(code, indentOf(regionText))) + original.slice(region.end);
  }
  if (text === original) return { ok: false, reason: 'reply changes nothing' };
  if (!parses(text)) return { ok: false, reason: `the ${kind} from the reply does not parse` };
  return { ok: true, kind, text };
}

function findFunction(text: string, name: string): { name: string; start: number; end: number; indent: string } | null {
  return withTree(text, (t) => {
    const stack: Node[] = [t.rootNode];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'function_definition' && defName(n) === name) {
        const outer = n.parent?.type === 'decorated_definition' ? n.parent : n;
        const lineStart = text.lastIndexOf('\n', outer.startIndex - 1) + 1;
        const nl = text.indexOf('\n', outer.endIndex);
        return { name, start: lineStart, end: nl < 0 ? text.length : nl + 1, indent: indentOf(text.slice(lineStart)) };
      }
      stack.push(...named(n));
    }
    return null;
  });
}
