/**
 * The pure parts of refinement in the server: the whole-line edit, the code actions offered, the
 * project root, the refine keys of the `flare` section, and the README's rows for them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSettings } from '../../server/src/lsp/config.js';
import { projectRoot } from '../../server/src/lsp/projectRoot.js';
import { lineEdit, refineActions, type ActionInput } from '../../server/src/lsp/refineActions.js';
import { resolveSettings, settingsTable } from '../../server/src/refine/settings.js';
import { ROOT } from './client.js';

const apply = (text: string, e: ReturnType<typeof lineEdit>) => TextDocument.applyEdits(TextDocument.create('file:///a.py', 'python', 1, text), [e]);

describe('lineEdit', () => {
  const cases: [string, string][] = [
    ['a\nb\nc\n', 'a\nB\nc\n'],
    ['a\nb\nc\n', 'a\nb\nx\nc\n'],
    ['a\nb\nc\n', 'a\nc\n'],
    ['a\nb\nc', 'a\nb\nC'],
    ['a\nb', 'a\nb\nc\n'],
    ['a\r\nb\r\nc\r\n', 'a\r\nbb\r\nc\r\n'],
    ['', 'x = 1\n'],
    ['x\n', ''],
  ];
  it.each(cases)('turns %j into %j over whole lines', (before, after) => {
    const e = lineEdit(before, after);
    expect(apply(before, e)).toBe(after);
    expect(e.range.start.character).toBe(0);
  });

  it('keeps an insertion small', () => {
    expect(lineEdit('    lo = 1\n    return hi\n', '    lo = 1\n    hi = 2\n    return hi\n'))
      .toEqual({ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '    hi = 2\n' });
  });
});

describe('refineActions', () => {
  const range = { start: { line: 4, character: 0 }, end: { line: 4, character: 3 } };
  const base: ActionInput = { uri: 'file:///p/a.py', version: 3, range, diagnostics: [], suspicious: true, running: false, documentChanges: true };
  const ready = {
    uri: base.uri, version: 3, requested: range, passed: 9, tests: 9, fixed: true,
    edit: { range: { start: { line: 10, character: 0 }, end: { line: 11, character: 0 } }, newText: 'x\n' },
  };

  it('offers refine on scored files, cancel while running, and honours context.only', () => {
    expect(refineActions(base).map((a) => a.title)).toEqual(['FLARE: refine suspicious code']);
    expect(refineActions({ ...base, suspicious: false })).toEqual([]);
    const flare = { range, message: 'Suspicious line', source: 'flare' };
    const other = { range, message: 'E501', source: 'ruff' };
    const withDiag = refineActions({ ...base, suspicious: false, diagnostics: [flare, other] });
    expect(withDiag[0].diagnostics).toEqual([flare]);
    expect(refineActions({ ...base, running: true }).map((a) => a.command?.command)).toEqual(['flare.cancel']);
    expect(refineActions({ ...base, only: ['refactor'] })).toEqual([]);
    expect(refineActions({ ...base, only: ['quickfix'] })).toHaveLength(1);
  });

  it('offers the fix only for its version, on its lines or where it was asked for', () => {
    const on = refineActions({ ...base, range: ready.edit.range, ready });
    expect(on[0]).toMatchObject({
      title: 'FLARE: apply fix (9/9 tests pass)', isPreferred: true,
      edit: { documentChanges: [{ textDocument: { uri: base.uri, version: 3 }, edits: [ready.edit] }] },
    });
    expect(refineActions({ ...base, ready })[0].title).toBe('FLARE: apply fix (9/9 tests pass)');
    const elsewhere = { start: { line: 20, character: 0 }, end: { line: 20, character: 0 } };
    expect(refineActions({ ...base, range: elsewhere, ready }).map((a) => a.title)).toEqual(['FLARE: refine suspicious code']);
    expect(refineActions({ ...base, version: 4, ready }).map((a) => a.title)).toEqual(['FLARE: refine suspicious code']);
    expect(refineActions({ ...base, ready, documentChanges: false })[0].edit).toEqual({ changes: { [base.uri]: [ready.edit] } });
  });
});

describe('projectRoot', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'flare-root-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const mk = (...parts: string[]) => {
    const d = join(tmp, ...parts);
    mkdirSync(d, { recursive: true });
    return d;
  };

  it('takes the nearest project marker inside the workspace folder, else the folder', () => {
    const ws = mk('ws');
    const pkg = mk('ws', 'pkg', 'src');
    writeFileSync(join(tmp, 'ws', 'pkg', 'pyproject.toml'), '');
    expect(projectRoot(join(pkg, 'a.py'), [ws])).toBe(join(tmp, 'ws', 'pkg'));
    const plain = mk('ws', 'plain');
    expect(projectRoot(join(plain, 'b.py'), [ws])).toBe(ws);
    // The innermost workspace folder that holds the file counts.
    expect(projectRoot(join(plain, 'b.py'), [ws, plain])).toBe(plain);
  });

  it('outside every workspace folder: the nearest marker, else the file folder; never home or /', () => {
    const lone = mk('lone', 'deep');
    expect(projectRoot(join(lone, 'c.py'), [mk('elsewhere')])).toBe(lone);
    writeFileSync(join(tmp, 'lone', 'setup.py'), '');
    expect(projectRoot(join(lone, 'c.py'), [])).toBe(join(tmp, 'lone'));
    expect(projectRoot(join(lone, 'c.py'), ['/'])).toBe(join(tmp, 'lone'));
  });
});

describe('refine keys in the flare section', () => {
  it('validates them with the engine table, nested or dotted, and reports unknown keys', () => {
    const p = parseSettings({
      refine: { k: 3, autoApply: true, nope: 1 }, 'tests.timeoutSec': 5, ollama: { host: 'http://127.0.0.1:1' },
    });
    expect(p.invalid).toEqual([]);
    expect(p.unknown).toEqual(['flare.refine.nope']);
    expect(p.settings.refine.refine).toMatchObject({ k: 3, autoApply: true });
    expect(p.settings.refine.tests.timeoutSec).toBe(5);
    expect(p.settings.refine.ollama.host).toBe('http://127.0.0.1:1');
  });

  it('gives one warning per invalid value and keeps the default', () => {
    const p = parseSettings({ refine: { k: 99, generator: 'gpt' }, tests: 'fast' });
    expect(p.invalid).toHaveLength(3);
    expect(p.invalid.join('\n')).toMatch(/flare\.refine\.k: 99 is above the maximum 10/);
    expect(p.invalid.join('\n')).toMatch(/flare\.tests: "fast" is not an object/);
    const d = resolveSettings({}).settings;
    expect(p.settings.refine.refine.k).toBe(d.refine.k);
    expect(p.settings.refine.refine.generator).toBe('auto');
  });

  it('has a README row for every key, with its default', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const row of settingsTable().split('\n').slice(2)) expect(readme).toContain(row.replace('| `flare.', '| `'));
  });
});
