/**
 * What the edit operators see of a Python file: the tree, the text, and helpers for
 * scopes and line offsets. Used both to inject bugs (training data) and to repair them
 * (template candidates), since a repair template is the inverse of a bug pattern.
 */
import { kids, named, parsePythonTree, type Node, type Tree } from '../language/python.js';

export type { Node };
export { kids, named };

/** One text edit; offsets are UTF-16 indices into the original text. */
export interface Edit {
  start: number;
  end: number;
  text: string;
  /** Whole lines were removed (labels go to the line after the gap). */
  deletion?: boolean;
}

/** A proposed change: one or more non-overlapping edits made by one operator. */
export interface Change {
  op: string;
  edits: Edit[];
}

export class MutationContext {
  readonly tree: Tree;
  readonly lineStarts: number[];
  private allNodes?: Node[];
  private readonly ownsTree: boolean;

  constructor(readonly text: string, tree?: Tree) {
    this.ownsTree = !tree;
    this.tree = tree ?? parsePythonTree(text);
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** Free the parse tree (WASM memory) when this context made it. */
  dispose(): void {
    this.allNodes = undefined;
    if (this.ownsTree) this.tree.delete();
  }

  /** Every node of the tree, in document order. */
  nodes(): Node[] {
    if (this.allNodes) return this.allNodes;
    const out: Node[] = [];
    const stack: Node[] = [this.tree.rootNode];
    while (stack.length) {
      const n = stack.pop()!;
      out.push(n);
      const ch = kids(n);
      for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]);
    }
    this.allNodes = out;
    return out;
  }

  ofType(...types: string[]): Node[] {
    const set = new Set(types);
    return this.nodes().filter((n) => set.has(n.type));
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineText(line: number): string {
    const s = this.lineStarts[line];
    const e = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.text.length;
    return this.text.slice(s, e);
  }

  indentOf(line: number): string {
    return /^[ \t]*/.exec(this.lineText(line))![0];
  }

  /** Offsets covering whole lines [first, last] including the final newline. */
  lineSpan(first: number, last: number): [number, number] {
    const s = this.lineStarts[first];
    const e = last + 1 < this.lineStarts.length ? this.lineStarts[last + 1] : this.text.length;
    return [s, e];
  }

  /** The innermost function containing a node, if any. */
  enclosingFunction(node: Node): Node | null {
    for (let p: Node | null = node.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
    return null;
  }

  /** Names bound in a function: parameters, assignment targets, loop variables (in order of appearance). */
  localNames(fn: Node | null): string[] {
    const scope = fn ?? this.tree.rootNode;
    const names: string[] = [];
    const add = (n: Node | null) => {
      if (!n) return;
      if (n.type === 'identifier') { if (!names.includes(n.text)) names.push(n.text); return; }
      if (n.type === 'pattern_list' || n.type === 'tuple_pattern' || n.type === 'list_pattern' || n.type === 'tuple' || n.type === 'list') {
        for (const c of named(n)) add(c);
      }
    };
    const params = fn?.childForFieldName('parameters');
    if (params) {
      for (const p of named(params)) {
        if (p.type === 'identifier') add(p);
        else add(p.childForFieldName('name') ?? named(p).find((c) => c.type === 'identifier') ?? null);
      }
    }
    const stack: Node[] = [scope];
    while (stack.length) {
      const n = stack.pop()!;
      if (n !== scope && (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda')) continue;
      if (n.type === 'assignment' || n.type === 'augmented_assignment') add(n.childForFieldName('left'));
      if (n.type === 'for_statement' || n.type === 'for_in_clause') add(n.childForFieldName('left'));
      if (n.type === 'named_expression') add(n.childForFieldName('name'));
      for (const c of kids(n)) stack.push(c);
    }
    return names.filter((x) => x !== 'self' && x !== 'cls' && x !== '_');
  }
}

/** An identifier read as a plain value (not a definition name, attribute, keyword or call target). */
export function isValueRead(n: Node): boolean {
  if (n.type !== 'identifier') return false;
  const p = n.parent;
  if (!p) return false;
  switch (p.type) {
    case 'function_definition': case 'class_definition': case 'parameters': case 'lambda_parameters':
    case 'default_parameter': case 'typed_parameter': case 'typed_default_parameter':
    case 'import_statement': case 'import_from_statement': case 'dotted_name': case 'aliased_import':
    case 'global_statement': case 'nonlocal_statement': case 'decorator':
      return false;
    case 'keyword_argument': return p.childForFieldName('value')?.id === n.id;
    case 'attribute': return p.childForFieldName('object')?.id === n.id;
    case 'call': return p.childForFieldName('function')?.id !== n.id;
    case 'assignment': case 'augmented_assignment':
      return p.childForFieldName('left')?.id !== n.id || p.type === 'augmented_assignment';
    case 'for_statement': case 'for_in_clause': return p.childForFieldName('left')?.id !== n.id;
    default: return true;
  }
}

/** Statements directly inside a block, comments left out. */
export function blockStatements(block: Node | null): Node[] {
  return block ? named(block).filter((c) => c.type !== 'comment') : [];
}
