/**
 * The Neovim plugin (clients/nvim) in a real headless Neovim, set up by the README's init.lua snippet: it attaches
 * flare-ls to a buggy project, shows diagnostics, runs the refine code action with the template generator,
 * applies the offered fix, and the project's tests pass on the saved file. Skips only when `nvim` is missing.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../lsp/client.js';
import { demoProject, editorVersion, expectDemoFixed, readmeSnippet, removeDemoProjects, run, unittest } from './editor.js';

const nvimVersion = editorVersion('nvim', 'apt-get install -y --no-install-recommends neovim', 'test/e2e/nvimPlugin.test.ts');
afterAll(removeDemoProjects);

describe.skipIf(!nvimVersion)(`Neovim plugin (${nvimVersion ?? 'nvim not installed: skipped'})`, () => {
  it('diagnoses, refines with templates, applies the fix, and the saved file passes the tests', async () => {
    const demo = demoProject('flare-nvim-plugin-');
    const { dir, file } = demo;
    expect(unittest(dir).status).not.toBe(0);
    const out = join(dir, '.result.json');
    const script = join(ROOT, 'test', 'e2e', 'nvim', 'plugin.lua');
    // ~/.config/nvim/init.lua as the README gives it, in a config home of its own.
    const config = join(dir, '.config');
    mkdirSync(join(config, 'nvim'), { recursive: true });
    writeFileSync(join(config, 'nvim', 'init.lua'), readmeSnippet('Neovim', 'lua'));
    const { code, stderr } = await run('nvim', ['--headless', '-n', '-i', 'NONE', '-c', `luafile ${script}`],
      { FLARE_FILE: file, FLARE_OUT: out, XDG_CONFIG_HOME: config, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir }, 300_000);
    expect(code, stderr).toBe(0);
    const r = JSON.parse(readFileSync(out, 'utf8'));
    expect(r.error ?? null, stderr).toBeNull();
    expect(r.ok).toBe(true);
    expect(r.threshold, 'the README snippet ran').toBe(0.1);
    expect(r.attached).toBe(true);
    expect(r.root_dir).toBe(dir);
    expect(r.got).toBe(true);
    expect(r.diagnostics).toBeGreaterThan(0);

    expect(r.refine_command_started, JSON.stringify(r.messages)).toBe(true);
    expect(r.refine_command_cancelled, JSON.stringify(r.messages)).toBe(true);
    expect(r.refine_offered, JSON.stringify(r.offered)).toBe(true);
    expect(r.finished, JSON.stringify(r.messages)).toBe(true);
    expect(r.summary).toMatch(/FLARE: stats\.py: .*Choose the code action "FLARE: apply fix \(5\/5 tests pass\)"/);
    expect(r.progress.length, 'progress shown through the plugin').toBeGreaterThan(0);
    expect(r.progress.some((m: string) => m.includes('(done)'))).toBe(true);
    expect(r.fix_offered, JSON.stringify(r.offered)).toBe(true);
    expect(r.chosen[1]).toBe('FLARE: apply fix (5/5 tests pass)');
    expect(r.changed).toBe(true);

    // The buffer holds the fix, :write saved it, and the project's tests now pass on the file.
    expect(expectDemoFixed(demo).replace(/\n$/, '')).toBe(r.after);

    if (r.server_commands.includes('flare.runTests')) {
      expect(r.run_tests_answered, JSON.stringify(r.messages)).toBe(true);
      expect(r.run_tests_message ?? null).toBeNull();
    } else {
      expect(r.run_tests_message).toMatch(/flare-ls: flare\.runTests: .*unknown command/);
    }
    expect(r.cancel_answered, JSON.stringify(r.messages)).toBe(true);
    expect(r.stopped).toBe(true);
  }, 320_000);
});
