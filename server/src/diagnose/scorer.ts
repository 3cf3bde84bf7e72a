/**
 * Scores every line of a file: featurize, encode windows (cached by content), run the line head,
 * and turn logits into probabilities. The same code serves the CLI, the server and the benchmarks.
 */
import type { ParsedFile } from '../language/types.js';
import { featurize, LINE_FEATURES, WINDOW_LINES, type Window } from './featurizer.js';
import { createHash } from 'node:crypto';
import type { HeadOutput, LineModel } from './model.js';

export interface LineScore {
  /** 1-based line number. */
  line: number;
  /** Probability that the bug is on this line (softmax over code lines and "no bug"; 0 for comments/docstrings). */
  score: number;
  /** The model's own probability over every line it saw (what training optimised; for parity checks). */
  raw: number;
  /** 1-based rank, most suspicious first. */
  rank: number;
  /** Most likely bug kind for this line, and its probability. */
  kind: string;
  kindProb: number;
}

export interface FileScores {
  model: string;
  noBug: number;
  /** The model's own no-bug probability over every line it saw. */
  rawNoBug: number;
  /** Every non-blank line, most suspicious first. */
  lines: LineScore[];
  /** Windows encoded for this call (the rest came from the cache). */
  encoded: number;
}

export interface ScorerOptions {
  /** Window outputs kept in memory (LRU). */
  cacheSize?: number;
  /** Padded tokens per encoder call (windows of similar length share a call). */
  batchTokens?: number;
}

/** Lines the line head sees at once: about the longest samples it was trained on. */
export const HEAD_LINES = 200;
const HEAD_CACHE = 256;

export class Scorer {
  private cache = new Map<string, Float32Array>();
  private heads = new Map<string, HeadOutput>();
  private readonly cacheSize: number;
  private readonly batchTokens: number;

  constructor(readonly model: LineModel, opts: ScorerOptions = {}) {
    this.cacheSize = opts.cacheSize ?? 4096;
    this.batchTokens = opts.batchTokens ?? 256;
  }

  clearCache(): void {
    this.cache.clear();
    this.heads.clear();
  }

