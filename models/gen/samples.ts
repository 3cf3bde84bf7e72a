/**
 * Turns corpus units into labelled samples: clean, or with one (sometimes two) injected bugs,
 * featurized by THE featurizer and written as flat binary arrays that models/train reads.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePython } from '../../server/src/language/python.js';
import { featurize, LINE_FEATURES, type Vocab } from '../../server/src/diagnose/featurizer.js';
import { MutationContext } from '../../server/src/mutate/context.js';
import { OPERATORS, applyChange, isValid, type Applied } from '../../server/src/mutate/apply.js';
import type { Rng } from './rng.js';
import type { Unit } from './corpus.js';

export const CLEAN_SHARE = 0.25;
export const DOUBLE_BUG_SHARE = 0.1;
export const CONTEXT_SHARE = 0.3;

export interface Sample {
  text: string;
  /** 0-based buggy lines (empty when clean). */
  lines: number[];
  op: string;
  kind: number;
}

/** Operator weights by name, in place of the table's (models/gen/balance.ts). */
export type OpWeights = Readonly<Record<string, number>>;

/** Inject one bug into `text` with an operator drawn by weight; null when nothing applies. */
export function injectBug(text: string, rng: Rng, weights?: OpWeights): (Applied & { op: string; kind: number }) | null {
  const ctx = new MutationContext(text);
  try {
    return injectWith(ctx, text, rng, weights);
  } finally {
    ctx.dispose();
  }
}

function injectWith(ctx: MutationContext, text: string, rng: Rng, weights?: OpWeights): (Applied & { op: string; kind: number }) | null {
  // Two-level sampling: an operator by weight among those that apply here, then one of its changes.
  let ops = weights ? OPERATORS.map((o) => ({ ...o, weight: weights[o.name] ?? o.weight })) : [...OPERATORS];
  for (let attempt = 0; attempt < 8 && ops.length; attempt++) {
    const op = rng.weighted(ops);
    const changes = op.list(ctx);
    if (!changes.length) { ops = ops.filter((o) => o !== op); continue; }
    for (let t = 0; t < 3 && changes.length; t++) {
      const applied = applyChange(text, rng.pick(changes));
      if (isValid(text, applied)) return { ...applied, op: op.name, kind: op.kind };
    }
  }
  return null;
}

/** One sample built around `units[i]` (with neighbouring units of the same file as context sometimes). */
export function makeSample(units: Unit[], i: number, rng: Rng, weights?: OpWeights): Sample | null {
  const u = units[i];
  let parts = [u.text];
  let target = 0;
  if (rng.chance(CONTEXT_SHARE)) {
    const before = units[i - 1]?.file === u.file && rng.chance(0.5) ? [units[i - 1].text] : [];
    const after = units[i + 1]?.file === u.file && rng.chance(0.7) ? [units[i + 1].text] : [];
    parts = [...before, u.text, ...after];
    target = before.length;
  }
  let text = parts[target];
  let lines: number[] = [];
  let op = 'clean';
  let kind = -1;
  if (!rng.chance(CLEAN_SHARE)) {
    const bug = injectBug(text, rng, weights);
    if (!bug) return null;
    ({ text, lines, op, kind } = bug);
    if (rng.chance(DOUBLE_BUG_SHARE)) {
      const second = injectBug(text, rng, weights);
      if (second && second.text.split('\n').length === text.split('\n').length) {
        text = second.text;
        lines = [...new Set([...lines, ...second.lines])].sort((a, b) => a - b);
      }
    }
  }
  parts[target] = text;
  const offset = parts.slice(0, target).reduce((n, p) => n + p.split('\n').length, 0);
  return { text: parts.join('\n'), lines: lines.map((l) => l + offset), op, kind };
}

/** Growable typed arrays for one shard. */
class Column<T extends Int32Array | Uint8Array | Float32Array> {
  private buf: T;
  length = 0;
  constructor(private readonly make: (n: number) => T) { this.buf = make(1 << 16); }
  push(values: ArrayLike<number>): void {
    while (this.length + values.length > this.buf.length) {
      const b = this.make(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    this.buf.set(values as ArrayLike<number> & T, this.length);
    this.length += values.length;
  }
  bytes(): Buffer { return Buffer.from(this.buf.buffer, 0, this.length * this.buf.BYTES_PER_ELEMENT); }
}

export class ShardWriter {
  private cols = {
    tok: new Column((n) => new Int32Array(n)),
    idn: new Column((n) => new Uint8Array(n)),
    slot: new Column((n) => new Uint8Array(n)),
    wlen: new Column((n) => new Int32Array(n)),
    samp: new Column((n) => new Int32Array(n)),
    lref: new Column((n) => new Int32Array(n)),
    lfeat: new Column((n) => new Float32Array(n)),
    lab: new Column((n) => new Uint8Array(n)),
  };
  samples = 0;

  constructor(private readonly vocab: Vocab) {}

  add(s: Sample, opIndex: number): boolean {
    const parsed = parsePython(s.text);
    if (parsed.errorLines.length) return false;
    const f = featurize(parsed, this.vocab);
    if (!f.windows.length) return false;
    const c = this.cols;
    for (const w of f.windows) {
      c.tok.push(w.ids);
      c.idn.push(w.idents);
      c.slot.push(w.slots);
      c.wlen.push([w.ids.length]);
    }
    c.samp.push([f.windows.length, f.nLines, s.kind, opIndex]);
    c.lref.push(f.lineRef);
    c.lfeat.push(f.lineFeats);
    // Only code lines can hold the bug, as at inference: a label that fell on a comment or
    // docstring (a statement deleted next to one) moves to the nearest code line.
    const lab = new Uint8Array(f.nLines).fill(255);
    for (const r of f.candidates) lab[r] = 0;
    for (const r of s.lines) {
      const c = nearestCode(f.code, Math.min(r, f.nLines - 1));
      if (c >= 0) lab[c] = 1;
    }
    c.lab.push(lab);
    this.samples++;
    return true;
  }

  write(dir: string, name: string): void {
    for (const [k, col] of Object.entries(this.cols)) writeFileSync(join(dir, `${name}.${k}.bin`), col.bytes());
    writeFileSync(join(dir, `${name}.json`), JSON.stringify({ samples: this.samples, lineFeatures: LINE_FEATURES }));
  }
}

/** The code line nearest to `r` (the earlier one on a tie), or -1 when the file has none. */
export function nearestCode(code: Uint8Array, r: number): number {
  for (let d = 0; d < code.length; d++) {
    if (r - d >= 0 && code[r - d]) return r - d;
    if (r + d < code.length && code[r + d]) return r + d;
  }
  return -1;
}
