import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Diagnoser } from '../../server/src/diagnose/diagnoser.js';
import { runningGroups } from '../../server/src/exec/process.js';
import { RefineCancelled, refine } from '../../server/src/refine/index.js';
import { alive, cleanupProjects, copyFixture, snapshot } from '../support/project.js';

describe('cancelling a refinement', () => {
  let tmp: string;
  let oldTmp: string | undefined;
  beforeAll(() => {
    // A private temporary folder, so that leftover scratch copies can be counted.
    oldTmp = process.env.TMPDIR;
    tmp = mkdtempSync(join(tmpdir(), 'flare-cancel-'));
  });
  afterAll(() => {
    delete process.env.FLARE_CONTAINMENT;
    if (oldTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = oldTmp;
    rmSync(tmp, { recursive: true, force: true });
    cleanupProjects();
  });

  it('kills the test process groups (and what the tests started) and removes the scratch copies', async () => {
    const dir = copyFixture('blocking');
    const piddir = join(tmp, 'pids');
    mkdirSync(piddir);
    writeFileSync(join(dir, 'piddir.txt'), piddir);
    const before = snapshot(dir);
    // The test runs write their pids to the host: no PID namespace, no read-only file system (process groups only).
    process.env.FLARE_CONTAINMENT = 'none';
    process.env.TMPDIR = join(tmp, 'scratch');
    mkdirSync(process.env.TMPDIR);
    const controller = new AbortController();
    const job = refine({
      root: dir, file: 'double.py', diagnoser: new Diagnoser(),
      settings: { refine: { generator: 'templates', parallel: 2 }, tests: { command: 'python3 -m unittest -q', timeoutSec: 120 } },
    }, {
      signal: controller.signal,
      // From the first candidate on, test runs block (the original ran normally).
      onProgress: (e) => { if (e.phase === 'localize') writeFileSync(join(piddir, 'block'), ''); },
    });
    const pids = () => readdirSync(piddir).filter((f) => f !== 'block');
    const t0 = Date.now();
    // The original's run plus two blocked candidates.
    while (pids().length < 3 && Date.now() - t0 < 90_000) await new Promise((r) => setTimeout(r, 100));
    expect(pids().length).toBeGreaterThanOrEqual(3);
    expect(readdirSync(process.env.TMPDIR).some((d) => d.startsWith('flare-refine-'))).toBe(true);
    const started = pids().flatMap((f) => readFileSync(join(piddir, f), 'utf8').split(' ').map(Number));
    expect(started.filter(alive).length).toBeGreaterThanOrEqual(2);
    controller.abort();
    await expect(job).rejects.toBeInstanceOf(RefineCancelled);
    expect(Date.now() - t0).toBeLessThan(120_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(started.filter(alive)).toEqual([]);
    expect(runningGroups()).toEqual([]);
    expect(readdirSync(process.env.TMPDIR).filter((d) => d.startsWith('flare-'))).toEqual([]);
    expect(existsSync(join(dir, '__pycache__'))).toBe(false);
    expect(snapshot(dir)).toEqual(before);
  });
});
