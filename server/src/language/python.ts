import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import type {
  Chunk, LanguageAdapter, LineInfo, ParsedFile, StatementKind, Token, TokenKind,
} from './types.js';

export type { Node, Tree };

/** Children without the nulls that web-tree-sitter's types allow. */
export function kids(n: Node | null | undefined): Node[] {
  return n ? (n.children.filter(Boolean) as Node[]) : [];
}

export function named(n: Node | null | undefined): Node[] {
  return n ? (n.namedChildren.filter(Boolean) as Node[]) : [];
}

const BLOCK_STATEMENTS = new Set([
  'function_definition', 'class_definition', 'if_statement', 'for_statement', 'while_statement',
  'try_statement', 'with_statement', 'match_statement', 'elif_clause', 'else_clause',
  'except_clause', 'finally_clause', 'case_clause', 'decorated_definition',
]);

const SKIP_LEAVES = new Set(['comment', 'line_continuation']);
const KEYWORD_LEAVES = new Set(['true', 'false', 'none']);
const NUMBER_LEAVES = new Set(['integer', 'float']);

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Load tree-sitter (WASM) and the Python grammar once; every parse needs this first. */
export function initPython(): Promise<void> {
  loading ??= (async () => {
    await Parser.init();
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('tree-sitter-python/package.json'));
    const lang = await Language.load(join(dir, 'tree-sitter-python.wasm'));
    const p = new Parser();
    p.setLanguage(lang);
    parser = p;
  })();
  return loading;
}

