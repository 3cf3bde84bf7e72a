/**
 * Line thresholds per file length: picked on the clean synthetic files of each length bucket, and the
 * false alarms of the single threshold and of the bucket thresholds, bucket by bucket.
 */
import {
  LENGTH_BUCKETS, bucketIndex, bucketLabel, bucketStart, thresholdFor, type LengthThreshold, type LineThresholds,
} from '../server/src/diagnose/threshold.js';
import { falseAlarmsAt, type CaseResult, type FalseAlarms } from './evaluate.js';
import { pickThreshold, type ThresholdPick } from './metrics.js';

/** A bucket with fewer clean files than this keeps the single threshold (too few to pick one). */
export const MIN_BUCKET_CLEAN = 50;

export interface BucketPick {
  bucket: string;
  upTo: number | null;
  clean: number;
  /** Absent when the bucket has fewer than MIN_BUCKET_CLEAN clean files. */
  pick?: ThresholdPick;
}

export function pickByLength(results: readonly CaseResult[], maxShare: number): BucketPick[] {
  return LENGTH_BUCKETS.map((upTo, i) => {
    const clean = results.filter((r) => r.clean && bucketIndex(r.n) === i).map((r) => r.maxScore);
    const pick = clean.length >= MIN_BUCKET_CLEAN ? pickThreshold(clean, maxShare) : undefined;
    return { bucket: bucketLabel(i), upTo, clean: clean.length, pick };
  });
}

/** The thresholds as model metadata stores them; a bucket without a pick keeps `single`. */
export function toLineThresholds(single: number, picks: readonly BucketPick[]): LineThresholds {
  const byLines: LengthThreshold[] = picks.map((p) => ({ upTo: p.upTo, line: p.pick?.threshold ?? single }));
  return { line: single, byLines };
}

export interface LengthRow {
  bucket: string;
  clean: number;
  buggy: number;
  /** The threshold at the bucket's shortest length (the bucket's own, for thresholds picked per bucket). */
  threshold: number;
  single: FalseAlarms;
  byLength: FalseAlarms;
}

/** Per bucket: false alarms at the single threshold and at the bucket's own. */
export function lengthRows(results: readonly CaseResult[], t: LineThresholds): LengthRow[] {
  return LENGTH_BUCKETS.map((_, i) => {
    const inBucket = results.filter((r) => bucketIndex(r.n) === i);
    const threshold = thresholdFor(t, bucketStart(i));
    return {
      bucket: bucketLabel(i),
      clean: inBucket.filter((r) => r.clean).length,
      buggy: inBucket.filter((r) => !r.clean).length,
      threshold,
      single: falseAlarmsAt(inBucket, () => t.line),
      byLength: falseAlarmsAt(inBucket, (r) => thresholdFor(t, r.n)),
    };
  });
}

/** Per bucket, and over all files with each file's bucket threshold and with the single one. */
export function byLength(results: readonly CaseResult[], t: LineThresholds): { rows: LengthRow[]; overall: FalseAlarms; overallSingle: FalseAlarms } {
  return {
    rows: lengthRows(results, t),
    overall: falseAlarmsAt(results, (r) => thresholdFor(t, r.n)),
    overallSingle: falseAlarmsAt(results, () => t.line),
  };
}
