import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { findRoot } from '../../server/src/refine/cli.js';
import { runCli } from '../support/cli.js';
import { cleanupProjects, copyFixture, snapshot } from '../support/project.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('flare refine (CLI)', () => {
  afterEach(() => vi.restoreAllMocks());
  afterAll(cleanupProjects);

  it('--json prints exactly one object with the documented keys, and writes nothing', async () => {
    const dir = copyFixture('clamp');
    const before = snapshot(dir);
    const r = await runCli(['refine', join(dir, 'bounds.py'), '--generator', 'templates', '--tests', 'python3 -m unittest -q', '--json']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]);
    expect(Object.keys(j)).toEqual(['status', 'before', 'after', 'candidates', 'rounds', 'seconds', 'diff', 'source', 'message']);
    expect(j.status).toBe('fixed');
    expect(j.before).toEqual({ passed: 1, failed: 3 });
    expect(j.after).toEqual({ passed: 4, failed: 0 });
    expect(j.source).toContain('if value > high:');
    expect(snapshot(dir)).toEqual(before);
  });

  it('--write rewrites the file; the human output shows a summary and the diff', async () => {
    const dir = copyFixture('clamp');
    const r = await runCli(['refine', join(dir, 'bounds.py'), '--root', dir, '--generator', 'templates', '--tests', 'python3 -m unittest -q', '--k', '3', '--rounds', '1', '--timeout', '20', '--write']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/: fixed\n/);
    expect(r.out).toContain('tests: before 1 passed, 3 failed; after 4 passed, 0 failed');
    expect(r.out).toContain('--- a/bounds.py\n+++ b/bounds.py');
    expect(r.out).toMatch(/written to /);
    expect(readFileSync(join(dir, 'bounds.py'), 'utf8')).toContain('if value > high:');
  });

  it('reports errors with exit status 3 and usage mistakes with 2', async () => {
    const dir = copyFixture('notests');
    const r = await runCli(['refine', join(dir, 'calc.py'), '--generator', 'templates']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/no tests found/);
    expect((await runCli(['refine', join(dir, 'calc.py'), '--k', '11'])).code).toBe(2);
    expect((await runCli(['refine', join(dir, 'calc.py'), '--generator', 'gpt'])).code).toBe(2);
    expect((await runCli(['refine'])).err).toMatch(/no FILE given/);
    expect((await runCli(['refine', join(dir, 'missing.py')])).code).toBe(3);
  });

  it('finds the project root from setup.py, pyproject.toml or .git', () => {
    const dir = copyFixture('ledger');
    expect(findRoot(join(dir, 'ledger.py'))).toBe(dir);
    expect(findRoot(join(dir, 'tests', 'test_ledger.py'))).toBe(dir);
    const deep = join(copyFixture('passing'), 'a', 'b');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'm.py'), 'x = 1\n');
    expect(findRoot(join(deep, 'm.py'))).toBe(deep);
  });

  it.skipIf(!existsSync(join(REPO, 'dist', 'server', 'src', 'cli.js')))('runs as `flare refine` from bin/flare.js', async () => {
    const dir = copyFixture('windows');
    const out = await new Promise<string>((res, rej) => {
      execFile(process.execPath, [join(REPO, 'bin', 'flare.js'), 'refine', 'sliding.py', '--json', '--generator', 'templates', '--tests', 'python3 -m unittest -q'],
        { cwd: dir, timeout: 120_000 }, (err, stdout) => (err && (err as { code?: number }).code !== 0 ? rej(err) : res(stdout)));
    });
    expect(JSON.parse(out).status).toBe('fixed');
  });
});
