/**
 * A real editor: headless Neovim attaches flare-ls to a buggy Python file and receives diagnostics,
 * hovers, follows an edit, and stops the server cleanly. Skips only when `nvim` is not installed.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeLines, FIXTURES, ROOT } from '../lsp/client.js';
import { editorVersion, run } from './editor.js';

const nvimVersion = editorVersion('nvim', 'apt-get install -y --no-install-recommends neovim', 'test/e2e/nvim.test.ts');

describe.skipIf(!nvimVersion)(`Neovim (${nvimVersion ?? 'nvim not installed: skipped'})`, () => {
  it('shows flare diagnostics for a buggy Python file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flare-nvim-'));
    const file = join(dir, 'buggy.py');
    copyFileSync(join(FIXTURES, 'buggy.py'), file);
    const out = join(dir, 'result.json');
    const script = join(ROOT, 'test', 'e2e', 'nvim', 'flare.lua');
    const { code, stderr } = await run('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${script}`],
      { FLARE_ROOT: ROOT, FLARE_FILE: file, FLARE_OUT: out, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir }, 90_000);
    expect(code, stderr).toBe(0);
    const r = JSON.parse(readFileSync(out, 'utf8'));
    expect(r.error ?? null, stderr).toBeNull();
    expect(r.ok).toBe(true);
    expect(r.filetype).toBe('python');
    expect(r.attached).toBe(true);
    expect(r.got).toBe(true);

    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    expect(r.diagnostics).toHaveLength(codeLines(text).length);
    const bug = r.diagnostics.find((d: { lnum: number }) => d.lnum === 3);
    expect(bug).toBeDefined();
    expect(bug.col).toBe(4);
    expect(bug.end_col).toBe(lines[3].trimEnd().length);
    expect(bug.message).toMatch(/^Suspicious line \(score \d\.\d\d, rank \d+ of \d+\)$/);
    for (const d of r.diagnostics) expect([3, 4]).toContain(d.severity); // vim.diagnostic.severity.INFO / HINT

    expect(r.hover).toMatch(/\*\*flare\*\*: suspicious line, score \d\.\d\d \(rank \d+ of \d+\)/);
    expect(r.updated).toBe(true);
    expect(r.after_edit.map((d: { lnum: number }) => d.lnum)).toContain(4);
    expect(r.stopped).toBe(true);
    expect(r.exit_code).toBe(0);
  });
});
