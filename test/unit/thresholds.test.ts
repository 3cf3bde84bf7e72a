import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../../bench/evaluate.js';
import { byLength, MIN_BUCKET_CLEAN, pickByLength, toLineThresholds } from '../../bench/length-thresholds.js';
import { faultRank } from '../../bench/metrics.js';
import { bucketIndex, bucketLabel, bucketStart, readThresholds, thresholdFor } from '../../server/src/diagnose/threshold.js';

describe('model thresholds per file length', () => {
  it('reads a bare number, a single line threshold, and valid buckets', () => {
    expect(readThresholds({ threshold: 0.4 })).toEqual({ line: 0.4 });
    expect(readThresholds({ threshold: { line: 0.6, how: 'x' } })).toEqual({ line: 0.6 });
    const byLines = [{ upTo: 4, line: 0.9 }, { upTo: 12, line: 0.5 }, { upTo: null, line: 0.45 }];
    expect(readThresholds({ threshold: { line: 0.6, byLines } })).toEqual({ line: 0.6, byLines });
    expect(readThresholds({})).toBeUndefined();
    expect(readThresholds({ threshold: { line: 2 } })).toBeUndefined();
  });

  it('ignores buckets out of order, without an open last one, or with values outside 0..1', () => {
    for (const byLines of [
      [{ upTo: 8, line: 0.5 }, { upTo: 4, line: 0.5 }, { upTo: null, line: 0.5 }],
      [{ upTo: 4, line: 0.5 }, { upTo: 8, line: 0.5 }],
      [{ upTo: 4, line: 1.5 }, { upTo: null, line: 0.5 }],
      [{ upTo: null, line: 0.5 }, { upTo: 4, line: 0.5 }],
      [{ upTo: 0, line: 0.5 }, { upTo: null, line: 0.5 }],
      'none',
    ]) expect(readThresholds({ threshold: { line: 0.6, byLines } })).toEqual({ line: 0.6 });
  });

  it('picks the bucket of a file by its code lines, inclusive at each bound', () => {
    const t = { line: 0.6, byLines: [{ upTo: 4, line: 0.9 }, { upTo: 12, line: 0.5 }, { upTo: null, line: 0.45 }] };
    expect([1, 4, 5, 12, 13, 500].map((n) => thresholdFor(t, n))).toEqual([0.9, 0.9, 0.5, 0.5, 0.45, 0.45]);
    expect(thresholdFor({ line: 0.6 }, 3)).toBe(0.6);
    expect([1, 4, 5, 20, 21, 999].map((n) => bucketIndex(n))).toEqual([0, 0, 1, 3, 4, 4]);
    expect([0, 1, 4].map((i) => bucketLabel(i))).toEqual(['1-4', '5-8', '21+']);
    expect([0, 1, 4].map((i) => bucketStart(i))).toEqual([1, 5, 21]);
  });
});

function result(n: number, maxScore: number, fault: number | null): CaseResult {
  const ranks = fault === null ? null : faultRank([{ line: 1, score: maxScore }, { line: 2, score: maxScore / 2 }], [fault]);
  return {
    id: 'x', group: 'g', clean: fault === null, n, syntaxError: false, noBug: 0.5, maxScore, ngramMax: 0,
    ranks: { model: ranks, ngram: null, random: null },
  };
}

describe('picking thresholds per length on clean files', () => {
  // 100 clean 3-line files scoring 0.01..1.00, and 100 clean 30-line files scoring a tenth of that.
  const shortClean = Array.from({ length: 100 }, (_, i) => result(3, (i + 1) / 100, null));
  const longClean = Array.from({ length: 100 }, (_, i) => result(30, (i + 1) / 1000, null));
  const buggy = [result(3, 0.95, 1), result(3, 0.5, 1), result(30, 0.095, 1), result(30, 0.2, 2)];
  const all = [...shortClean, ...longClean, ...buggy];

  it('keeps each bucket within the share, and the single threshold where a bucket has too few clean files', () => {
    const picks = pickByLength(all, 0.1);
    expect(picks.map((p) => p.clean)).toEqual([100, 0, 0, 0, 100]);
    expect(picks[0].pick?.threshold).toBeCloseTo(0.91, 9);
    expect(picks[4].pick?.threshold).toBeCloseTo(0.091, 9);
    expect(picks[1].pick).toBeUndefined();
    expect(MIN_BUCKET_CLEAN).toBeGreaterThan(0);
    const t = toLineThresholds(0.5, picks);
    expect(t.byLines?.map((b) => b.line)).toEqual([picks[0].pick!.threshold, 0.5, 0.5, 0.5, picks[4].pick!.threshold]);
    expect(t.byLines?.map((b) => b.upTo)).toEqual([4, 8, 12, 20, null]);
  });

  it('reports false alarms per bucket and overall, at the single threshold and at each own', () => {
    const t = toLineThresholds(0.5, pickByLength(all, 0.1));
    const b = byLength(all, t);
    expect(b.rows[0]).toMatchObject({ bucket: '1-4', clean: 100, buggy: 2, threshold: t.byLines![0].line });
    expect(b.rows.map((r) => r.threshold)).toEqual(t.byLines!.map((x) => x.line));
    // Thresholds whose buckets differ from the calibrated ones are looked up by length, not by position.
    const other = { line: 0.5, byLines: [{ upTo: 10, line: 0.2 }, { upTo: null, line: 0.3 }] };
    expect(byLength(all, other).rows.map((r) => r.threshold)).toEqual([0.2, 0.2, 0.2, 0.3, 0.3]);
    expect(b.rows[0].single.cleanFlagged).toBeCloseTo(0.51, 9);
    expect(b.rows[0].byLength.cleanFlagged).toBeCloseTo(0.1, 9);
    expect(b.rows[0].byLength.top1Recall).toBe(0.5); // 0.95 clears 0.91 and is the fault; 0.5 does not clear
    expect(b.rows[4].single.cleanFlagged).toBe(0);
    expect(b.rows[4].byLength.cleanFlagged).toBeCloseTo(0.1, 9);
    expect(b.rows[4].byLength.top1Recall).toBe(0.5); // 0.095 is the fault's; 0.2 clears but line 2 is the fault
    expect(b.overall.cleanFlagged).toBeCloseTo(0.1, 9);
    expect(b.overallSingle.cleanFlagged).toBeCloseTo(0.255, 9);
  });
});
