/**
 * The n-gram naturalness baseline over the featurizer's token keys: a trigram model trained on the
 * same corpus as the line model (training packages only), cached under bench/tmp/, and a line
 * score = the highest token surprisal on the line (max rather than mean: one odd token is what a
 * one-token bug looks like; the mean dilutes it on long lines).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePython } from '../server/src/language/python.js';
import type { ParsedFile } from '../server/src/language/types.js';
import { FEATURE_VERSION, tokenKey } from '../server/src/diagnose/featurizer.js';
import { DEFAULT_ROOTS, isValidationPackage, listPythonFiles, type Unit } from '../models/gen/corpus.js';
import { TRIGRAM_VERSION, TrigramCounter, TrigramModel, type TrigramData } from './ngram.js';
import type { Scored } from './metrics.js';

const MAX_DEPTH_MARK = 15;

/** A file as one key sequence: each line with tokens opens with its depth marker `<Ld>`. */
export function keySequence(file: ParsedFile): { keys: string[]; lineOf: Int32Array } {
  const byLine: string[][] = file.lines.map(() => []);
  for (const t of file.tokens) byLine[t.line]?.push(tokenKey(t));
  const keys: string[] = [];
  const lines: number[] = [];
  byLine.forEach((ks, r) => {
    if (!ks.length) return;
    keys.push(`<L${Math.min(file.lineInfo[r].depth, MAX_DEPTH_MARK)}>`);
    lines.push(-1);
    for (const k of ks) { keys.push(k); lines.push(r); }
  });
  return { keys, lineOf: Int32Array.from(lines) };
}

/** Max token surprisal (bits) per line, for the given 1-based lines; lines without tokens score 0. */
export function lineSurprisal(model: TrigramModel, file: ParsedFile, lines: readonly number[]): Scored[] {
  const { keys, lineOf } = keySequence(file);
  const s = model.surprisals(keys);
  const best = new Float64Array(file.lines.length);
  for (let i = 0; i < keys.length; i++) {
    const r = lineOf[i];
    if (r >= 0 && s[i] > best[r]) best[r] = s[i];
  }
  return lines.map((line) => ({ line, score: best[line - 1] ?? 0 }));
}

/** Cache key: the corpus file list (paths, sizes, mtimes) plus the code versions that shape the counts. */
export function corpusKey(roots: readonly string[] = DEFAULT_ROOTS): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ roots, trigram: TRIGRAM_VERSION, features: FEATURE_VERSION, split: 'isValidationPackage/v1', markers: MAX_DEPTH_MARK }));
  for (const root of roots) {
    for (const f of listPythonFiles(root)) {
      const st = statSync(f);
      h.update(`${f}\0${st.size}\0${Math.floor(st.mtimeMs)}\n`);
    }
  }
  return h.digest('hex').slice(0, 16);
}

/** Train on the training split of `units`. */
export function trainNgram(units: readonly Unit[]): TrigramModel {
  const c = new TrigramCounter();
  for (const u of units) {
    if (isValidationPackage(u.pkg)) continue;
    c.add(keySequence(parsePython(u.text)).keys);
  }
  return new TrigramModel(c.data());
}

function save(data: TrigramData, path: string): void {
  const arrays = [data.ctxU, data.ctxV, data.triCtx, data.triW, data.triCount];
  const header = Buffer.from(JSON.stringify({
    version: data.version, discount: data.discount, vocab: data.vocab, lengths: arrays.map((a) => a.length),
  }));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  const pad = Buffer.alloc((4 - ((4 + header.length) % 4)) % 4);
  writeFileSync(path, Buffer.concat([len, header, pad, ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]));
}

function load(path: string): TrigramData {
  const buf = readFileSync(path);
  const n = buf.readUInt32LE(0);
  const header = JSON.parse(buf.subarray(4, 4 + n).toString('utf8')) as {
    version: number; discount: number; vocab: string[]; lengths: number[];
  };
  let off = 4 + n + ((4 - ((4 + n) % 4)) % 4);
  const arrays = header.lengths.map((len) => {
    const a = new Uint32Array(len);
    Buffer.from(a.buffer).set(buf.subarray(off, off + len * 4));
    off += len * 4;
    return a;
  });
  const [ctxU, ctxV, triCtx, triW, triCount] = arrays;
  return { version: header.version, discount: header.discount, vocab: header.vocab, ctxU, ctxV, triCtx, triW, triCount };
}

export interface NgramInfo {
  cache: string;
  fromCache: boolean;
  vocab: number;
  trigramTypes: number;
  seconds: number;
}

/**
 * The trained baseline, from bench/tmp/ when its key matches, else trained now (and cached).
 * `units` is called only when training is needed (collecting the corpus takes a while).
 */
export function loadOrTrainNgram(
  units: () => readonly Unit[], dir = 'bench/tmp', log: (s: string) => void = () => {},
): { model: TrigramModel; info: NgramInfo } {
  const t0 = Date.now();
  const key = corpusKey();
  const path = join(dir, `ngram-${key}.bin`);
  let data: TrigramData | undefined;
  let fromCache = false;
  if (existsSync(path)) {
    try {
      data = load(path);
      fromCache = data.version === TRIGRAM_VERSION;
      if (!fromCache) data = undefined;
    } catch (e) {
      log(`n-gram cache ${path} unreadable (${(e as Error).message}); retraining`);
    }
  }
  let model: TrigramModel;
  if (data) model = new TrigramModel(data);
  else {
    log('training the trigram baseline on the training split');
    model = trainNgram(units());
    mkdirSync(dir, { recursive: true });
    save(model.data, path);
  }
  const info = {
    cache: path, fromCache, vocab: model.vocabSize, trigramTypes: model.data.triCtx.length,
    seconds: Math.round((Date.now() - t0) / 100) / 10,
  };
  return { model, info };
}
