/**
 * Consistent renaming of local names, a training augmentation: a function's parameters and the names
 * it assigns get other names everywhere in that function, so the model cannot lean on particular
 * identifiers (learned localizers latch onto such cues). Lines never move, so bug labels still hold.
 */
import { named, withTree, type Node } from '../../server/src/language/python.js';
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

/** Where a name is bound inside a target expression (`a, (b, *c) = ...`); attributes and subscripts bind nothing. */
function boundIn(n: Node | null, out: Set<string>): void {
  if (!n) return;
  if (n.type === 'identifier') out.add(n.text);
  else if (/^(pattern_list|tuple_pattern|list_pattern|tuple|list|list_splat_pattern|parenthesized_expression)$/.test(n.type)) {
    for (const c of named(n)) boundIn(c, out);
  }
}

/** Parameter names of a `parameters` node. */
function paramNames(params: Node | null, out: Set<string>): void {
  for (const p of named(params)) {
    if (p.type === 'identifier') out.add(p.text);
    else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') boundIn(p.childForFieldName('name'), out);
    else if (/^(typed_parameter|list_splat_pattern|dictionary_splat_pattern)$/.test(p.type)) {
      const id = named(p).find((c) => c.type === 'identifier');
      if (id) out.add(id.text);
    }
  }
}

/** Names a function binds: parameters, assignment, loop and `as` targets, walrus names (nested functions included). */
function localNames(fn: Node): Set<string> | null {
  const out = new Set<string>();
  paramNames(fn.childForFieldName('parameters'), out);
  let scoped = false;
  const walk = (n: Node) => {
    if (n.type === 'global_statement' || n.type === 'nonlocal_statement') scoped = true;
    if (n.type === 'assignment' || n.type === 'augmented_assignment' || n.type === 'for_statement' || n.type === 'for_in_clause') {
      boundIn(n.childForFieldName('left'), out);
    } else if (n.type === 'as_pattern') {
      const alias = n.childForFieldName('alias');
      boundIn(alias && alias.type === 'as_pattern_target' ? named(alias)[0] ?? null : alias, out);
    } else if (n.type === 'named_expression') {
      boundIn(n.childForFieldName('name'), out);
    } else if (n.type === 'function_definition' && n !== fn) {
      paramNames(n.childForFieldName('parameters'), out);
    }
    for (const c of named(n)) walk(c);
  };
  walk(fn);
  return scoped ? null : out;
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
    const edits: { start: number; end: number; text: string }[] = [];
    withTree(text, (tree) => {
      if (tree.rootNode.hasError) return;
      const fns: Node[] = [];
      const collect = (n: Node) => {
        for (const c of named(n)) {
          const inner = c.type === 'decorated_definition' ? c.childForFieldName('definition') : c;
          if (inner?.type === 'function_definition') fns.push(inner);
          else if (inner?.type === 'class_definition') collect(inner.childForFieldName('body')!);
        }
      };
      collect(tree.rootNode);
      for (const fn of fns) {
        const locals = localNames(fn);
        if (!locals) continue;
        const uses = nameUses(fn);
        const taken = new Set(uses.map((u) => u.text));
        const map = new Map<string, string>();
        for (const name of locals) {
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
    });
    if (!edits.length) return text;
    edits.sort((a, b) => a.start - b.start);
    let out = '';
    let pos = 0;
    for (const e of edits) {
      out += text.slice(pos, e.start) + e.text;
      pos = e.end;
    }
    const renamed = out + text.slice(pos);
    // Renaming must keep the file valid; otherwise keep the original.
    return withTree(renamed, (t) => !t.rootNode.hasError) ? renamed : text;
  }
}

/** Identifiers of a vocabulary (`i:name` keys) usable as local names. */
export function namePool(tokens: readonly string[]): string[] {
  return tokens.filter((k) => k.startsWith('i:')).map((k) => k.slice(2))
    .filter((n) => /^[a-z_][a-z0-9_]*$/.test(n) && !KEYWORDS.has(n) && !KEEP.has(n) && !/^__.*__$/.test(n));
}
