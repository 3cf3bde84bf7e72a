/**
 * A model's calibrated line thresholds, from the `threshold` field of its metadata: one for every
 * file (`line`) and, optionally, one per file length (`byLines`), because a line's score is a share of
 * its file's probability mass and a short clean file puts more of it on each line.
 */

export interface LengthThreshold {
  /** Largest number of code lines a file of this bucket has; null: no limit (the last bucket). */
  upTo: number | null;
  line: number;
}

export interface LineThresholds {
  line: number;
  /** Ascending by `upTo`, the last one unbounded. */
  byLines?: LengthThreshold[];
}

/** The length buckets that `eval:localize --synthetic` calibrates: 1-4, 5-8, 9-12, 13-20, 21+ code lines. */
export const LENGTH_BUCKETS: readonly (number | null)[] = [4, 8, 12, 20, null];

/** Index of the LENGTH_BUCKETS bucket that a file with `codeLines` lines falls in (the last one is open). */
export function bucketIndex(codeLines: number): number {
  return LENGTH_BUCKETS.findIndex((u) => u === null || codeLines <= u);
}

/** The fewest code lines a file of LENGTH_BUCKETS bucket `i` has. */
export function bucketStart(i: number): number {
  return i === 0 ? 1 : (LENGTH_BUCKETS[i - 1] as number) + 1;
}

export function bucketLabel(i: number): string {
  const hi = LENGTH_BUCKETS[i];
  return hi === null ? `${bucketStart(i)}+` : `${bucketStart(i)}-${hi}`;
}

const isProb = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;

function readBuckets(v: unknown): LengthThreshold[] | undefined {
  if (!Array.isArray(v) || !v.length) return undefined;
  const out: LengthThreshold[] = [];
  for (const b of v as Record<string, unknown>[]) {
    const upTo = b?.upTo;
    if (!isProb(b?.line) || !(upTo === null || (Number.isInteger(upTo) && (upTo as number) > 0))) return undefined;
    const prev = out.length ? out[out.length - 1].upTo : 0;
    if (prev === null || (upTo !== null && (upTo as number) <= prev)) return undefined;
    out.push({ upTo: upTo as number | null, line: b.line as number });
  }
  return out[out.length - 1].upTo === null ? out : undefined;
}

/**
 * Thresholds from model metadata: a bare number, or `{line, byLines?: [{upTo, line}, ...]}`. A malformed
 * `byLines` (not ascending, no unbounded last bucket, a value outside 0..1) is ignored; no valid `line`
 * gives undefined.
 */
export function readThresholds(meta: Record<string, unknown>): LineThresholds | undefined {
  const t = meta.threshold;
  if (isProb(t)) return { line: t };
  if (typeof t !== 'object' || t === null) return undefined;
  const rec = t as Record<string, unknown>;
  if (!isProb(rec.line)) return undefined;
  const byLines = readBuckets(rec.byLines);
  return byLines ? { line: rec.line, byLines } : { line: rec.line };
}

/** The threshold for a file that ranks `codeLines` lines: its length bucket's when there are buckets. */
export function thresholdFor(t: LineThresholds, codeLines: number): number {
  const b = t.byLines?.find((x) => x.upTo === null || codeLines <= x.upTo);
  return b ? b.line : t.line;
}
