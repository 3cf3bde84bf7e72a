/**
 * THE featurizer: turns a parsed file into model inputs. The training-data generator and
 * inference both call this module, so the two cannot drift. Any change to what it produces
 * must bump FEATURE_VERSION (models record it and refuse to load on mismatch).
 */
import { createHash } from 'node:crypto';
import { STATEMENT_KINDS, type LineInfo, type ParsedFile, type Token } from '../language/types.js';

export const FEATURE_VERSION = 1;
/** Tokens per model window and lines per window (windows hold whole lines). */
export const WINDOW_TOKENS = 256;
export const WINDOW_LINES = 64;
/** Window-local identifier indices run 1..IDENT_MAX (0 = not an identifier). */
export const IDENT_MAX = 63;
export const LINE_FEATURES = 32;
const MAX_DEPTH_MARK = 15;

export const SPECIALS = [
  '<pad>', '<unk>',
  ...Array.from({ length: MAX_DEPTH_MARK + 1 }, (_, i) => `<L${i}>`),
  '<str>', '<fstr>', '<bytes>', '<num>', '<float>',
];
const ID_UNK = 1;
const ID_LINE0 = 2;
const id = (name: string) => SPECIALS.indexOf(name);

export interface Vocab {
  language: string;
  /** Frequent token keys, in id order after the specials. */
  tokens: string[];
  /** Out-of-vocabulary identifiers hash into this many buckets. */
  hashBuckets: number;
}

export interface Window {
  ids: Int32Array;
  idents: Int32Array;
  /** Line slot (0..WINDOW_LINES-1) of every token. */
  slots: Int32Array;
  /** 0-based file line of every slot in use. */
  lines: number[];
  /** Content hash: equal keys give equal encoder outputs. */
  key: string;
}

export interface Features {
  nLines: number;
  windows: Window[];
  /** Per file line: windowIndex * WINDOW_LINES + slot, or -1 when the line has no tokens. */
  lineRef: Int32Array;
  /** [nLines * LINE_FEATURES] */
  lineFeats: Float32Array;
  /** Lines the model sees (0-based): every line that is not blank. */
  candidates: number[];
  /** Per line: 1 when it holds code (a token outside comments and docstrings), the only lines that can be suspicious. */
  code: Uint8Array;
  /** Per line: index of the chunk (definition or statement run) it belongs to. */
  chunkOf: Int32Array;
}

/** Vocabulary key of a token (before the vocabulary decides whether it is known). */
export function tokenKey(tok: Token): string {
  switch (tok.kind) {
    case 'identifier': return `i:${tok.text}`;
    case 'number': return `n:${tok.text}`;
    case 'string': return stringKey(tok.text);
    case 'keyword': return `k:${tok.type === 'true' || tok.type === 'false' || tok.type === 'none' ? tok.text : tok.type}`;
    case 'operator': return `k:${tok.type}`;
    default: return `t:${tok.type}`;
  }
}

