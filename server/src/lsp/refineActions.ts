/**
 * Refinement → code actions, and a refinement result → one text edit. Pure functions: the job
 * registry (refineJobs.ts) says what exists, these say what the editor is offered.
 *
 * Every action has kind `quickfix`: they answer flare's diagnostics, and quick fixes are what every
 * editor lists by default at a diagnostic (VS Code's light bulb, Neovim's and Helix's code-action
 * menus); `refactor.rewrite` would hide them in VS Code's refactor menu and from clients that ask
 * for quick fixes only at a diagnostic.
 */
import {
  CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { SOURCE } from './diagnostics.js';

export const REFINE_COMMAND = 'flare.refine';
export const CANCEL_COMMAND = 'flare.cancel';
export const REFINE_TITLE = 'FLARE: refine suspicious code';
export const CANCEL_TITLE = 'FLARE: cancel refinement';

/** A finished refinement whose edit is offered as a code action. */
export interface ReadyFix {
  uri: string;
  /** The document version the job started from: the edit applies to it only. */
  version: number;
  /** Where the user asked for the refinement. */
  requested: Range;
  edit: TextEdit;
  passed: number;
  tests: number;
  fixed: boolean;
}

export interface ActionInput {
  uri: string;
  version: number;
  range: Range;
  /** `context.only` of the request. */
  only?: string[];
  /** Diagnostics the client sent in the context. */
  diagnostics: Diagnostic[];
  /** The document has flare scores (or the client sent flare diagnostics). */
  suspicious: boolean;
  running: boolean;
  ready?: ReadyFix;
  /** The client understands `documentChanges` (versioned edits). */
  documentChanges: boolean;
}

export function applyTitle(fix: Pick<ReadyFix, 'passed' | 'tests'>): string {
  return `FLARE: apply fix (${fix.passed}/${fix.tests} tests pass)`;
}

export function wanted(only: string[] | undefined, kind: string): boolean {
  return !only?.length || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

function touches(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** A workspace edit of one document version: versioned when the client can take it. */
export function workspaceEdit(uri: string, version: number, edit: TextEdit, documentChanges: boolean): WorkspaceEdit {
  return documentChanges
    ? { documentChanges: [{ textDocument: { uri, version }, edits: [edit] }] }
    : { changes: { [uri]: [edit] } };
}

export function refineActions(input: ActionInput): CodeAction[] {
  if (!wanted(input.only, CodeActionKind.QuickFix)) return [];
  const flare = input.diagnostics.filter((d) => d.source === SOURCE);
  const withDiags = (a: CodeAction): CodeAction => (flare.length ? { ...a, diagnostics: flare } : a);
  if (input.running) {
    return [withDiags({
      title: CANCEL_TITLE, kind: CodeActionKind.QuickFix,
      command: { title: CANCEL_TITLE, command: CANCEL_COMMAND, arguments: [{ uri: input.uri }] },
    })];
  }
  const out: CodeAction[] = [];
  const fix = input.ready;
  if (fix && fix.uri === input.uri && fix.version === input.version && (touches(input.range, fix.edit.range) || touches(input.range, fix.requested))) {
    out.push(withDiags({
      title: applyTitle(fix), kind: CodeActionKind.QuickFix, isPreferred: fix.fixed,
      edit: workspaceEdit(fix.uri, fix.version, fix.edit, input.documentChanges),
    }));
  }
  if (input.suspicious || flare.length) {
    const args = { uri: input.uri, version: input.version, range: input.range };
    out.push(withDiags({
      title: REFINE_TITLE, kind: CodeActionKind.QuickFix,
      command: { title: REFINE_TITLE, command: REFINE_COMMAND, arguments: [args] },
    }));
  }
  return out;
}

/**
 * The smallest whole-line edit that turns `before` into `after`: the lines both share at the start
 * and at the end stay; the lines between are replaced. Lines end at \n, \r\n or \r, as in LSP.
 */
export function lineEdit(before: string, after: string): TextEdit {
  const a = linesOf(before);
  const b = linesOf(after);
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const endLine = a.length - s;
  const last = a[a.length - 1] ?? '';
  // Past an unterminated last line there is no line start: end at that line's end instead.
  const end = endLine === a.length && a.length > 0 && !/[\r\n]$/.test(last)
    ? { line: a.length - 1, character: last.length }
    : { line: endLine, character: 0 };
  return { range: { start: { line: p, character: 0 }, end }, newText: b.slice(p, b.length - s).join('') };
}

/** The lines of a text, each with its line break. */
function linesOf(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}