  private remember(key: string, value: Float32Array): void {
    this.cache.delete(key);
    this.cache.set(key, value);
    while (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
  }

  /** Encoder outputs for every window, encoding only the ones not cached (when useCache). */
  private async encodeAll(windows: Window[], useCache: boolean): Promise<{ blocks: Float32Array[]; encoded: number }> {
    const blocks: (Float32Array | undefined)[] = windows.map((w) => (useCache ? this.cache.get(w.key) : undefined));
    const missing = windows.map((w, i) => ({ w, i })).filter(({ i }) => !blocks[i]);
    // Shortest first, and a call takes windows while the padded batch stays within the token
    // budget: padding a short window to a long one costs more than a separate call.
    missing.sort((a, b) => a.w.ids.length - b.w.ids.length);
    let part: typeof missing = [];
    const flush = async () => {
      const out = await this.model.encode(part.map((m) => m.w));
      part.forEach((m, k) => { blocks[m.i] = out[k]; });
      part = [];
    };
    for (const m of missing) {
      if (part.length && (part.length + 1) * m.w.ids.length > this.batchTokens) await flush();
      part.push(m);
    }
    if (part.length) await flush();
    // Store new encodings and refresh hits in file order (one LRU touch per window).
    if (useCache) windows.forEach((w, i) => this.remember(w.key, blocks[i]!));
    return { blocks: blocks as Float32Array[], encoded: missing.length };
  }

  /** Head outputs for one block of lines, cached by the block's inputs. */
  private async head(vecs: Float32Array, feats: Float32Array, n: number, useCache: boolean): Promise<HeadOutput> {
    let key = '';
    if (useCache) {
      const h = createHash('sha1');
      h.update(Buffer.from(vecs.buffer, vecs.byteOffset, vecs.byteLength));
      h.update(Buffer.from(feats.buffer, feats.byteOffset, feats.byteLength));
      key = h.digest('base64');
      const hit = this.heads.get(key);
      if (hit) return hit;
    }
    const out = await this.model.runHead(vecs, feats, n);
    if (useCache) {
      this.heads.set(key, out);
      while (this.heads.size > HEAD_CACHE) this.heads.delete(this.heads.keys().next().value as string);
    }
    return out;
  }

  /** Score a parsed file. `useCache: false` recomputes everything (used to prove equivalence). */
  async score(file: ParsedFile, useCache = true): Promise<FileScores> {
    const meta = this.model.meta;
    const f = featurize(file, meta.vocab);
    const { blocks, encoded } = await this.encodeAll(f.windows, useCache);
    const d = this.model.dim;
    if (!f.candidates.length) return { model: meta.id, noBug: 1, rawNoBug: 1, lines: [], encoded };
    const kinds = meta.bugKinds;
    const K = kinds.length;
    const lines: LineScore[] = [];
    let noBug = 1;
    let rawNoBug = 1;
    // Long files are scored in blocks of whole definitions (the size the model was trained on);
    // a file's "no bug" probability is the product of its blocks'.
    for (const cand of headBlocks(f.candidates, f.chunkOf, HEAD_LINES)) {
      const vecs = new Float32Array(cand.length * d);
      const feats = new Float32Array(cand.length * LINE_FEATURES);
      cand.forEach((r, k) => {
        const ref = f.lineRef[r];
        if (ref >= 0) {
          const w = Math.floor(ref / WINDOW_LINES);
          const slot = ref % WINDOW_LINES;
          vecs.set(blocks[w].subarray(slot * d, (slot + 1) * d), k * d);
        }
        feats.set(f.lineFeats.subarray(r * LINE_FEATURES, (r + 1) * LINE_FEATURES), k * LINE_FEATURES);
      });
      const out = await this.head(vecs, feats, cand.length, useCache);
      const max = Math.max(out.nobug, ...out.logits);
      const exNobug = Math.exp(out.nobug - max);
      const ex = Array.from(out.logits, (l) => Math.exp(l - max));
      // The model sees every non-blank line; only code lines can hold the bug, so the
      // distribution is renormalised over code lines and "no bug".
      let zRaw = exNobug;
      let z = exNobug;
      cand.forEach((r, k) => {
        zRaw += ex[k];
        if (f.code[r]) z += ex[k];
      });
      noBug *= exNobug / z;
      rawNoBug *= exNobug / zRaw;
      cand.forEach((r, k) => {
        let best = 0;
        let kz = 0;
        for (let j = 0; j < K; j++) if (out.kinds[k * K + j] > out.kinds[k * K + best]) best = j;
        for (let j = 0; j < K; j++) kz += Math.exp(out.kinds[k * K + j] - out.kinds[k * K + best]);
        const score = f.code[r] ? ex[k] / z : 0;
        lines.push({ line: r + 1, score, raw: ex[k] / zRaw, rank: 0, kind: kinds[best], kindProb: 1 / kz });
      });
    }
    lines.sort((a, b) => b.score - a.score || a.line - b.line);
    lines.forEach((l, i) => { l.rank = i + 1; });
    return { model: meta.id, noBug, rawNoBug, lines, encoded };
  }
}

/**
 * Split candidate lines into blocks of at most `max` lines, keeping chunks (definitions) whole
 * unless a single chunk is longer than `max`.
 */
export function headBlocks(candidates: number[], chunkOf: Int32Array, max: number): number[][] {
  const out: number[][] = [];
  let cur: number[] = [];
  let i = 0;
  while (i < candidates.length) {
    let j = i;
    while (j < candidates.length && chunkOf[candidates[j]] === chunkOf[candidates[i]]) j++;
    const chunk = candidates.slice(i, j);
    if (cur.length && cur.length + chunk.length > max) { out.push(cur); cur = []; }
    for (let s = 0; s < chunk.length; s += max) {
      const part = chunk.slice(s, s + max);
      if (cur.length && cur.length + part.length > max) { out.push(cur); cur = []; }
      cur.push(...part);
    }
    i = j;
  }
  if (cur.length) out.push(cur);
  return out;
}
