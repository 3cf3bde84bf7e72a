/**
 * A token trigram language model with interpolated Kneser-Ney smoothing (one absolute discount),
 * for the "naturalness" baseline: surprising tokens mark suspicious lines (Ray et al., ICSE'16).
 * The unigram level is add-one smoothed continuation counts, so unseen tokens get a finite cost.
 * Knows nothing of Python; sequences are arrays of string keys.
 */

const BOS = 0;
const UNK = 1;
/** Token ids and context ids are packed into one safe integer: ctx * 2^22 + id. */
const SHIFT = 2 ** 22;

export interface TrigramData {
  version: number;
  discount: number;
  /** Token keys; index = id (0 = <s>, 1 = <unk>). */
  vocab: string[];
  /** Context (u, v) of every context id. */
  ctxU: Uint32Array;
  ctxV: Uint32Array;
  /** Trigram types: context id, next token id, count. */
  triCtx: Uint32Array;
  triW: Uint32Array;
  triCount: Uint32Array;
}

export const TRIGRAM_VERSION = 1;

export class TrigramCounter {
  private ids = new Map<string, number>([['<s>', BOS], ['<unk>', UNK]]);
  private vocab = ['<s>', '<unk>'];
  private ctx = new Map<number, number>();
  private ctxU: number[] = [];
  private ctxV: number[] = [];
  private tri = new Map<number, number>();
  tokens = 0;

  private id(key: string): number {
    let i = this.ids.get(key);
    if (i === undefined) {
      i = this.vocab.length;
      if (i >= SHIFT) throw new Error('trigram vocabulary too large');
      this.ids.set(key, i);
      this.vocab.push(key);
    }
    return i;
  }

  private ctxId(u: number, v: number): number {
    const k = u * SHIFT + v;
    let c = this.ctx.get(k);
    if (c === undefined) {
      c = this.ctxU.length;
      this.ctx.set(k, c);
      this.ctxU.push(u);
      this.ctxV.push(v);
    }
    return c;
  }

  /** Count one sequence (padded with two <s> on the left). */
  add(seq: readonly string[]): void {
    let u = BOS;
    let v = BOS;
    for (const key of seq) {
      const w = this.id(key);
      const k = this.ctxId(u, v) * SHIFT + w;
      this.tri.set(k, (this.tri.get(k) ?? 0) + 1);
      u = v;
      v = w;
      this.tokens++;
    }
  }

  data(discount = 0.75): TrigramData {
    const n = this.tri.size;
    const triCtx = new Uint32Array(n);
    const triW = new Uint32Array(n);
    const triCount = new Uint32Array(n);
    let i = 0;
    for (const [k, c] of this.tri) {
      triCtx[i] = Math.floor(k / SHIFT);
      triW[i] = k % SHIFT;
      triCount[i] = c;
      i++;
    }
    return {
      version: TRIGRAM_VERSION, discount, vocab: [...this.vocab],
      ctxU: Uint32Array.from(this.ctxU), ctxV: Uint32Array.from(this.ctxV), triCtx, triW, triCount,
    };
  }
}

export class TrigramModel {
  private readonly ids: Map<string, number>;
  private readonly ctx = new Map<number, number>();
  private readonly tri = new Map<number, number>();
  /** Per context: total count c(u v .) and distinct followers N1+(u v .). */
  private readonly ctxTotal: Uint32Array;
  private readonly ctxTypes: Uint32Array;
  /** N1+(. v w): distinct left neighbours of the bigram (v, w). */
  private readonly cont2 = new Map<number, number>();
  /** Per v: N1+(. v .) (trigram types with v in the middle) and N1+(v .) (bigram types starting with v). */
  private readonly midTypes: Uint32Array;
  private readonly follow: Uint32Array;
  /** Per w: N1+(. w) (bigram types ending in w). */
  private readonly uniCont: Uint32Array;
  private readonly bigramTypes: number;
  /** Token types that can be predicted (all but <s>; <unk> is the extra one). */
  private readonly predictable: number;
  readonly discount: number;

  constructor(readonly data: TrigramData) {
    const V = data.vocab.length;
    this.discount = data.discount;
    this.ids = new Map(data.vocab.map((k, i) => [k, i]));
    for (let c = 0; c < data.ctxU.length; c++) this.ctx.set(data.ctxU[c] * SHIFT + data.ctxV[c], c);
    this.ctxTotal = new Uint32Array(data.ctxU.length);
    this.ctxTypes = new Uint32Array(data.ctxU.length);
    this.midTypes = new Uint32Array(V);
    this.follow = new Uint32Array(V);
    this.uniCont = new Uint32Array(V);
    for (let i = 0; i < data.triCtx.length; i++) {
      const c = data.triCtx[i];
      const w = data.triW[i];
      this.tri.set(c * SHIFT + w, data.triCount[i]);
      this.ctxTotal[c] += data.triCount[i];
      this.ctxTypes[c]++;
      const v = data.ctxV[c];
      const b = v * SHIFT + w;
      const prev = this.cont2.get(b) ?? 0;
      this.cont2.set(b, prev + 1);
      this.midTypes[v]++;
      if (prev === 0) {
        this.follow[v]++;
        this.uniCont[w]++;
      }
    }
    this.bigramTypes = this.cont2.size;
    this.predictable = V - 1;
  }

  static train(seqs: Iterable<readonly string[]>, discount = 0.75): TrigramModel {
    const c = new TrigramCounter();
    for (const s of seqs) c.add(s);
    return new TrigramModel(c.data(discount));
  }

  get vocabSize(): number { return this.data.vocab.length; }

  idOf(key: string): number { return this.ids.get(key) ?? UNK; }

  /** P(w): add-one smoothed continuation probability. */
  p1(w: number): number {
    return ((w === UNK || w === BOS ? 0 : this.uniCont[w]) + 1) / (this.bigramTypes + this.predictable);
  }

  /** P(w | v), interpolated Kneser-Ney on continuation counts. */
  p2(w: number, v: number): number {
    const lower = this.p1(w);
    const mid = this.midTypes[v] ?? 0;
    if (!mid) return lower;
    const c = this.cont2.get(v * SHIFT + w) ?? 0;
    const D = this.discount;
    return (Math.max(c - D, 0) + D * this.follow[v] * lower) / mid;
  }

  /** P(w | u v), interpolated Kneser-Ney. */
  p3(w: number, u: number, v: number): number {
    const lower = this.p2(w, v);
    const ci = this.ctx.get(u * SHIFT + v);
    if (ci === undefined) return lower;
    const c = this.tri.get(ci * SHIFT + w) ?? 0;
    const D = this.discount;
    return (Math.max(c - D, 0) + D * this.ctxTypes[ci] * lower) / this.ctxTotal[ci];
  }

  /** Surprisal in bits of every token of a sequence given the two before it (<s>-padded). */
  surprisals(seq: readonly string[]): Float64Array {
    const out = new Float64Array(seq.length);
    let u = BOS;
    let v = BOS;
    seq.forEach((key, i) => {
      const w = this.idOf(key);
      out[i] = -Math.log2(this.p3(w, u, v));
      u = v;
      v = w;
    });
    return out;
  }
}
