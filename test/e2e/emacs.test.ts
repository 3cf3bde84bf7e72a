/**
 * The Emacs client (clients/emacs/flare-ls.el) in a real `emacs --batch` with eglot, set up by the README's
 * init.el snippet: diagnostics, the refine
 * code action with the template generator, the fix applied and saved, and the project's tests pass on it.
 * Also byte-compiles the file with warnings as errors and checks what it registers with eglot and lsp-mode.
 * Skips only when `emacs` (or eglot) is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, SERVER } from '../lsp/client.js';
import { demoProject, editorVersion, expectDemoFixed, readmeSnippet, removeDemoProjects, run } from './editor.js';

const INSTALL = 'apt-get install -y --no-install-recommends emacs-nox elpa-eglot';
let emacsVersion = editorVersion('emacs', INSTALL, 'test/e2e/emacs.test.ts');
if (emacsVersion) {
  const eglot = spawnSync('emacs', ['--batch', '--eval', "(progn (require 'package) (package-initialize) (require 'eglot))"], { encoding: 'utf8' });
  if (eglot.status !== 0) {
    console.warn(`test/e2e/emacs.test.ts: skipped, eglot is not installed (${INSTALL})`);
    emacsVersion = undefined;
  }
}
afterAll(removeDemoProjects);

async function emacs(script: string, env: NodeJS.ProcessEnv, ms: number): Promise<Record<string, unknown>> {
  const { code, stderr } = await run('emacs', ['--batch', '-l', join(ROOT, 'test', 'e2e', 'emacs', script)], { FLARE_ROOT: ROOT, ...env }, ms);
  expect(code, stderr).toBe(0);
  expect(existsSync(env.FLARE_OUT!), stderr).toBe(true);
  return JSON.parse(readFileSync(env.FLARE_OUT!, 'utf8'));
}

describe.skipIf(!emacsVersion)(`Emacs + eglot (${emacsVersion ?? 'emacs or eglot not installed: skipped'})`, () => {
  it('diagnoses, refines with templates, applies the fix, and the saved file passes the tests', async () => {
    const demo = demoProject('flare-emacs-');
    const { dir, file } = demo;
    const init = join(dir, '.init.el');
    writeFileSync(init, readmeSnippet('Emacs', 'elisp'));
    const r = await emacs('flow.el', { FLARE_INIT: init, FLARE_FILE: file, FLARE_OUT: join(dir, '.result.json'), FLARE_WAIT: '240' }, 300_000);
    const log = JSON.stringify(r.messages);
    expect(r.error ?? null, log).toBeNull();
    expect(r.ok).toBe(true);
    expect(r.threshold, 'the README snippet ran').toBe(0.1);
    expect(r.mode).toBe('python-mode');
    expect(r.connected).toBe(true);
    expect(r.got).toBe(true);
    expect(r.diagnostics).toBeGreaterThan(0);
    expect(r['refine-command'], log).toBe(true);
    expect(r['refine-cancelled'], log).toBe(true);
    expect(r.refine).toBe('FLARE: refine suspicious code');
    expect(r.finished, log).toBe(true);
    // The template generator and the unittest command came from eglot-workspace-configuration.
    expect(r.summary).toMatch(/FLARE: stats\.py: fixed: all 5 tests pass.*Choose the code action "FLARE: apply fix \(5\/5 tests pass\)"/);
    expect(r.fix).toBe('FLARE: apply fix (5/5 tests pass)');
    expect(r.changed).toBe(true);

    expectDemoFixed(demo);

    if ((r['server-commands'] as string[]).includes('flare.runTests')) expect(r['run-tests']).toBeNull();
    else expect(r['run-tests']).toBe('flare-ls: flare.runTests: workspace/executeCommand: unknown command flare.runTests');
    expect(r.cancel, log).toBe(true);
  }, 320_000);

  it('byte-compiles without warnings and registers flare-ls with eglot and lsp-mode', async () => {
    const { dir } = demoProject('flare-emacs-check-');
    const r = await emacs('check.el', { FLARE_OUT: join(dir, '.check.json') }, 60_000);
    expect(r.compiled).toBe(true);
    expect(r.command).toEqual(['node', SERVER, '--stdio']);
    expect(r['eglot-first']).toBe(true);
    expect(r['eglot-contact']).toEqual(r.command);
    if (!r['lsp-mode']) {
      console.warn('test/e2e/emacs.test.ts: lsp-mode is not installed (apt-get install elpa-lsp-mode); its registration is not checked');
      return;
    }
    expect(r['lsp-registered']).toBe(true);
    expect(r['lsp-add-on']).toBe(true);
    expect(r['lsp-modes']).toEqual(['python-mode', 'python-ts-mode']);
    expect(r['lsp-server-present']).toBe(true);
  });

  const hasLspMode = !!emacsVersion && spawnSync('emacs', ['--batch', '--eval', "(progn (require 'package) (package-initialize) (require 'lsp-mode))"]).status === 0;
  if (emacsVersion && !hasLspMode) console.warn('test/e2e/emacs.test.ts: lsp-mode test skipped, lsp-mode is not installed (apt-get install -y --no-install-recommends elpa-lsp-mode)');
  it.skipIf(!hasLspMode)('runs as an lsp-mode add-on client: diagnostics, flare-ls-refine, the fix applied and saved', async () => {
    const demo = demoProject('flare-lsp-mode-');
    const init = join(demo.dir, '.init.el');
    writeFileSync(init, readmeSnippet('Emacs', 'elisp', 1));
    const r = await emacs('lspmode.el', { FLARE_INIT: init, FLARE_FILE: demo.file, FLARE_OUT: join(demo.dir, '.result.json'), FLARE_WAIT: '240' }, 300_000);
    const log = JSON.stringify(r.messages);
    expect(r.error ?? null, log).toBeNull();
    expect(r.threshold, 'the README snippet ran').toBe(0.1);
    expect(r.connected, log).toBe(true);
    expect(r['add-on']).toBe(true);
    // Diagnostics at all prove flare-ls-settings arrived: the model's own threshold shows none on the demo.
    expect(r.got, log).toBe(true);
    expect(r.finished, log).toBe(true);
    expect(r.summary).toMatch(/FLARE: stats\.py: fixed: all 5 tests pass/);
    expect(r.fix).toBe('FLARE: apply fix (5/5 tests pass)');
    expect(r.changed).toBe(true);
    expectDemoFixed(demo);
    expect(r.cancel, log).toBe(true);
  }, 320_000);
});