function stringKey(text: string): string {
  const m = /^([A-Za-z]*)('''|"""|'|")([\s\S]*)\2$/.exec(text);
  if (!m) return '<str>';
  const prefix = m[1].toLowerCase();
  if (prefix.includes('f')) return '<fstr>';
  if (prefix.includes('b')) return '<bytes>';
  const body = m[3];
  if (body.length <= 12 && !body.includes('\n')) return `s:${body}`;
  return '<str>';
}

function fallbackId(tok: Token, key: string, vocab: Vocab): number {
  if (tok.kind === 'identifier') return SPECIALS.length + vocab.tokens.length + (fnv1a(tok.text) % vocab.hashBuckets);
  if (tok.kind === 'string') return key.startsWith('<') ? id(key) : id('<str>');
  if (tok.kind === 'number') return /[.eEjJ]/.test(tok.text) && !/^0[xXoObB]/.test(tok.text) ? id('<float>') : id('<num>');
  return ID_UNK;
}

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Total embedding rows the model needs for this vocabulary. */
export function vocabSize(vocab: Vocab): number {
  return SPECIALS.length + vocab.tokens.length + vocab.hashBuckets;
}

export function vocabHash(vocab: Vocab): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ specials: SPECIALS, language: vocab.language, tokens: vocab.tokens, hashBuckets: vocab.hashBuckets }));
  return h.digest('hex').slice(0, 16);
}

const lookupCache = new WeakMap<Vocab, Map<string, number>>();
function lookup(vocab: Vocab): Map<string, number> {
  let m = lookupCache.get(vocab);
  if (!m) {
    m = new Map(vocab.tokens.map((t, i) => [t, SPECIALS.length + i]));
    lookupCache.set(vocab, m);
  }
  return m;
}

export function tokenId(tok: Token, vocab: Vocab): number {
  const key = tokenKey(tok);
  return lookup(vocab).get(key) ?? fallbackId(tok, key, vocab);
}

/** The per-line hand features (fixed order; LINE_FEATURES long). */
export function lineFeatureVector(li: LineInfo, tokenCount: number, out: Float32Array, offset: number): void {
  const f = (i: number, v: number | boolean) => { out[offset + i] = typeof v === 'boolean' ? (v ? 1 : 0) : v; };
  f(0, Math.min(li.depth, 8) / 8);
  f(1, li.relPos);
  f(2, li.firstInBlock);
  f(3, li.lastInBlock);
  f(4, Math.min(tokenCount, 32) / 32);
  f(5, li.blank);
  f(6, li.commentOnly);
  f(7, li.inString);
  const k = STATEMENT_KINDS.indexOf(li.kind);
  if (li.startsStatement && k >= 0) f(8 + k, 1);
  // 8..20 statement kinds (13)
  f(21, li.hasCompare);
  f(22, li.hasBoolOp);
  f(23, li.hasArith);
  f(24, li.hasSubscript);
  f(25, li.hasSlice);
  f(26, li.hasCall);
  f(27, li.hasSmallLiteral);
  f(28, li.loopDepth > 0);
  f(29, Math.min(li.loopDepth, 3) / 3);
  f(30, li.header);
  f(31, li.inFunction);
}

/** Turn a parsed file into windows, line references and line features. */
export function featurize(file: ParsedFile, vocab: Vocab): Features {
  const nLines = file.lines.length;
  const byLine: Token[][] = Array.from({ length: nLines }, () => []);
  for (const t of file.tokens) byLine[t.line]?.push(t);

  // Chunk of every line: a window never spans two chunks, so an edit re-encodes only its chunk.
  const chunkOf = new Int32Array(nLines).fill(-1);
  file.chunks.forEach((c, ci) => {
    for (let r = Math.max(0, c.startLine); r <= Math.min(nLines - 1, c.endLine); r++) chunkOf[r] = ci;
  });
  let prev = -1;
  for (let r = 0; r < nLines; r++) {
    if (chunkOf[r] < 0) chunkOf[r] = prev;
    else prev = chunkOf[r];
  }

  const windows: Window[] = [];
  const lineRef = new Int32Array(nLines).fill(-1);
  let ids: number[] = [];
  let slots: number[] = [];
  let winLines: number[] = [];
  let identNames: string[] = [];
  let idents: number[] = [];
  let winChunk = -2;
  const close = () => {
    if (!ids.length) return;
    windows.push(makeWindow(ids, idents, slots, winLines));
    ids = []; slots = []; winLines = []; identNames = []; idents = [];
  };
  for (let r = 0; r < nLines; r++) {
    const toks = byLine[r];
    if (!toks.length) continue;
    const lineLen = Math.min(WINDOW_TOKENS, toks.length + 1);
    if (chunkOf[r] !== winChunk || ids.length + lineLen > WINDOW_TOKENS || winLines.length >= WINDOW_LINES) {
      close();
      winChunk = chunkOf[r];
    }
    const slot = winLines.length;
    winLines.push(r);
    lineRef[r] = windows.length * WINDOW_LINES + slot;
    ids.push(ID_LINE0 + Math.min(file.lineInfo[r].depth, MAX_DEPTH_MARK));
    idents.push(0);
    slots.push(slot);
    for (const t of toks.slice(0, lineLen - 1)) {
      ids.push(tokenId(t, vocab));
      if (t.kind === 'identifier') {
        let k = identNames.indexOf(t.text);
        if (k < 0) { identNames.push(t.text); k = identNames.length - 1; }
        idents.push(Math.min(k + 1, IDENT_MAX));
      } else idents.push(0);
      slots.push(slot);
    }
  }
  close();

  const lineFeats = new Float32Array(nLines * LINE_FEATURES);
  const candidates: number[] = [];
  const code = new Uint8Array(nLines);
  for (let r = 0; r < nLines; r++) {
    const li = file.lineInfo[r];
    lineFeatureVector(li, byLine[r].length, lineFeats, r * LINE_FEATURES);
    if (!li.blank) candidates.push(r);
    if (byLine[r].length && !li.stringOnly) code[r] = 1;
  }
  return { nLines, windows, lineRef, lineFeats, candidates, code, chunkOf };
}

function makeWindow(ids: number[], idents: number[], slots: number[], lines: number[]): Window {
  const w = { ids: Int32Array.from(ids), idents: Int32Array.from(idents), slots: Int32Array.from(slots) };
  const h = createHash('sha1');
  h.update(Buffer.from(w.ids.buffer));
  h.update(Buffer.from(w.idents.buffer));
  h.update(Buffer.from(w.slots.buffer));
  return { ...w, lines: [...lines], key: h.digest('base64') };
}
