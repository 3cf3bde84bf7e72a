/**
 * Module context around a training unit. Real files put a function between a module docstring,
 * imports, trailing strings and `if __name__ == "__main__":` blocks; a model that only ever sees bare
 * functions can learn something spurious about those shapes (a model trained on bare units ranked the
 * `def` line first once a docstring followed the function). The pieces come from the same corpus
 * files, top-level only, and are never labelled.
 */
import { readFileSync } from 'node:fs';
import { named, withTree } from '../../server/src/language/python.js';
import type { Rng } from './rng.js';
import type { Sample } from './samples.js';

export const CONTEXT_KINDS = ['doc', 'imports', 'main'] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];
export type ContextPool = Record<ContextKind, string[]>;

const MAX_PIECE_LINES = 24;
/** Import statements per run (a parenthesised import over several lines counts once). */
const MAX_IMPORTS = 8;
const MAIN_GUARD = /^if\s+__name__\s*==\s*['"]__main__['"]\s*:/;

/** Top-level context pieces of one file: its module docstring, its first import run, its main block. */
export function contextOf(text: string): Partial<Record<ContextKind, string>> {
  return withTree(text, (tree) => {
    const out: Partial<Record<ContextKind, string>> = {};
    if (tree.rootNode.hasError) return out;
    const top = named(tree.rootNode).filter((n) => n.type !== 'comment');
    const first = top[0];
    if (first?.type === 'expression_statement' && first.namedChild(0)?.type === 'string') out.doc = first.text;
    const isImport = (t: string) => t === 'import_statement' || t === 'import_from_statement' || t === 'future_import_statement';
    const start = top.findIndex((n) => isImport(n.type));
    if (start >= 0) {
      const run = [];
      for (let k = start; k < top.length && isImport(top[k].type) && run.length < MAX_IMPORTS; k++) run.push(top[k].text);
      out.imports = run.join('\n');
    }
    const main = top.find((n) => n.type === 'if_statement' && MAIN_GUARD.test(n.text));
    if (main) out.main = main.text;
    for (const k of CONTEXT_KINDS) {
      const piece = out[k];
      if (piece !== undefined && (piece.split('\n').length > MAX_PIECE_LINES || /\t|\r/.test(piece))) delete out[k];
    }
    return out;
  });
}

/** Context pieces from the given files (each file read once), at most `cap` of each kind. */
export function collectContext(files: Iterable<string>, cap = 20000): ContextPool {
  const pool: ContextPool = { doc: [], imports: [], main: [] };
  for (const file of new Set(files)) {
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch { continue; }
    if (text.includes('\0')) continue;
    const bits = contextOf(text);
    for (const k of CONTEXT_KINDS) if (bits[k] !== undefined && pool[k].length < cap) pool[k].push(bits[k]!);
  }
  return pool;
}

export interface Placement {
  before: string[];
  after: string[];
}

/** A random placement: a docstring and/or imports before, a trailing string or a main block after. */
export function drawPlacement(pool: ContextPool, rng: Rng): Placement {
  const p: Placement = { before: [], after: [] };
  const take = (k: ContextKind) => (pool[k].length ? rng.pick(pool[k]) : undefined);
  if (rng.chance(0.5)) {
    const doc = rng.chance(0.7) ? take('doc') : undefined;
    const imports = rng.chance(0.6) ? take('imports') : undefined;
    p.before = [doc, imports].filter((x): x is string => x !== undefined);
  }
  if (rng.chance(0.6) || !p.before.length) {
    const piece = rng.chance(0.5) ? take('doc') : take('main');
    if (piece !== undefined) p.after = [piece];
  }
  return p;
}

/** `s` placed in a module: the pieces before and after it, its labels shifted to match. */
export function placeInModule(s: Sample, p: Placement): Sample {
  if (!p.before.length && !p.after.length) return s;
  const head = p.before.length ? p.before.join('\n\n') + '\n\n\n' : '';
  const body = s.text.endsWith('\n') ? s.text : s.text + '\n';
  const tail = p.after.length ? '\n\n' + p.after.join('\n\n') + '\n' : '';
  const shift = head.split('\n').length - 1;
  return { ...s, text: head + body + tail, lines: s.lines.map((l) => l + shift) };
}
