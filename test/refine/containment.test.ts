/**
 * Containment detection and the run environment: the fallback chain when bubblewrap (or unshare too)
 * is missing, detected for real in a fresh process; the allow-listed environment as a test run sees it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fence, scrubbedEnv } from '../../server/src/exec/sandbox.js';
import { Scratch } from '../../server/src/exec/scratch.js';
import { closePlan, planTests, runTests } from '../../server/src/exec/tests.js';
import { cleanupProjects, copyFixture } from '../support/project.js';

const SANDBOX = resolve('dist/server/src/exec/sandbox.js');
const bins = mkdtempSync(join(tmpdir(), 'flare-bins-'));
afterAll(() => { rmSync(bins, { recursive: true, force: true }); cleanupProjects(); });

/** The level a fresh process detects with only the given tools on PATH. */
function detectWith(tools: string[]): string {
  const dir = mkdtempSync(join(bins, 'path-'));
  for (const t of tools) {
    const found = execFileSync('sh', ['-c', `command -v ${t}`], { encoding: 'utf8' }).trim();
    symlinkSync(found, join(dir, t));
  }
  return execFileSync(process.execPath, ['-e', `import(${JSON.stringify(SANDBOX)}).then(async (m) => console.log((await m.detectContainment()).level))`], {
    encoding: 'utf8', env: { PATH: dir },
  }).trim();
}

describe('containment levels', () => {
  it('falls back from bwrap to unshare to none as the tools go missing', () => {
    let hasBwrap = true;
    try { execFileSync('sh', ['-c', 'command -v bwrap']); } catch { hasBwrap = false; }
    if (hasBwrap) expect(detectWith(['bwrap', 'unshare'])).toBe('bwrap');
    expect(detectWith(['unshare'])).toBe('unshare');
    expect(detectWith([])).toBe('none');
  });

  it('FLARE_CONTAINMENT caps the level', () => {
    const out = execFileSync(process.execPath, ['-e', `import(${JSON.stringify(SANDBOX)}).then(async (m) => console.log((await m.detectContainment()).description))`], {
      encoding: 'utf8', env: { ...process.env, FLARE_CONTAINMENT: 'none' },
    });
    expect(out).toMatch(/^none: resource limits only; network and file system are NOT fenced \(capped at none\)/);
  });

  it('bwrap keeps the network only when isolation is turned off, and the base copy read-only', () => {
    const c = { level: 'bwrap' as const, options: [], description: 'bubblewrap' };
    const w = fence(c, { area: '/tmp/a', readOnly: '/tmp/a/base' }).wrapper;
    expect(w).toEqual(expect.arrayContaining(['--unshare-all', '--die-with-parent', '--ro-bind', '/tmp/a/base']));
    expect(w.join(' ')).toContain('--bind /tmp/a /tmp/a --ro-bind /tmp/a/base /tmp/a/base');
    // The project stays visible (read-only) even under the private /tmp, and before the area's mounts.
    const v = fence(c, { area: '/tmp/a', readOnly: '/tmp/a/base', visible: '/tmp/p' }).wrapper.join(' ');
    expect(v).toContain('--tmpfs /tmp --ro-bind /tmp/p /tmp/p --bind /tmp/a /tmp/a');
    expect(w).not.toContain('--share-net');
    expect(fence(c, { area: '/tmp/a', network: true }).wrapper).toContain('--share-net');
    const u = { level: 'unshare' as const, options: ['--net', '--pid', '--fork', '--kill-child', '--mount-proc'], description: 'unshare' };
    expect(fence(u, { area: '/tmp/a' })).toMatchObject({ wrapper: ['unshare', ...u.options, '--'], pidNamespace: true });
    expect(fence(u, { area: '/tmp/a', network: true }).wrapper).toEqual([]);
  });
});

describe('the environment of test runs', () => {
  const secrets = {
    GITHUB_TOKEN: 'ghp_x', AWS_SECRET_ACCESS_KEY: 'aws', SSH_AUTH_SOCK: '/run/ssh', OLLAMA_HOST: '10.0.0.1', MY_API_KEY: 'k',
    NPM_CONFIG_TOKEN: 'npm', RANDOM_SETTING: 'r', PYTHON_TOKEN: 't', DATABASE_URL: 'postgres://u:p@h/db',
  };

  it('is an allow-list: PATH, locale, Python and virtualenv variables; HOME and TMPDIR in the scratch area', () => {
    const env = scrubbedEnv({ PATH: '/usr/bin', LANG: 'C.UTF-8', LC_ALL: 'C', VIRTUAL_ENV: '/v', PYTHONPATH: '/p', HOME: '/root', ...secrets }, '/scratch/home');
    expect(env).toEqual({ PATH: '/usr/bin', LANG: 'C.UTF-8', LC_ALL: 'C', VIRTUAL_ENV: '/v', PYTHONPATH: '/p', HOME: '/scratch/home', TMPDIR: '/scratch/home/tmp' });
  });

  it('is what a contained run sees', { timeout: 120_000 }, async () => {
    const dir = copyFixture('stats');
    const s = await Scratch.create(dir);
    const plan = await planTests(dir, s, { command: 'env; echo "cwd=$(pwd)"; exit 1', env: { ...process.env, ...secrets } });
    try {
      const run = await s.checkout('stats.py', 'x = 1\n');
      const r = await runTests(plan, run, { timeoutMs: 30_000, reportPath: s.path('r.xml') });
      for (const name of Object.keys(secrets)) expect(r.output).not.toContain(`${name}=`);
      expect(r.output).toContain(`HOME=${s.path('home')}\n`);
      expect(r.output).toContain(`cwd=${run}`);
      expect(r.output).toMatch(/^PATH=/m);
    } finally {
      closePlan(plan);
      await s.dispose();
    }
  });
});
