/**
 * Localization and detection metrics: fault ranks with ties handled as the expected position under
 * a random tie-break (average case), Top-k, AUROC, and picking a line threshold on clean files.
 * Pure functions on numbers; no model, no I/O.
 */

export interface Scored {
  /** 1-based line. */
  line: number;
  /** Higher = more suspicious. */
  score: number;
}

/** Where the first fault line lands in a ranking, ties included. */
export interface FaultRank {
  /** Lines ranked. */
  n: number;
  /** Fault lines among the ranked lines. */
  faults: number;
  /** Lines scoring strictly above the best-scoring fault line (none of them is a fault). */
  above: number;
  /** Lines scoring exactly the best fault score, faults included. */
  tied: number;
  /** Fault lines in that tie group. */
  tiedFaults: number;
  /** Expected 1-based rank of the first fault line under a random tie-break. */
  avgRank: number;
  /** Rank of the first fault line when every tie is broken against it. */
  worstRank: number;
}

function fromGroup(n: number, faults: number, above: number, tied: number, tiedFaults: number): FaultRank {
  return {
    n, faults, above, tied, tiedFaults,
    // First of f marked items among t randomly ordered ones: expected position (t + 1) / (f + 1).
    avgRank: above + (tied + 1) / (tiedFaults + 1),
    worstRank: above + tied - tiedFaults + 1,
  };
}

/** Rank of the first fault line; null when no fault line is among the scored lines. */
export function faultRank(scored: readonly Scored[], faultLines: Iterable<number>): FaultRank | null {
  const faults = new Set(faultLines);
  let best = -Infinity;
  let found = 0;
  for (const s of scored) {
    if (!faults.has(s.line)) continue;
    found++;
    if (s.score > best) best = s.score;
  }
  if (!found) return null;
  let above = 0;
  let tied = 0;
  let tiedFaults = 0;
  for (const s of scored) {
    if (s.score > best) above++;
    else if (s.score === best) {
      tied++;
      if (faults.has(s.line)) tiedFaults++;
    }
  }
  return fromGroup(scored.length, found, above, tied, tiedFaults);
}

/** The rank a uniformly random ordering gives: every line tied. */
export function randomFaultRank(n: number, faults: number): FaultRank {
  return fromGroup(n, faults, 0, n, faults);
}

/** Probability (under a random tie-break) that a fault line is within the first k. */
export function topK(r: FaultRank, k: number): number {
  const j = k - r.above;
  if (j <= 0) return 0;
  const clean = r.tied - r.tiedFaults;
  if (j > clean) return 1;
  // P(the first j of the tie group hold no fault) = C(clean, j) / C(tied, j).
  let miss = 1;
  for (let i = 0; i < j; i++) miss *= (clean - i) / (r.tied - i);
  return 1 - miss;
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative,
 * counting ties as one half (Mann-Whitney U). NaN when either side is empty.
 */
export function auroc(positives: readonly number[], negatives: readonly number[]): number {
  const np = positives.length;
  const nn = negatives.length;
  if (!np || !nn) return NaN;
  const all = [...positives.map((v) => ({ v, pos: true })), ...negatives.map((v) => ({ v, pos: false }))];
  all.sort((a, b) => a.v - b.v);
  let rankSumPos = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j].v === all[i].v) j++;
    const avg = (i + 1 + j) / 2; // average of 1-based ranks i+1..j
    for (let k = i; k < j; k++) if (all[k].pos) rankSumPos += avg;
    i = j;
  }
  return (rankSumPos - (np * (np + 1)) / 2) / (np * nn);
}

/** Share of values >= threshold. */
export function shareAtLeast(values: readonly number[], threshold: number): number {
  if (!values.length) return NaN;
  let n = 0;
  for (const v of values) if (v >= threshold) n++;
  return n / values.length;
}

/** The smallest number with `digits` significant digits that is >= x (a picked threshold never flags more). */
export function ceilSignificant(x: number, digits = 2): number {
  if (!(x > 0) || !Number.isFinite(x)) return x;
  const r = Number(x.toPrecision(digits));
  if (r >= x) return r;
  const unit = 10 ** (Math.floor(Math.log10(r)) - digits + 1);
  return Number((r + unit).toPrecision(digits));
}

export interface ThresholdPick {
  /** Smallest observed value whose ">= value" share is within the target. */
  exact: number;
  /** `exact` rounded up to `digits` significant digits: the recommended setting. */
  threshold: number;
  digits: number;
  /** Share of values >= threshold. */
  share: number;
  target: number;
  n: number;
}

/**
 * The lowest threshold at which at most `maxShare` of the values are >= it. Values are per clean file
 * (its highest line score), so the share is the share of clean files that would show any diagnostic.
 */
export function pickThreshold(values: readonly number[], maxShare: number, digits = 3): ThresholdPick {
  if (!values.length) throw new Error('pickThreshold: no values');
  const sorted = [...values].sort((a, b) => b - a);
  const allowed = Math.floor(maxShare * sorted.length + 1e-9);
  let exact: number;
  if (allowed >= sorted.length) exact = sorted[sorted.length - 1];
  else {
    // Everything >= the (allowed+1)-th largest value would be too many; go just above it.
    const limit = sorted[allowed];
    const higher = sorted.slice(0, allowed).filter((v) => v > limit);
    exact = higher.length ? Math.min(...higher) : nextAbove(limit);
  }
  const threshold = ceilSignificant(exact, digits);
  return { exact, threshold, digits, share: shareAtLeast(values, threshold), target: maxShare, n: values.length };
}

function nextAbove(x: number): number {
  return x + Math.max(Math.abs(x) * 1e-9, 1e-12);
}

export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

/** Linear-interpolated quantile (q in 0..1) of unsorted values. */
export function quantile(xs: readonly number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}
