import { describe, expect, it } from 'vitest';
import {
  auroc, ceilSignificant, faultRank, pickThreshold, quantile, randomFaultRank, shareAtLeast, topK, type Scored,
} from '../../bench/metrics.js';

const scored = (scores: number[]): Scored[] => scores.map((score, i) => ({ line: i + 1, score }));

/** Brute force: average over every order of the tie groups (all permutations of the lines). */
function bruteForce(scores: number[], faults: number[], k: number): { avgRank: number; topK: number; worst: number } {
  const lines = scores.map((_, i) => i + 1);
  const perms: number[][] = [];
  const permute = (rest: number[], acc: number[]) => {
    if (!rest.length) { perms.push(acc); return; }
    rest.forEach((x, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...acc, x]));
  };
  permute(lines, []);
  // Keep only orders consistent with the scores (descending), i.e. one random tie-break each.
  const valid = perms.filter((p) => p.every((l, i) => i === 0 || scores[p[i - 1] - 1] >= scores[l - 1]));
  const firsts = valid.map((p) => p.findIndex((l) => faults.includes(l)) + 1);
  return {
    avgRank: firsts.reduce((a, b) => a + b, 0) / firsts.length,
    topK: firsts.filter((r) => r <= k).length / firsts.length,
    worst: Math.max(...firsts),
  };
}

describe('fault rank with ties (average case)', () => {
  it('ranks without ties by position', () => {
    const r = faultRank(scored([0.9, 0.7, 0.5, 0.1]), [3])!;
    expect(r.avgRank).toBe(3);
    expect(r.worstRank).toBe(3);
    expect(topK(r, 1)).toBe(0);
    expect(topK(r, 3)).toBe(1);
  });

  it('takes the expected position inside a tie group', () => {
    const r = faultRank(scored([0.9, 0.5, 0.5, 0.5, 0.1]), [3])!;
    expect(r).toMatchObject({ above: 1, tied: 3, tiedFaults: 1, n: 5, faults: 1 });
    expect(r.avgRank).toBe(3); // 1 + (3 + 1) / 2
    expect(r.worstRank).toBe(4);
    expect(topK(r, 1)).toBe(0);
    expect(topK(r, 2)).toBeCloseTo(1 / 3, 12);
    expect(topK(r, 3)).toBeCloseTo(2 / 3, 12);
    expect(topK(r, 4)).toBe(1);
  });

  it('counts the first of several tied faults', () => {
    const r = faultRank(scored([0.9, 0.5, 0.5, 0.5, 0.1]), [3, 4, 5])!;
    expect(r.avgRank).toBeCloseTo(1 + 4 / 3, 12);
    expect(r.worstRank).toBe(3);
    expect(topK(r, 2)).toBeCloseTo(2 / 3, 12);
  });

  it('agrees with brute force over every tie-break', () => {
    const cases: [number[], number[]][] = [
      [[0.3, 0.3, 0.3, 0.3, 0.3, 0.3], [2]],
      [[0.3, 0.3, 0.3, 0.3, 0.3, 0.3], [2, 5]],
      [[0.9, 0.3, 0.9, 0.3, 0.1, 0.3], [4, 6]],
      [[0.2, 0.8, 0.8, 0.8, 0.8, 0.2], [1, 3]],
    ];
    for (const [scores, faults] of cases) {
      const r = faultRank(scored(scores), faults)!;
      for (const k of [1, 2, 3, 5]) {
        const b = bruteForce(scores, faults, k);
        expect(r.avgRank).toBeCloseTo(b.avgRank, 10);
        expect(r.worstRank).toBe(b.worst);
        expect(topK(r, k)).toBeCloseTo(b.topK, 10);
      }
    }
  });

  it('returns null when no fault line is ranked', () => {
    expect(faultRank(scored([0.5, 0.4]), [7])).toBeNull();
  });

  it('gives the exact random-ranking expectation', () => {
    const r = randomFaultRank(10, 1);
    expect(r.avgRank).toBe(5.5);
    expect(topK(r, 1)).toBeCloseTo(0.1, 12);
    expect(topK(r, 3)).toBeCloseTo(0.3, 12);
    const two = randomFaultRank(4, 2);
    expect(two.avgRank).toBeCloseTo(5 / 3, 12);
    expect(topK(two, 1)).toBeCloseTo(0.5, 12);
    expect(topK(two, 2)).toBeCloseTo(1 - 1 / 6, 12); // both clean lines first: (2/4)(1/3)
    expect(topK(two, 3)).toBe(1);
  });
});

describe('AUROC', () => {
  it('is 1 for perfect separation and 0 for inverted', () => {
    expect(auroc([3, 4], [1, 2])).toBe(1);
    expect(auroc([1], [2])).toBe(0);
  });

  it('counts ties as one half', () => {
    expect(auroc([1], [1])).toBe(0.5);
    expect(auroc([1, 2, 3], [2])).toBe(0.5);
    expect(auroc([0.9, 0.4], [0.4, 0.1, 0.6])).toBeCloseTo(4.5 / 6, 12);
  });

  it('is NaN without both classes', () => {
    expect(auroc([], [1])).toBeNaN();
  });
});

describe('threshold picking', () => {
  it('picks the lowest observed value that flags at most the target share', () => {
    const values = Array.from({ length: 20 }, (_, i) => (i + 1) / 20);
    const p = pickThreshold(values, 0.1);
    expect(p.exact).toBe(0.95);
    expect(p.threshold).toBe(0.95);
    expect(p.share).toBe(0.1);
  });

  it('goes above a tie group that would exceed the target', () => {
    const values = [...Array(5).fill(0.5), ...Array(15).fill(0.1)];
    const p = pickThreshold(values, 0.1);
    expect(p.exact).toBeGreaterThan(0.5);
    expect(p.threshold).toBe(0.501);
    expect(p.share).toBe(0);
  });

  it('never flags more than the target after rounding up', () => {
    const values = [0.0123, 0.2, 0.011, 0.5, 0.03, 0.004, 0.3, 0.02, 0.0071, 0.06];
    const p = pickThreshold(values, 0.2);
    expect(p.exact).toBe(0.3);
    expect(shareAtLeast(values, p.threshold)).toBeLessThanOrEqual(0.2);
  });

  it('rounds up to significant digits', () => {
    expect(ceilSignificant(0.01234)).toBe(0.013);
    expect(ceilSignificant(0.95)).toBe(0.95);
    expect(ceilSignificant(0.123, 3)).toBe(0.123);
    expect(ceilSignificant(0.1231, 3)).toBe(0.124);
    expect(ceilSignificant(0.5000000005, 3)).toBe(0.501);
    expect(ceilSignificant(0.991, 2)).toBe(1);
    expect(ceilSignificant(0.2120000000001, 3)).toBeGreaterThan(0.2120000000001);
  });

  it('computes quantiles and shares', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2], 0.5)).toBe(1.5);
    expect(shareAtLeast([0.1, 0.2, 0.3, 0.4], 0.3)).toBe(0.5);
  });
});
