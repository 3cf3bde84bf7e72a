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
/** Node types that set one of the per-line expression flags. */
const FLAG_TYPES = new Set([
  'comparison_operator', 'boolean_operator', 'not_operator', 'binary_operator', 'augmented_assignment',
  'subscript', 'slice', 'call', 'integer',
]);
/** Node types statementKind() knows (besides expression_statement). */
const STATEMENT_TYPES = new Set([
  'function_definition', 'decorated_definition', 'class_definition', 'return_statement', 'if_statement', 'elif_clause',
  'else_clause', 'except_clause', 'finally_clause', 'while_statement', 'for_statement', 'raise_statement',
  'assert_statement', 'import_statement', 'import_from_statement', 'future_import_statement', 'case_clause',
]);
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

function tokenKind(type: string, isNamed: boolean): TokenKind {
  if (type === 'identifier') return 'identifier';
  if (type === 'string' || type === 'concatenated_string') return 'string';
  if (NUMBER_LEAVES.has(type)) return 'number';
  if (KEYWORD_LEAVES.has(type)) return 'keyword';
  if (!isNamed) return /^[a-z_]+$/.test(type) ? 'keyword' : 'operator';
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

function markExpressionFlags(type: string, text: string, start: number, end: number, line: LineInfo | undefined): void {
  if (!line) return;
  switch (type) {
    case 'comparison_operator': line.hasCompare = true; break;
    case 'boolean_operator': case 'not_operator': line.hasBoolOp = true; break;
    case 'binary_operator': case 'augmented_assignment': line.hasArith = true; break;
    case 'subscript': line.hasSubscript = true; break;
    case 'slice': line.hasSlice = true; break;
    case 'call': line.hasCall = true; break;
    case 'integer': if (end - start === 1 && /^[012]$/.test(text[start])) line.hasSmallLiteral = true; break;
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

  // Depth-first walk with a tree cursor (no node objects for most nodes), carrying block depth,
  // loop depth and the enclosing function's line span for the children of each node.
  type Frame = { depth: number; loops: number; fn: [number, number] | null; block: boolean; first: number; last: number };
  const frames: Frame[] = [{ depth: 0, loops: 0, fn: null, block: false, first: -1, last: -1 }];
  const c = tree.walk();
  const leafToken = (type: string, isNamed: boolean, start: number, end: number, row: number, endRow: number, f: Frame) => {
    if (SKIP_LEAVES.has(type) || end <= start) return;
    tokens.push({ text: text.slice(start, end), kind: tokenKind(type, isNamed), type, line: row, start, end });
    const li = info[row];
    if (li.blank) {
      li.blank = false;
      li.depth = f.depth;
      li.loopDepth = f.loops;
      if (f.fn) {
        li.relPos = (row - f.fn[0]) / Math.max(1, f.fn[1] - f.fn[0]);
        li.inFunction = true;
      }
    }
    if (type === 'string' && endRow > row) for (let r = row + 1; r <= endRow; r++) info[r].inString = true;
  };
  const leave = () => {
    const f = frames.pop()!;
    if (f.block && f.first >= 0) {
      info[f.first].firstInBlock = true;
      info[f.last].lastInBlock = true;
    }
  };
  const checkErrors = tree.rootNode.hasError;
  let first = true;
  for (;;) {
    const type = c.nodeType;
    const row = c.startPosition.row;
    const f = frames[frames.length - 1];
    let isNamed: boolean | undefined;
    const named = () => (isNamed ??= c.nodeIsNamed);
    if (f.block && type !== 'comment' && named()) {
      if (f.first < 0) f.first = row;
      f.last = row;
    }
    if (checkErrors && (type === 'ERROR' || c.nodeIsMissing)) errorLines.add(row + 1);
    if (FLAG_TYPES.has(type)) markExpressionFlags(type, text, c.startIndex, c.endIndex, info[row]);
    let endRow = -1;
    if (STATEMENT_TYPES.has(type) || type.endsWith('_statement')) {
      const node = c.currentNode;
      const kind = statementKind(node);
      if (type === 'expression_statement' && node.namedChildCount === 1
        && (node.firstNamedChild?.type === 'string' || node.firstNamedChild?.type === 'concatenated_string')) {
        endRow = c.endPosition.row;
        for (let r = row; r <= endRow; r++) info[r].stringOnly = true;
      }
      if (kind) {
        const li = info[row];
        li.startsStatement = true;
        li.kind = kind;
        if (BLOCK_STATEMENTS.has(type)) li.header = true;
      }
    }
    const isString = type === 'string' || type === 'concatenated_string';
    if (!first && isString) leafToken(type, named(), c.startIndex, c.endIndex, row, c.endPosition.row, f);
    first = false;
    if (type !== 'string') {
      if (type === 'function_definition' && endRow < 0) endRow = c.endPosition.row;
      frames.push({
        depth: type === 'block' ? f.depth + 1 : f.depth,
        loops: type === 'for_statement' || type === 'while_statement' ? f.loops + 1 : f.loops,
        fn: type === 'function_definition' ? [row, endRow] : f.fn,
        block: type === 'block' || type === 'module',
        first: -1,
        last: -1,
      });
      if (c.gotoFirstChild()) continue;
      leave();
      if (type !== 'concatenated_string' && type !== 'module') leafToken(type, named(), c.startIndex, c.endIndex, row, row, f);
    }
    let done = false;
    while (!c.gotoNextSibling()) {
      if (!c.gotoParent()) { done = true; break; }
      leave();
    }
    if (done) break;
  }
  c.delete();
  while (frames.length) leave();
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
