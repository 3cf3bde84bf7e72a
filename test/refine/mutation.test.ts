/**
 * Mutation evidence with real test runs on the clamp fixture (line 8 compares the wrong way): the
 * change that makes every test pass is found on line 8 and nowhere else; runs in parallel give the same
 * evidence; the budget and a cancel cut the runs; the project itself is never touched.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTraced } from '../../server/src/diagnose/evidence.js';
import { fileMutation, runMutants } from '../../server/src/diagnose/mutation.js';
import { initPython } from '../../server/src/language/python.js';
import { cleanupProjects, copyFixture, snapshot } from '../support/project.js';

const COMMAND = 'python3 -m unittest -q';

describe('mutation evidence on a real project', () => {
  beforeAll(async () => { await initPython(); });
  afterAll(() => cleanupProjects());

  it('finds the one-token fix on the faulty line and leaves the project as it was', async () => {
    const p = copyFixture('clamp');
    const before = snapshot(p);
    const text = readFileSync(join(p, 'bounds.py'), 'utf8');
    const run = await runTraced(p, COMMAND, { timeoutMs: 60_000 });
    expect(run.failed).toBe(3);
    // Model scores only mark the code lines here: the evidence decides the order.
    const model = text.split('\n').map((l) => (/^\s+(if|return)/.test(l) ? 0.1 : 0));
    const m = await fileMutation(p, COMMAND, 'bounds.py', text, run, model, { perLine: 4 });
    expect(m).not.toBeNull();
    expect(m!.runs.complete).toBe(true);
    expect(m!.runs.lines).toContain(8);
    expect(m!.evidence[7]).toMatchObject({ allPass: 1, fix: 1 });
    expect(m!.evidence[7].metallaxis).toBeCloseTo(1, 9);
    for (const [i, e] of m!.evidence.entries()) if (i !== 7) expect(e.allPass).toBe(0);
    // Three runs at a time give the same runs, in the planned order, and the same evidence.
    const progress: number[] = [];
    const par = await fileMutation(p, COMMAND, 'bounds.py', text, run, model, { perLine: 4, parallel: 3, progress: (done) => progress.push(done) });
    expect(par!.runs.runs).toEqual(m!.runs.runs);
    expect(par!.evidence).toEqual(m!.evidence);
    expect(progress).toEqual(m!.runs.runs.map((_, i) => i + 1));
    expect(snapshot(p)).toEqual(before);
  }, 120_000);

  it('stops at the time budget and at the run limit, and does nothing without failing tests', async () => {
    const p = copyFixture('clamp');
    const text = readFileSync(join(p, 'bounds.py'), 'utf8');
    const cut = await runMutants(p, COMMAND, 'bounds.py', text, [8, 6], { budgetMs: 0 });
    expect(cut).toMatchObject({ complete: false, runs: [] });
    const two = await runMutants(p, COMMAND, 'bounds.py', text, [8, 6], { maxRuns: 2 });
    expect(two.runs.map((r) => r.line)).toEqual([8, 6]);
    expect(two.complete).toBe(false);
    expect(two.planned).toBe(2);
    expect(two.changes).toBeGreaterThan(2);
    // A cancel stops every worker: nothing more starts, and the runs that ended are kept.
    const stop = new AbortController();
    const cancelled = await runMutants(p, COMMAND, 'bounds.py', text, [8, 6], { parallel: 2, signal: stop.signal, progress: () => stop.abort() });
    expect(cancelled.complete).toBe(false);
    expect(cancelled.runs.length).toBeGreaterThanOrEqual(1);
    expect(cancelled.runs.length).toBeLessThanOrEqual(2);
    const fixed = text.replace('if value < high', 'if value > high');
    const ok = await runTraced(p, COMMAND, { timeoutMs: 60_000, file: { path: 'bounds.py', text: fixed } });
    expect(ok.failed).toBe(0);
    expect(await fileMutation(p, COMMAND, 'bounds.py', fixed, ok, fixed.split('\n').map(() => 0.1))).toBeNull();
  }, 120_000);
});
