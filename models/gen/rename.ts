/**
 * Consistent renaming of local names, a training augmentation: a function's parameters and the names
 * it assigns (MutationContext.localNames, as variable misuse uses them) get other names everywhere in
 * that function, so the model cannot lean on particular
 * identifiers (learned localizers latch onto such cues). Lines never move, so bug labels still hold.
 */
import { named, type Node } from '../../server/src/language/python.js';
import { MutationContext, type Edit } from '../../server/src/mutate/context.js';
import { applyChange, isValid } from '../../server/src/mutate/apply.js';
import type { Rng } from './rng.js';

const KEEP = new Set([
  'self', 'cls', 'len', 'range', 'print', 'int', 'str', 'float', 'list', 'dict', 'set', 'tuple', 'min', 'max',
  'sum', 'abs', 'sorted', 'reversed', 'enumerate', 'zip', 'map', 'filter', 'any', 'all', 'isinstance', 'type',
  'object', 'super', 'iter', 'next', 'open', 'ord', 'chr', 'bool', 'bytes', 'repr', 'hash', 'id', 'getattr',
  'setattr', 'hasattr', 'callable', 'format', 'round', 'divmod', 'pow', 'input', 'vars', 'globals', 'locals',
]);
const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case', 'print', 'exec',
]);
const SYLLABLES = ['ka', 'mo', 'ri', 'te', 'zu', 'pa', 'lo', 'vi', 'ne', 'su', 'gra', 'fo', 'bel', 'dan', 'ux', 'om'];

/** A function that declares `global` or `nonlocal` names: renaming its assignments would change other scopes. */
function touchesOuterScope(fn: Node): boolean {
  return named(fn).some((c) => c.type === 'global_statement' || c.type === 'nonlocal_statement' || touchesOuterScope(c));
}

/** Every identifier occurrence in `fn` that refers to a plain name (not `.attr`, not `name=` in a call). */
function nameUses(fn: Node, out: Node[] = []): Node[] {
  for (const c of named(fn)) {
    if (c.type === 'identifier') {
      const p = c.parent;
      const isAttr = p?.type === 'attribute' && p.childForFieldName('attribute')?.id === c.id;
      const isKeyword = p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === c.id;
      if (!isAttr && !isKeyword) out.push(c);
    } else {
      nameUses(c, out);
    }
  }
  return out;
}

export class Renamer {
  /** `pool`: plausible identifiers to draw new names from (e.g. the vocabulary's identifiers). */
  constructor(private readonly pool: readonly string[]) {}

  private fresh(rng: Rng, taken: Set<string>): string {
    for (let t = 0; t < 20; t++) {
      let name: string;
      // Pool names are in frequency order; the cube favours common ones (i, x, name, value, ...).
      if (this.pool.length && rng.chance(0.6)) name = this.pool[Math.floor(this.pool.length * rng.next() ** 3)];
      else {
        name = rng.pick(SYLLABLES) + rng.pick(SYLLABLES);
        if (rng.chance(0.3)) name += `_${rng.pick(SYLLABLES)}`;
        if (rng.chance(0.2)) name += String(rng.int(10));
      }
      if (!taken.has(name) && !KEYWORDS.has(name) && !KEEP.has(name)) return name;
    }
    return `v${taken.size}_${rng.int(1_000_000)}`;
  }

  /**
   * `text` with each top-level function's local names renamed consistently (a method's too), or the
   * text unchanged when nothing can be renamed. Line breaks are untouched, so line numbers hold.
   */
  rename(text: string, rng: Rng): string {
    const ctx = new MutationContext(text);
    const edits: Edit[] = [];
    try {
      if (ctx.tree.rootNode.hasError) return text;
      // Outermost functions: a nested function's uses of outer names are renamed with its parent.
      for (const fn of ctx.ofType('function_definition')) {
        if (ctx.enclosingFunction(fn) || touchesOuterScope(fn)) continue;
        const uses = nameUses(fn);
        const taken = new Set(uses.map((u) => u.text));
        const map = new Map<string, string>();
        for (const name of ctx.localNames(fn)) {
          if (KEEP.has(name) || /^__.*__$/.test(name)) continue;
          const fresh = this.fresh(rng, taken);
          taken.add(fresh);
          map.set(name, fresh);
        }
        for (const u of uses) {
          const to = map.get(u.text);
          if (to) edits.push({ start: u.startIndex, end: u.endIndex, text: to });
        }
      }
    } finally {
      ctx.dispose();
    }
    // Renaming must keep the file valid; otherwise keep the original.
    const applied = applyChange(text, { op: 'rename', edits });
    return edits.length && isValid(text, applied) ? applied.text : text;
  }
}

/** Identifiers of a vocabulary (`i:name` keys) usable as local names. */
export function namePool(tokens: readonly string[]): string[] {
  return tokens.filter((k) => k.startsWith('i:')).map((k) => k.slice(2))
    .filter((n) => /^[a-z_][a-z0-9_]*$/.test(n) && !KEYWORDS.has(n) && !KEEP.has(n) && !/^__.*__$/.test(n));
}