/** Parse Python text. The caller owns the tree and must call `tree.delete()` (WASM memory). */
export function parsePythonTree(text: string): Tree {
  if (!parser) throw new Error('tree-sitter is not loaded: await initPython() first');
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** Run `fn` on a parse tree and free the tree afterwards. */
export function withTree<T>(text: string, fn: (tree: Tree) => T): T {
  const tree = parsePythonTree(text);
  try {
    return fn(tree);
  } finally {
    tree.delete();
  }
}

/** Statement kind of a statement or clause node. */
export function statementKind(node: Node): StatementKind | undefined {
  switch (node.type) {
    case 'function_definition': return 'def';
    case 'decorated_definition': return 'def';
    case 'class_definition': return 'class';
    case 'return_statement': return 'return';
    case 'if_statement': case 'elif_clause': return 'if';
    case 'else_clause': case 'except_clause': case 'finally_clause': return 'else';
    case 'while_statement': return 'while';
    case 'for_statement': return 'for';
    case 'raise_statement': case 'assert_statement': return 'raise';
    case 'import_statement': case 'import_from_statement': case 'future_import_statement': return 'import';
    case 'expression_statement': {
      const first = node.firstNamedChild;
      if (!first) return 'other';
      if (first.type === 'assignment') return 'assign';
      if (first.type === 'augmented_assignment') return 'augassign';
      if (first.type === 'call' || first.type === 'await') return 'call';
      return 'other';
    }
    default:
      if (node.type.endsWith('_statement') || node.type === 'case_clause') return 'other';
      return undefined;
  }
}

function tokenKind(node: Node): TokenKind {
  if (node.type === 'identifier') return 'identifier';
  if (node.type === 'string' || node.type === 'concatenated_string') return 'string';
  if (NUMBER_LEAVES.has(node.type)) return 'number';
  if (KEYWORD_LEAVES.has(node.type)) return 'keyword';
  if (!node.isNamed) return /^[a-z_]+$/.test(node.type) ? 'keyword' : 'operator';
  return 'other';
}

function emptyLine(): LineInfo {
  return {
    depth: 0, blank: true, commentOnly: false, inString: false, stringOnly: false, kind: 'other', startsStatement: false,
    firstInBlock: false, lastInBlock: false, header: false, hasCompare: false, hasBoolOp: false,
    hasArith: false, hasSubscript: false, hasSlice: false, hasCall: false, hasSmallLiteral: false,
    loopDepth: 0, relPos: 0, inFunction: false,
  };
}

function isDefinition(node: Node): boolean {
  if (node.type === 'function_definition' || node.type === 'class_definition') return true;
  return node.type === 'decorated_definition';
}

function definitionInner(node: Node): Node {
  return node.type === 'decorated_definition' ? (node.childForFieldName('definition') ?? node) : node;
}

/** Split statements into chunks: every definition is its own chunk, classes are split at their methods. */
function collectChunks(statements: Node[], out: Chunk[]): void {
  let runStart = -1;
  let runEnd = -1;
  const flush = () => {
    if (runStart >= 0) out.push({ startLine: runStart, endLine: runEnd, definition: false });
    runStart = -1;
  };
  for (const st of statements) {
    if (st.type === 'comment') continue;
    const start = st.startPosition.row;
    const end = st.endPosition.row;
    if (!isDefinition(st)) {
      if (runStart < 0) runStart = start;
      runEnd = end;
      continue;
    }
    flush();
    const inner = definitionInner(st);
    if (inner.type !== 'class_definition') {
      out.push({ startLine: start, endLine: end, definition: true });
      continue;
    }
    const body = inner.childForFieldName('body');
    const members = body ? named(body).filter((c) => c.type !== 'comment') : [];
    const firstDef = members.find(isDefinition);
    if (!firstDef) {
      out.push({ startLine: start, endLine: end, definition: true });
      continue;
    }
    out.push({ startLine: start, endLine: firstDef.startPosition.row - 1, definition: true });
    collectChunks(members.slice(members.indexOf(firstDef)), out);
  }
  flush();
}

function markExpressionFlags(node: Node, info: LineInfo[]): void {
  const line = info[node.startPosition.row];
  if (!line) return;
  switch (node.type) {
    case 'comparison_operator': line.hasCompare = true; break;
    case 'boolean_operator': case 'not_operator': line.hasBoolOp = true; break;
    case 'binary_operator': case 'augmented_assignment': line.hasArith = true; break;
    case 'subscript': line.hasSubscript = true; break;
    case 'slice': line.hasSlice = true; break;
    case 'call': line.hasCall = true; break;
    case 'integer': if (/^[012]$/.test(node.text)) line.hasSmallLiteral = true; break;
    default: break;
  }
}

export function parsePython(text: string): ParsedFile {
  return withTree(text, (tree) => analyse(text, tree));
}

function analyse(text: string, tree: Tree): ParsedFile {
  const lines = text.split('\n');
  const info: LineInfo[] = lines.map(emptyLine);
  const tokens: Token[] = [];
  const errorLines = new Set<number>();

  // Iterative walk carrying block depth, loop depth and the enclosing function's line span.
  type Frame = { node: Node; depth: number; loops: number; fn: [number, number] | null };
  const stack: Frame[] = [{ node: tree.rootNode, depth: 0, loops: 0, fn: null }];
  while (stack.length) {
    const { node, depth, loops, fn } = stack.pop()!;
    if (node.type === 'ERROR' || node.isMissing) errorLines.add(node.startPosition.row + 1);
    markExpressionFlags(node, info);
    const kind = statementKind(node);
    if (node.type === 'expression_statement' && node.namedChildCount === 1
      && (node.firstNamedChild?.type === 'string' || node.firstNamedChild?.type === 'concatenated_string')) {
      for (let r = node.startPosition.row; r <= node.endPosition.row; r++) info[r].stringOnly = true;
    }
    if (kind) {
      const li = info[node.startPosition.row];
      li.startsStatement = true;
      li.kind = kind;
      if (BLOCK_STATEMENTS.has(node.type)) li.header = true;
    }
    if (node.type === 'block' || node.type === 'module') {
      const sts = named(node).filter((c) => c.type !== 'comment');
      if (sts.length) {
        info[sts[0].startPosition.row].firstInBlock = true;
        info[sts[sts.length - 1].startPosition.row].lastInBlock = true;
      }
    }
    const isLeaf = node.childCount === 0 || node.type === 'string' || node.type === 'concatenated_string';
    if (isLeaf && node.type !== 'module') {
      if (!SKIP_LEAVES.has(node.type) && node.endIndex > node.startIndex) {
        const row = node.startPosition.row;
        tokens.push({
          text: node.text, kind: tokenKind(node), type: node.type, line: row,
          start: node.startIndex, end: node.endIndex,
        });
        const li = info[row];
        if (li.blank) {
          li.blank = false;
          li.depth = depth;
          li.loopDepth = loops;
          if (fn) {
            const span = Math.max(1, fn[1] - fn[0]);
            li.relPos = (row - fn[0]) / span;
            li.inFunction = true;
          }
        }
        if (node.type === 'string' && node.endPosition.row > row) {
          for (let r = row + 1; r <= node.endPosition.row; r++) info[r].inString = true;
        }
      }
      if (node.type !== 'concatenated_string') continue;
    }
    let childDepth = depth;
    let childLoops = loops;
    let childFn = fn;
    if (node.type === 'block') childDepth = depth + 1;
    if (node.type === 'for_statement' || node.type === 'while_statement') childLoops = loops + 1;
    if (node.type === 'function_definition') childFn = [node.startPosition.row, node.endPosition.row];
    const children = kids(node);
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ node: children[i], depth: childDepth, loops: childLoops, fn: childFn });
    }
  }
  tokens.sort((a, b) => a.start - b.start);

  for (let r = 0; r < lines.length; r++) {
    const li = info[r];
    const trimmed = lines[r].trim();
    if (li.blank && trimmed.startsWith('#')) li.commentOnly = true;
    if (li.blank && trimmed.length > 0) li.depth = Math.floor((lines[r].length - lines[r].trimStart().length) / 4);
    li.blank = trimmed.length === 0;
    if (!li.blank && li.relPos === 0 && !li.inFunction) li.relPos = lines.length > 1 ? r / (lines.length - 1) : 0;
  }

  const chunks: Chunk[] = [];
  collectChunks(named(tree.rootNode), chunks);
  return {
    language: 'python', text, lines, tokens, lineInfo: info, chunks,
    errorLines: [...errorLines].sort((a, b) => a - b),
  };
}

export const python: LanguageAdapter = {
  id: 'python',
  extensions: ['.py', '.pyi', '.pyw'],
  init: initPython,
  parse: parsePython,
};
