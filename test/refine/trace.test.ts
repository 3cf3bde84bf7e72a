import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lineEvidence, runTraced } from '../../server/src/diagnose/evidence.js';
import { cleanupProjects, copyFixture, snapshot } from '../support/project.js';

// fixtures/refine/clamp: line 8 of bounds.py is the bug (`value < high`); only test_below passes.
describe('traced test runs (real Python, real tracer)', () => {
  afterAll(() => cleanupProjects());

  for (const command of [undefined, 'python3 -m unittest -q', 'python3 -m pytest -q']) {
    it(`records per-test lines and outcomes (${command ?? 'detected command'})`, async () => {
      const dir = copyFixture('clamp');
      const before = snapshot(dir);
      const run = await runTraced(dir, command, { timeoutMs: 60_000 });
      expect(run.status).toBe('failed');
      expect(run.framework).toBe(command?.includes('unittest') ? 'unittest' : run.framework);
      const byName = new Map(run.tests.map((t) => [t.id.split(/[.:]/).pop(), t]));
      expect([...byName.keys()].sort()).toEqual(['test_above', 'test_below', 'test_edges', 'test_inside']);
      expect(byName.get('test_inside')!.outcome).toBe('fail');
      expect(byName.get('test_inside')!.exception).toBe('AssertionError');
      expect(byName.get('test_below')!.lines['bounds.py']).toEqual([6, 7]);
      expect(byName.get('test_inside')!.lines['bounds.py']).toEqual([6, 8, 9]);
      expect([run.passed, run.failed]).toEqual([1, 3]);
      const ev = lineEvidence(run, 'bounds.py', 10);
      expect(ev.slice(5, 10).map((e) => [e.ef, e.ep])).toEqual([[3, 1], [0, 1], [3, 0], [2, 0], [1, 0]]);
      expect(snapshot(dir)).toEqual(before);
    }, 90_000);
  }

  it('traces through the warm interpreter as well (unittest and pytest)', async () => {
    const dir = copyFixture('clamp');
    for (const command of ['python3 -m unittest -q', 'python3 -m pytest -q']) {
      const run = await runTraced(dir, command, { timeoutMs: 60_000, reuseInterpreter: true });
      expect([run.passed, run.failed, run.tests.length]).toEqual([1, 3, 4]);
      expect(run.framework).toBe(command.includes('unittest') ? 'unittest' : 'pytest');
    }
  }, 90_000);

  it('records the traceback frames in project files, outermost first', async () => {
    const dir = copyFixture('clamp');
    writeFileSync(join(dir, 'bounds.py'), 'def clamp(value, low, high):\n    if value < low:\n        raise ValueError(value)\n    return min(value, high)\n');
    const run = await runTraced(dir, 'python3 -m unittest', { timeoutMs: 60_000 });
    const below = run.tests.find((t) => t.id.endsWith('test_below'))!;
    expect(below.outcome).toBe('error');
    expect(below.exception).toBe('ValueError');
    expect(below.frames.map((f) => f.file)).toEqual(['test_bounds.py', 'bounds.py']);
    expect(below.frames[1].line).toBe(3);
    const ev = lineEvidence(run, 'bounds.py', 4);
    expect(ev[2].deepest).toBe(1);
    expect(ev[2].inTraceback).toBe(1);
  }, 90_000);

  it('a run past its time limit ends with no trace and says so', async () => {
    const dir = copyFixture('hanging');
    const run = await runTraced(dir, undefined, { timeoutMs: 1500 });
    expect(run.status).toBe('timeout');
    expect(run.tests).toEqual([]);
    expect(run.notes.join(' ')).toMatch(/no trace \(timeout\)/);
  }, 60_000);
});
