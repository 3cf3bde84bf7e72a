/** The fusion data generator's views of one run's tests (models/fusion/gen.ts). */
import { describe, expect, it } from 'vitest';
import type { TraceTest } from '../../server/src/diagnose/evidence.js';
import { mergeTests, testViews } from '../../models/fusion/gen.js';
import { Rng } from '../../models/gen/rng.js';

const t = (id: string, outcome: TraceTest['outcome'], lines: number[], frames: number[] = []): TraceTest => ({
  id, outcome, lines: { 'm.py': lines }, exception: outcome === 'pass' ? null : 'AssertionError', frames: frames.map((line) => ({ file: 'm.py', line })),
});

describe('fusion data views', () => {
  const tests = [t('a', 'pass', [1, 2]), t('b', 'fail', [2, 5], [5]), t('c', 'error', [3], [3]), t('d', 'pass', [2, 4])];

  it('merges every test into one failing test with the union of lines and the first failure\'s frames', () => {
    const m = mergeTests(tests);
    expect(m.outcome).toBe('fail');
    expect(m.lines['m.py']).toEqual([1, 2, 3, 4, 5]);
    expect(m.frames).toEqual([{ file: 'm.py', line: 5 }]);
    expect(mergeTests([tests[0], tests[3]]).outcome).toBe('pass');
  });

  it('gives all tests, one merged test and a subset that keeps a failing test', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const views = testViews(tests, new Rng(seed));
      expect(views[0]).toEqual({ view: 'all', tests });
      expect(views[1].view).toBe('one');
      expect(views[1].tests).toHaveLength(1);
      const half = views.find((v) => v.view === 'half');
      if (!half) continue;
      expect(half.tests.length).toBeLessThan(tests.length);
      expect(half.tests.some((x) => x.outcome === 'fail' || x.outcome === 'error')).toBe(true);
    }
    expect(testViews([tests[1]], new Rng(1)).map((v) => v.view)).toEqual(['all']);
  });
});
