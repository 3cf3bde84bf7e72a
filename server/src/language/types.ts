/**
 * The language-neutral view of a source file that the featurizer, the mutation
 * generator and the refinement engine work on. One adapter per language fills it.
 */

export type TokenKind = 'keyword' | 'operator' | 'identifier' | 'string' | 'number' | 'other';

export interface Token {
  /** Source text of the token (strings are kept whole). */
  text: string;
  kind: TokenKind;
  /** Grammar node type: `identifier`, `string`, `==`, `if`, ... */
  type: string;
  /** 0-based line of the token's first character. */
  line: number;
  /** Character offsets into the file text (UTF-16 code units, like JS strings). */
  start: number;
  end: number;
}

/** Statement kinds, shared by every language (the featurizer one-hot encodes them). */
export const STATEMENT_KINDS = [
  'def', 'class', 'return', 'if', 'else', 'while', 'for', 'assign', 'augassign',
  'call', 'raise', 'import', 'other',
] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

export interface LineInfo {
  /** Indentation depth in blocks (not columns). */
  depth: number;
  blank: boolean;
  commentOnly: boolean;
  /** The line lies inside a multi-line string (docstring body, etc.) and starts no token. */
  inString: boolean;
  /** The line belongs to a statement that is only a string literal (a docstring). */
  stringOnly: boolean;
  /** Kind of the innermost statement that starts on this line ('other' when none starts here). */
  kind: StatementKind;
  /** A statement starts on this line. */
  startsStatement: boolean;
  firstInBlock: boolean;
  lastInBlock: boolean;
  /** The line opens a block (ends with a block header). */
  header: boolean;
  hasCompare: boolean;
  hasBoolOp: boolean;
  hasArith: boolean;
  hasSubscript: boolean;
  hasSlice: boolean;
  hasCall: boolean;
  hasSmallLiteral: boolean;
  loopDepth: number;
  /** Relative position (0..1) of the line inside its enclosing function, or the file at module level. */
  relPos: number;
  inFunction: boolean;
}

/** A region of whole lines that is featurized independently (a definition or a run of statements). */
export interface Chunk {
  startLine: number;
  /** Inclusive. */
  endLine: number;
  /** Chunks that are definitions always start a new model window. */
  definition: boolean;
}

export interface ParsedFile {
  language: string;
  text: string;
  lines: string[];
  tokens: Token[];
  lineInfo: LineInfo[];
  chunks: Chunk[];
  /** Syntax errors found by the parser (1-based lines), empty when the file parses. */
  errorLines: number[];
}

/** A syntactic region (statement or small block) used to grow suspicious lines into edit regions. */
export interface Region {
  startLine: number;
  endLine: number;
}

export interface LanguageAdapter {
  id: string;
  extensions: string[];
  /** Load the grammar (once); parse() needs it. */
  init(): Promise<void>;
  parse(text: string): ParsedFile;
}
