/**
 * Helpers of the real-editor tests: run an editor process with a time limit, and a throwaway copy of the
 * demo project (a git repository, so that editors detect it as a project).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from '../lsp/client.js';

/** First line of `cmd --version`, or undefined when it does not run (then the test skips, saying why). */
export function editorVersion(cmd: string, install: string, testFile: string): string | undefined {
  const probe = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
  const version = probe.status === 0 ? probe.stdout.split('\n')[0] : undefined;
  if (!version) console.warn(`${testFile}: skipped, \`${cmd}\` is not on PATH (${install})`);
  return version;
}

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, ms: number, cwd?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const t = setTimeout(() => { p.kill('SIGKILL'); reject(new Error(`${cmd} timed out; stderr: ${stderr}`)); }, ms);
    p.on('exit', (code) => { clearTimeout(t); resolve({ code, stdout, stderr }); });
  });
}

const demos: string[] = [];

/**
 * A copy of test/fixtures/demo (buggy stats.py + its unittest tests) in a new temporary git repository,
 * as the README's check step makes it; removed by removeDemoProjects().
 */
export function demoProject(prefix: string): { dir: string; file: string; original: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  demos.push(dir);
  cpSync(join(ROOT, 'test', 'fixtures', 'demo'), dir, { recursive: true });
  spawnSync('git', ['init', '-q', dir]);
  const file = join(dir, 'stats.py');
  return { dir, file, original: readFileSync(file, 'utf8') };
}

export function removeDemoProjects(): void {
  for (const d of demos.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** The editor saved the demo's fix: stats.py changed at the loop bound, and the project's tests pass. */
export function expectDemoFixed(demo: { dir: string; file: string; original: string }): string {
  const saved = readFileSync(demo.file, 'utf8');
  expect(saved).not.toBe(demo.original);
  expect(saved).toMatch(/range\(\(?len\(values\) - window\)? \+ 1\)/);
  const tests = unittest(demo.dir);
  expect(tests.status, tests.output).toBe(0);
  return saved;
}

/** How README.md marks the path of the checkout in its snippets. */
export const PLACEHOLDER = '/ABSOLUTE/PATH/TO/flare-ls';

/**
 * The nth (from 0) ```lang block under README.md's `### heading` (before the next heading), with the
 * placeholder replaced by this checkout.
 */
export function readmeSnippet(heading: string, lang: string, nth = 0): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf(`\n### ${heading}\n`);
  const section = at < 0 ? '' : readme.slice(at + 1).split(/\n#{2,3} /)[0];
  const block = [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))][nth];
  if (!block) throw new Error(`README.md has no \`\`\`${lang} block number ${nth + 1} under "### ${heading}"`);
  return block[1].replaceAll(PLACEHOLDER, ROOT);
}

/** The project's own tests, as a user would run them. */
export function unittest(dir: string): { status: number | null; output: string } {
  const r = spawnSync('python3', ['-m', 'unittest', '-q'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
