import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runShell, runningGroups } from '../../server/src/exec/process.js';
import { Scratch, sweepStaleAreas } from '../../server/src/exec/scratch.js';
import { closePlan, planTests, runTests } from '../../server/src/exec/tests.js';
import { alive, cleanupProjects, copyFixture, snapshot } from '../support/project.js';

const tmp = mkdtempSync(join(tmpdir(), 'flare-exec-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('running commands', () => {
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('kills the whole process group on timeout, grandchildren included', async () => {
    const pidFile = join(tmp, 'grandchild');
    const r = await runShell(`sh -c 'sleep 300 & echo $! > ${pidFile}; wait'`, { cwd: tmp, env: process.env, timeoutMs: 700 });
    expect(r.timedOut).toBe(true);
    expect(r.ms).toBeLessThan(5000);
    await sleep(200);
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
    expect(runningGroups()).toEqual([]);
  });

  it('kills the group on cancel, and reports exit codes and output', async () => {
    const c = new AbortController();
    setTimeout(() => c.abort(), 300);
    const r = await runShell('sleep 30', { cwd: tmp, env: process.env, signal: c.signal });
    expect(r.cancelled).toBe(true);
    const ok = await runShell('echo out; echo err >&2; exit 3', { cwd: tmp, env: process.env });
    expect(ok).toMatchObject({ exitCode: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false });
  });
});

describe('scratch copies', () => {
  afterAll(cleanupProjects);

  it('copy the project without version control, caches or virtualenvs, and never touch the original', async () => {
    const dir = copyFixture('ledger');
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: x\n');
    mkdirSync(join(dir, '__pycache__'));
    writeFileSync(join(dir, '__pycache__', 'ledger.cpython-311.pyc'), 'x');
    mkdirSync(join(dir, '.venv', 'bin'), { recursive: true });
    writeFileSync(join(dir, '.venv', 'pyvenv.cfg'), 'home = /usr\n');
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync('ledger.py', join(dir, 'alias.py'));
    const before = snapshot(dir);
    const s = await Scratch.create(dir);
    expect(existsSync(join(s.base, '.git'))).toBe(false);
    expect(existsSync(join(s.base, '__pycache__'))).toBe(false);
    expect(existsSync(join(s.base, 'tests', 'test_ledger.py'))).toBe(true);
    const run = await s.checkout('ledger.py', 'changed = True\n');
    expect(readFileSync(join(run, 'ledger.py'), 'utf8')).toBe('changed = True\n');
    expect(readFileSync(join(s.base, 'ledger.py'), 'utf8')).toContain('def transfer');
    // Unchanged files are hard links to the base copy, shared folders are symlinks.
    expect(statSync(join(run, 'setup.py')).ino).toBe(statSync(join(s.base, 'setup.py')).ino);
    expect(statSync(join(run, 'tests', 'test_ledger.py')).nlink).toBeGreaterThanOrEqual(2);
    expect(existsSync(join(run, '.venv', 'pyvenv.cfg'))).toBe(true);
    expect(readFileSync(join(run, 'alias.py'), 'utf8')).toBe('changed = True\n');
    await expect(s.checkout('../outside.py', 'x')).rejects.toThrow(/outside the project/);
    await s.release(run);
    expect(existsSync(run)).toBe(false);
    await s.dispose();
    expect(existsSync(s.area)).toBe(false);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('scratch areas of processes that are gone', () => {
  it('are removed by the next job; live ones are kept', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'flare-sweep-'));
    try {
      const dead = join(parent, 'flare-refine-999999999-abc123');
      const mine = join(parent, `flare-refine-${process.pid}-def456`);
      const other = join(parent, 'flare-refine-unrelated');
      for (const d of [dead, mine, other]) mkdirSync(join(d, 'base'), { recursive: true });
      expect(await sweepStaleAreas(parent)).toEqual([dead]);
      expect(existsSync(mine) && existsSync(other)).toBe(true);
      const s = await Scratch.create(copyFixture('passing'), { tmpRoot: parent });
      expect(s.area.startsWith(join(parent, `flare-refine-${process.pid}-`))).toBe(true);
      await s.dispose();
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe('finding and running the tests', () => {
  afterAll(cleanupProjects);

  it('uses the configured command first, then pytest, then unittest; reads per-test outcomes', { timeout: 300_000 }, async () => {
    const dir = copyFixture('clamp');
    const s = await Scratch.create(dir);
    const plans: Awaited<ReturnType<typeof planTests>>[] = [];
    try {
      const text = readFileSync(join(dir, 'bounds.py'), 'utf8');
      const custom = await planTests(dir, s, { command: 'python3 -m unittest -q' });
      expect(custom.kind).toBe('custom');
      const auto = await planTests(dir, s, {});
      expect(auto.kind).toBe('pytest');
      plans.push(custom, auto);
      if (existsSync('/usr/bin/python3')) {
        // Debian's interpreter has no pytest: unittest it is.
        const plain = await planTests(dir, s, { python: '/usr/bin/python3' });
        if (!plain.python?.hasPytest) {
          expect(plain.kind).toBe('unittest');
          expect(plain.display).toBe('/usr/bin/python3 -m unittest discover');
        }
        plans.push(plain);
      }
      for (const plan of plans) {
        for (const warm of [true, false]) {
          if (!warm) closePlan(plan);
          const run = await s.checkout('bounds.py', text);
          const r = await runTests(plan, run, { timeoutMs: 60_000, reportPath: s.path('r.xml') });
          await s.release(run);
          expect({ status: r.status, passed: r.passed, failed: r.failed }, `${plan.kind} warm=${warm}: ${r.output.slice(-800)}`).toEqual({ status: 'failed', passed: 1, failed: 3 });
          expect(r.failures.map((f) => f.message).sort()[0]).toMatch(/AssertionError: 10 != 0/);
          if (plan.kind !== 'custom') expect(r.granularity).toBe('per-test');
        }
      }
      const fixed = await s.checkout('bounds.py', text.replace('value < high', 'value > high'));
      const ok = await runTests(plans[0], fixed, { timeoutMs: 60_000, reportPath: s.path('r.xml') });
      expect(ok).toMatchObject({ status: 'passed', passed: 4, failed: 0 });
    } finally {
      for (const p of plans) closePlan(p);
      await s.dispose();
    }
  });

  it('a warm run that hangs is killed with its process group', async () => {
    const dir = copyFixture('hanging');
    const s = await Scratch.create(dir);
    try {
      const plan = await planTests(dir, s, { command: 'python3 -m unittest' });
      expect(plan.server?.alive).toBe(true);
      const run = await s.checkout('waits.py', readFileSync(join(dir, 'waits.py'), 'utf8'));
      const r = await runTests(plan, run, { timeoutMs: 800, reportPath: s.path('r.xml') });
      expect(r.status).toBe('timeout');
      expect(r.ms).toBeLessThan(5000);
      closePlan(plan);
      expect(runningGroups()).toEqual([]);
    } finally {
      await s.dispose();
    }
  });
});
