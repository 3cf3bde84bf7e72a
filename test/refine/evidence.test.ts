import { beforeAll, describe, expect, it } from 'vitest';
import type { TestReport } from '../../server/src/exec/tests.js';
import { initPython } from '../../server/src/language/python.js';
import { fuseTracebacks, propagateToHeaders, tracebackLines } from '../../server/src/refine/evidence.js';
import { RunLimits } from '../../server/src/refine/limits.js';

const SRC = 'def f(xs):\n    out = []\n    for i in range(len(xs)):\n        if xs[i]:\n            out.append(xs[i + 1])\n    return out\n';

describe('localization evidence', () => {
  beforeAll(() => initPython());

  it('reads the lines of the file from Python and pytest tracebacks', () => {
    const tb = 'Traceback (most recent call last):\n  File "/tmp/run/3/test_m.py", line 9, in test\n  File "/tmp/run/3/pkg/m.py", line 5, in f\n    x\nIndexError: list index out of range';
    expect(tracebackLines(tb, 'pkg/m.py')).toEqual([5]);
    expect(tracebackLines(tb, 'm.py')).toEqual([5]);
    expect(tracebackLines(tb, 'other/m.py')).toEqual([]);
    expect(tracebackLines('pkg/m.py:12: in f\n    y\nE   assert 1', 'pkg/m.py')).toEqual([12]);
  });

  it('adds the share of failing tests whose deepest frame is a line', () => {
    const failures = [
      { name: 'a', kind: 'error' as const, message: 'IndexError', traceback: 'File "/x/m.py", line 5, in f' },
      { name: 'b', kind: 'failure' as const, message: 'AssertionError', traceback: 'File "/x/test_m.py", line 3, in t' },
    ];
    const fused = fuseTracebacks([{ line: 5, score: 0.1 }, { line: 2, score: 0.2 }], failures, 'm.py');
    expect(fused.find((s) => s.line === 5)!.score).toBeCloseTo(0.35);
    expect(fused.find((s) => s.line === 2)!.score).toBe(0.2);
  });

  it('lets the loops and conditions around a suspicious line share its score', () => {
    const out = propagateToHeaders(SRC, [{ line: 5, score: 1 }, { line: 3, score: 0.1 }, { line: 4, score: 0.05 }]);
    const at = (l: number) => out.find((s) => s.line === l)!.score;
    expect(at(4)).toBeCloseTo(0.7);
    expect(at(3)).toBeCloseTo(0.49);
    expect(at(5)).toBe(1);
  });
});

describe('time limits of candidate runs', () => {
  const report = (over: Partial<TestReport>): TestReport => ({
    status: 'failed', exitCode: 1, passed: 1, failed: 1, skipped: 0, granularity: 'per-test', outcomes: new Map(), failures: [], ms: 500, output: '', ...over,
  });

  it('start near three times the original and follow the quick runs, within bounds', () => {
    const l = new RunLimits(report({ ms: 2000 }), 60_000);
    expect(l.hangs).toBe(false);
    expect(l.next()).toBe(7000);
    for (const ms of [100, 120, 110, 130]) l.record(ms);
    expect(l.next()).toBe(1500);
    for (const ms of [3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000]) l.record(ms);
    expect(l.next()).toBe(7000);
  });

  it('probe briefly first when the original hangs, and allow a long retry', () => {
    const l = new RunLimits(report({ ms: 30_000, failures: [{ name: 't', kind: 'error', message: 'TimeLimitExceeded: test ran longer than 5 s', traceback: '' }] }), 60_000);
    expect(l.hangs).toBe(true);
    expect(l.next()).toBe(2000);
    expect(l.retry).toBe(31_000);
    const t = new RunLimits(report({ status: 'timeout', ms: 10_000 }), 10_000);
    expect(t.hangs).toBe(true);
    expect(t.retry).toBe(10_000);
  });
});
