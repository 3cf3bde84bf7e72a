import { beforeAll, describe, expect, it } from 'vitest';
import { FUSION_FEATURES, fusionFeatures, lineEvidence } from '../../server/src/diagnose/evidence.js';
import {
  lineMutants, mergeResults, mutantTimeoutMs, mutationEvidence, mutationLines, resultsOf, testResult, type MutantRun, type TestResult,
} from '../../server/src/diagnose/mutation.js';
import type { TraceTest } from '../../server/src/exec/trace.js';
import { initPython } from '../../server/src/language/python.js';

const pass = (): TestResult => ({ failing: false, stop: null });
const fail = (stop: string | null = 'test_a.py:10'): TestResult => ({ failing: true, stop });

describe('mutationEvidence', () => {
  const base = { t1: fail('test_a.py:10'), t2: fail('test_a.py:20'), t3: pass(), t4: pass() };

  it('scores a line by the failing tests its mutants fix and the passing tests they break', () => {
    const runs: MutantRun[] = [
      { line: 2, op: 'compare', tests: { t1: pass(), t2: pass(), t3: pass(), t4: pass() } },
      { line: 3, op: 'compare', tests: { t1: pass(), t2: fail(), t3: fail(), t4: pass() } },
      { line: 3, op: 'literal', tests: { t1: fail('test_a.py:12'), t2: fail('test_a.py:20'), t3: pass(), t4: pass() } },
      { line: 4, op: 'delete', tests: null },
    ];
    const e = mutationEvidence(base, runs, 5);
    expect(e[0]).toMatchObject({ mutants: 0, fix: 0, metallaxis: 0 });
    expect(e[1]).toMatchObject({ mutants: 1, fix: 1, progress: 1, allPass: 1, breakMin: 0 });
    expect(e[1].metallaxis).toBeCloseTo(1, 9);
    // One mutant fixes t1 and breaks t3; the other only lets t1 get further (line 12 after line 10).
    expect(e[2]).toMatchObject({ mutants: 2, fix: 0.5, progress: 0.5, allPass: 0, breakMin: 0 });
    expect(e[2].metallaxis).toBeCloseTo(1 / Math.sqrt(2 * 2), 9);
    // A run without a trace (timeout, crash) fixes nothing and breaks every passing test.
    expect(e[3]).toMatchObject({ mutants: 1, fix: 0, progress: 0, breakMin: 1, metallaxis: 0 });
  });

  it('counts a failure further down the same test as progress, not one elsewhere', () => {
    const runs: MutantRun[] = [
      { line: 1, op: 'a', tests: { t1: fail('test_a.py:11'), t2: fail('other.py:30'), t3: pass(), t4: pass() } },
    ];
    expect(mutationEvidence(base, runs, 1)[0]).toMatchObject({ fix: 0, progress: 0.5 });
  });

  it('is empty without a failing test, and treats a merged view as one test', () => {
    const runs: MutantRun[] = [{ line: 1, op: 'a', tests: { t1: pass(), t2: fail(), t3: pass(), t4: pass() } }];
    expect(mutationEvidence({ t3: pass() }, runs, 1)[0].mutants).toBe(0);
    expect(mutationEvidence(base, runs, 1)[0].fix).toBe(0.5);
    expect(mutationEvidence(base, runs, 1, true)[0]).toMatchObject({ mutants: 1, fix: 0, allPass: 0 });
    const all: MutantRun[] = [{ line: 1, op: 'a', tests: { t1: pass(), t2: pass(), t3: pass(), t4: pass() } }];
    expect(mutationEvidence(base, all, 1, true)[0]).toMatchObject({ fix: 1, allPass: 1 });
    expect(mergeResults({ a: pass(), b: fail('x:1') })).toEqual({ merged: fail('x:1') });
  });
});

describe('test results and lines to mutate', () => {
  const tests: TraceTest[] = [
    { id: 'a', outcome: 'fail', lines: { 'm.py': [2, 3] }, exception: 'AssertionError', frames: [{ file: 'test_m.py', line: 9 }, { file: 'm.py', line: 3 }] },
    { id: 'b', outcome: 'pass', lines: { 'm.py': [2, 4] }, exception: null, frames: [] },
    { id: 'c', outcome: 'skip', lines: {}, exception: null, frames: [] },
  ];

  it('reads where a failing test stopped outside the mutated file', () => {
    expect(testResult(tests[0], 'm.py')).toEqual({ failing: true, stop: 'test_m.py:9' });
    expect(Object.keys(resultsOf(tests, 'm.py'))).toEqual(['a', 'b']);
  });

  it('mutates code lines failing tests ran, most suspicious by Ochiai first', () => {
    expect(mutationLines({ tests }, 'm.py', [0, 0.2, 0.1, 0.9])).toEqual([3, 2]);
    expect(mutationLines({ tests }, 'm.py', [0, 0.2, 0, 0.9])).toEqual([2]);
  });

  it('gives runs a time limit from the original run', () => {
    expect(mutantTimeoutMs(0.1)).toBe(1000);
    expect(mutantTimeoutMs(2)).toBe(4500);
    expect(mutantTimeoutMs(100)).toBe(120_000);
    expect(mutantTimeoutMs(100, 30_000)).toBe(30_000);
  });

  it('adds the mutation evidence to the fusion features (zeros without it)', () => {
    const ev = lineEvidence({ tests }, 'm.py', 4);
    const m = mutationEvidence(resultsOf(tests, 'm.py'), [{ line: 3, op: 'x', tests: { a: pass(), b: pass() } }], 4);
    const rows = fusionFeatures([0, 0.2, 0.1, 0.9], ev, undefined, m);
    const at = (name: string) => FUSION_FEATURES.indexOf(name as (typeof FUSION_FEATURES)[number]);
    expect(rows[2][at('mut_tried')]).toBe(1);
    expect(rows[2][at('mut_all_pass')]).toBe(1);
    expect(rows[1][at('mut_tried')]).toBe(0);
    expect(fusionFeatures([0, 0.2, 0.1, 0.9], ev)[2].slice(at('mut_tried'))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('lineMutants', () => {
  beforeAll(async () => { await initPython(); });
  const text = 'def f(xs, n):\n    total = 0\n    for i in range(n):\n        total += xs[i]\n    return total\n';

  it('tries different operators on a line before a second change of the same operator', () => {
    const ms = lineMutants(text, [4], 4);
    expect(new Set(ms.map((m) => m.op)).size).toBe(ms.length);
  });

  it('changes only the lines asked for, cheapest first, at most perLine each', () => {
    const ms = lineMutants(text, [3, 4], 3);
    expect(ms.length).toBeGreaterThan(3);
    const before = text.split('\n');
    for (const m of ms) {
      const after = m.text.split('\n');
      const changed = before.map((l, i) => (l !== after[i] ? i + 1 : 0)).filter(Boolean);
      expect(changed[0]).toBe(m.line);
    }
    for (const l of [3, 4]) expect(ms.filter((m) => m.line === l).length).toBeLessThanOrEqual(3);
    expect(ms.filter((m) => m.line === 3).map((m) => m.text)).toContain(text.replace('range(n)', 'range(1, n)'));
    expect(lineMutants(text, [3], 20).map((m) => m.text)).toContain(text.replace('range(n)', 'range(n + 1)'));
  });
});
