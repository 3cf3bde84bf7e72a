import { describe, expect, it } from 'vitest';
import { dstar, ochiai, tarantula } from '../../server/src/diagnose/spectrum.js';
import { FUSION_FEATURES, fusionFeatures, lineEvidence } from '../../server/src/diagnose/evidence.js';
import type { TraceTest } from '../../server/src/exec/trace.js';

describe('spectrum formulas (values computed by hand)', () => {
  it('Ochiai = ef / sqrt(F * (ef + ep))', () => {
    expect(ochiai({ ef: 2, ep: 1, nf: 0, np: 1 })).toBeCloseTo(2 / Math.sqrt(6), 12); // 0.8165
    expect(ochiai({ ef: 1, ep: 1, nf: 1, np: 0 })).toBeCloseTo(0.5, 12);
    expect(ochiai({ ef: 0, ep: 3, nf: 2, np: 0 })).toBe(0);
    expect(ochiai({ ef: 0, ep: 0, nf: 0, np: 0 })).toBe(0);
  });
  it('DStar(2) = ef^2 / (ep + nf), a zero denominator read as 0.5', () => {
    expect(dstar({ ef: 2, ep: 1, nf: 0, np: 1 })).toBe(4);
    expect(dstar({ ef: 1, ep: 1, nf: 1, np: 0 })).toBe(0.5);
    expect(dstar({ ef: 2, ep: 0, nf: 0, np: 2 })).toBe(8);
    expect(dstar({ ef: 3, ep: 2, nf: 1, np: 0 })).toBe(3);
    expect(dstar({ ef: 0, ep: 0, nf: 2, np: 1 })).toBe(0);
  });
  it('Tarantula = (ef/F) / (ef/F + ep/P)', () => {
    expect(tarantula({ ef: 2, ep: 1, nf: 0, np: 1 })).toBeCloseTo(1 / 1.5, 12);
    expect(tarantula({ ef: 1, ep: 1, nf: 1, np: 0 })).toBeCloseTo(1 / 3, 12);
    expect(tarantula({ ef: 1, ep: 0, nf: 0, np: 0 })).toBe(1);
    expect(tarantula({ ef: 0, ep: 1, nf: 1, np: 0 })).toBe(0);
  });
});

const test = (id: string, outcome: TraceTest['outcome'], lines: number[], frames: number[] = []): TraceTest => ({
  id, outcome, lines: { 'pkg/m.py': lines, 'other.py': [1, 2] }, exception: frames.length ? 'ValueError' : null,
  frames: [{ file: 'test_m.py', line: 9 }, ...frames.map((line) => ({ file: 'pkg/m.py', line }))],
});

describe('lineEvidence', () => {
  // Two failing tests (one error with frames 2 -> 4, one assertion failure), two passing, one skipped.
  const tests = [
    test('a', 'fail', [1, 2, 3]),
    test('b', 'error', [1, 2, 4], [2, 4]),
    test('c', 'pass', [1, 2]),
    test('d', 'pass', [1, 3]),
    test('e', 'skip', [1, 2, 3, 4, 5]),
  ];
  const ev = lineEvidence({ tests }, './pkg/m.py', 5);

  it('counts coverage per line from failing and passing tests (skipped ones ignored)', () => {
    expect(ev.map((e) => [e.ef, e.ep, e.nf, e.np])).toEqual([[2, 2, 0, 0], [2, 1, 0, 1], [1, 1, 1, 1], [1, 0, 1, 2], [0, 0, 2, 2]]);
    expect(ev[1].ochiai).toBeCloseTo(2 / Math.sqrt(6), 12);
    expect(ev[3].dstar).toBe(1);
    expect(ev[3].tarantula).toBe(1);
    expect(ev[4].ochiai).toBe(0);
  });
  it('shares of failing tests with the line in their traceback and as the innermost frame', () => {
    expect(ev.map((e) => e.inTraceback)).toEqual([0, 0.5, 0, 0.5, 0]);
    expect(ev.map((e) => e.deepest)).toEqual([0, 0, 0, 0.5, 0]);
  });
  it('a file no test ran gets zeros', () => {
    const none = lineEvidence({ tests }, 'absent.py', 2);
    expect(none.every((e) => e.ef === 0 && e.ep === 0 && e.ochiai === 0 && e.nf === 2 && e.np === 2)).toBe(true);
  });
});

describe('fusionFeatures', () => {
  it('builds one row of FUSION_FEATURES per line', () => {
    const ev = lineEvidence({ tests: [test('a', 'fail', [1, 3], [3]), test('b', 'pass', [1])] }, 'pkg/m.py', 4);
    const rows = fusionFeatures([0.2, 0, 0.6, 0.1], ev);
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r).toHaveLength(FUSION_FEATURES.length);
    const f = (line: number, name: (typeof FUSION_FEATURES)[number]) => rows[line - 1][FUSION_FEATURES.indexOf(name)];
    expect(f(3, 'model_prob')).toBeCloseTo(0.6 / 0.9, 12);
    expect(f(1, 'model_rel')).toBeCloseTo(0.2 / 0.6, 12);
    expect([1, 2, 3, 4].map((l) => f(l, 'model_rrank'))).toEqual([0.5, 0, 1, 1 / 3]);
    expect(f(3, 'dstar_sq')).toBeCloseTo(2 / 3, 12); // dstar = 1 / 0.5 = 2
    expect(f(1, 'ep_share')).toBe(1);
    expect(f(3, 'ef_share')).toBe(1);
    expect([1, 2, 3, 4].map((l) => f(l, 'executed'))).toEqual([1, 0, 1, 0]);
    expect(f(3, 'deepest')).toBe(1);
    expect([1, 2, 3, 4].map((l) => f(l, 'is_code'))).toEqual([1, 0, 1, 1]);
  });
});
