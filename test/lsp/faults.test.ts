/**
 * Faults around a refinement in the built server: the model file missing (no diagnostics, one clear
 * message, refinement with templates still works), hostile candidates from a model (the server keeps
 * answering while they run, the project stays byte for byte the same), and the editor dying without
 * `shutdown` in the middle of a test run (the server exits and its test processes die with it).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startFakeOllama } from '../support/fake-ollama.js';
import { alive, cleanupProjects, copyFixture, snapshot, until } from '../support/project.js';
import { TestClient } from './client.js';

const CAPS = { window: { showMessage: {}, workDoneProgress: true }, workspace: { applyEdit: true, workspaceEdit: { documentChanges: true } } };
const tmp = mkdtempSync(join(tmpdir(), 'flare-lsp-faults-'));
let client: TestClient | undefined;

afterEach(() => { client?.kill(); client = undefined; });
afterAll(() => { cleanupProjects(); rmSync(tmp, { recursive: true, force: true }); });

async function serve(dir: string, section: Record<string, unknown>): Promise<TestClient> {
  const own = mkdtempSync(join(tmp, 'run-'));
  return TestClient.start({
    rootUri: pathToFileURL(dir).href, capabilities: CAPS,
    initializationOptions: { diagnostics: { threshold: 0, debounceMs: 0 }, ...section },
    env: { ...process.env, TMPDIR: own },
  });
}

/** Open `file` of `dir` and start flare.refine on `line`; resolves with the progress token. */
async function refineAt(c: TestClient, dir: string, file: string, line: number): Promise<{ uri: string; token: string }> {
  const uri = pathToFileURL(join(dir, file)).href;
  await c.open(uri, readFileSync(join(dir, file), 'utf8'), 1);
  await c.diagnostics(uri, 1);
  const range = { start: { line, character: 0 }, end: { line, character: 0 } };
  expect(await c.request('workspace/executeCommand', { command: 'flare.refine', arguments: [{ uri, version: 1, range }] })).toEqual({ started: true });
  const { token } = await c.next('window/workDoneProgress/create');
  return { uri, token };
}

const ended = (c: TestClient, token: string, ms = 180_000) => c.next('$/progress', (x) => x.token === token && x.value.kind === 'end', ms);

/** Every process below `pid` (from /proc). */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone */ }
  }
  const out: number[] = [];
  for (const p of parent.keys()) {
    for (let q = parent.get(p); q; q = parent.get(q)) if (q === pid) { out.push(p); break; }
  }
  return out;
}

describe('faults around refinement in the language server', () => {
  it('model file missing: one clear message, no diagnostics, and refinement with templates still works', { timeout: 240_000 }, async () => {
    const dir = copyFixture('clamp');
    client = await serve(dir, {
      model: { path: '/nonexistent/flare-model.json' },
      refine: { generator: 'templates', parallel: 2, rounds: 1 }, tests: { command: 'python3 -m unittest -q', timeoutSec: 30 },
    });
    const { uri, token } = await refineAt(client, dir, 'bounds.py', 7);
    const shown = await client.next('window/showMessage', (m) => /model/.test(m.message));
    expect(shown).toMatchObject({ type: 1 });
    expect(shown.message).toContain('model file not found: /nonexistent/flare-model.json');
    expect((await ended(client, token)).value.message).toBe('fixed: 4/4 tests pass');
    expect(client.take('textDocument/publishDiagnostics').every((p) => p.uri !== uri || p.diagnostics.length === 0)).toBe(true);
    expect(client.take('window/showMessage').filter((m) => /model/.test(m.message))).toEqual([]);
    expect(await client.stop()).toBe(0);
  });

  it('hostile candidates from the model: the server keeps answering and the project stays the same', { timeout: 240_000 }, async () => {
    const dir = copyFixture('stats');
    const before = snapshot(dir);
    const original = readFileSync(join(dir, 'stats.py'), 'utf8');
    const fixed = original.replace('        lo = min(lo, x)\n', '        lo = min(lo, x)\n        hi = max(hi, x)\n');
    const hostile = [
      'while True:\n    pass\n',
      'hog = bytearray(10 * 1024 ** 3)\n',
      'import sys\nsys.stdout.write("x" * 100_000_000)\n',
      `import shutil\nshutil.rmtree(${JSON.stringify(dir)})\n`,
    ].map((h) => h + fixed);
    const fake = await startFakeOllama({ reply: (req) => ({ content: `\`\`\`python\n${[...hostile, fixed][req.index] ?? fixed}\`\`\`\n` }) });
    try {
      client = await serve(dir, {
        refine: { generator: 'ollama', k: 5, rounds: 1, parallel: 1 }, tests: { command: 'python3 -m unittest -q', timeoutSec: 30 },
        ollama: { host: fake.url, timeoutSec: 20 },
      });
      const { uri, token } = await refineAt(client, dir, 'stats.py', 17);
      // While candidates loop, allocate and flood, requests still answer at once.
      let done = false;
      const end = ended(client, token).finally(() => { done = true; });
      let slowest = 0;
      let asked = 0;
      while (!done) {
        const t0 = Date.now();
        await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 17, character: 8 } });
        slowest = Math.max(slowest, Date.now() - t0);
        asked++;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect((await end).value.message).toBe('fixed: 4/4 tests pass');
      expect(asked).toBeGreaterThan(3);
      expect(slowest).toBeLessThan(2000);
      expect(fake.generations().length).toBe(5);
      expect(snapshot(dir)).toEqual(before);
      expect(await client.stop()).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it('editor gone without shutdown during a test run: the server exits and its test processes die', { timeout: 120_000 }, async () => {
    const dir = copyFixture('hanging');
    client = await serve(dir, { refine: { generator: 'templates', rounds: 1 }, tests: { command: 'python3 -m unittest -q', timeoutSec: 120 } });
    await refineAt(client, dir, 'waits.py', 1);
    const server = client.proc.pid!;
    const python = () => descendants(server).filter((p) => {
      try { return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('python'); } catch { return false; }
    });
    await until(() => python().length > 0, 60_000, 'a test run');
    const below = descendants(server);
    client.proc.stdin.end();
    const code = await Promise.race([client.exitCode, new Promise((r) => setTimeout(() => r('still running'), 15_000))]);
    expect(code).not.toBe('still running');
    await until(() => below.filter(alive).length === 0, 10_000, 'the test processes to die');
  });
});

describe('scratch areas of a crashed server', () => {
  it('are removed when the next server starts, and the containment level is logged', { timeout: 60_000 }, async () => {
    const own = mkdtempSync(join(tmp, 'run-'));
    const stale = join(own, 'flare-refine-999999999-abcdef');
    mkdirSync(join(stale, 'base'), { recursive: true });
    writeFileSync(join(stale, 'base', 'left.py'), 'x = 1\n');
    client = await TestClient.start({ rootUri: pathToFileURL(own).href, capabilities: CAPS, env: { ...process.env, TMPDIR: own } });
    const log = await client.next('window/logMessage', (m) => /^test runs contained: /.test(m.message));
    expect(log.message).toMatch(/^test runs contained: (bubblewrap|unshare|none)/);
    await client.next('window/logMessage', (m) => m.message === 'removed 1 scratch area(s) left by an earlier flare process');
    expect(existsSync(stale)).toBe(false);
    expect(await client.stop()).toBe(0);
  });
});

describe('no lost edits', () => {
  it('an edit computed for version 1 is refused at version 2, and the user\'s typing survives', { timeout: 240_000 }, async () => {
    const dir = copyFixture('clamp');
    const before = snapshot(dir);
    client = await serve(dir, {
      refine: { generator: 'templates', parallel: 2, rounds: 1, autoApply: true }, tests: { command: 'python3 -m unittest -q', timeoutSec: 30 },
    });
    const c = client;
    const typed = `# the user typed this\n${readFileSync(join(dir, 'bounds.py'), 'utf8')}`;
    let editor = '';
    // The editor: the user types (version 2) just before the edit arrives; a versioned edit for
    // another version is refused, as editors do, and the text stays the user's.
    c.answers['workspace/applyEdit'] = async (p: { edit: { documentChanges?: { textDocument: { version: number } }[] } }) => {
      await c.change(uri, 2, [{ text: typed }]);
      editor = typed;
      const version = p.edit.documentChanges?.[0]?.textDocument.version;
      return version === 2 ? { applied: true } : { applied: false, failureReason: `document version ${version} is not the current 2` };
    };
    const { uri, token } = await refineAt(c, dir, 'bounds.py', 7);
    expect((await ended(c, token)).value.message).toBe('fixed: 4/4 tests pass');
    const apply = await c.next('workspace/applyEdit');
    expect(apply.edit.changes).toBeUndefined();
    expect(apply.edit.documentChanges).toEqual([{ textDocument: { uri, version: 1 }, edits: expect.any(Array) }]);
    const warning = await c.next('window/showMessage', (m) => /not applied/.test(m.message));
    expect(warning.message).toMatch(/the file changed meanwhile, so the result is stale/);
    expect(editor).toBe(typed);
    // No second try and no stale fix on offer; the server works on the user's text (version 2).
    await c.diagnostics(uri, 2);
    const range = { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } };
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
    // Refine (and run-tests) for the user's version; no "apply fix" survives from version 1.
    const titles = actions.map((a: { title: string }) => a.title);
    expect(titles).toContain('FLARE: refine suspicious code');
    expect(titles.filter((t: string) => t.startsWith('FLARE: apply fix'))).toEqual([]);
    expect(actions.find((a: { title: string }) => a.title === 'FLARE: refine suspicious code').command.arguments[0].version).toBe(2);
    await c.settle();
    expect(c.take('workspace/applyEdit')).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
    expect(await c.stop()).toBe(0);
  });

  it('without versioned edits (no documentChanges), autoApply only offers the fix as a code action', { timeout: 240_000 }, async () => {
    const dir = copyFixture('clamp');
    const own = mkdtempSync(join(tmp, 'run-'));
    client = await TestClient.start({
      rootUri: pathToFileURL(dir).href, capabilities: { window: { showMessage: {}, workDoneProgress: true }, workspace: { applyEdit: true } },
      initializationOptions: { diagnostics: { threshold: 0, debounceMs: 0 }, refine: { generator: 'templates', parallel: 2, rounds: 1, autoApply: true }, tests: { command: 'python3 -m unittest -q', timeoutSec: 30 } },
      env: { ...process.env, TMPDIR: own },
    });
    const { token } = await refineAt(client, dir, 'bounds.py', 7);
    expect((await ended(client, token)).value.message).toBe('fixed: 4/4 tests pass');
    expect((await client.next('window/showMessage')).message).toMatch(/Choose the code action "FLARE: apply fix \(4\/4 tests pass\)"/);
    expect(client.take('workspace/applyEdit')).toEqual([]);
    expect(await client.stop()).toBe(0);
  });
});
