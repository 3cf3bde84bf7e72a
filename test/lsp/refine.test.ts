/**
 * Refinement through the built server over stdio: code actions, flare.refine in the background with
 * $/progress, autoApply (workspace/applyEdit) or an apply-fix code action, the ways to cancel, stale
 * results, and the Ollama generator (fake server). Fixture projects are copied to temporary folders;
 * the server gets a private TMPDIR so that leftover scratch copies can be counted.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startFakeOllama, type FakeOllama } from '../support/fake-ollama.js';
import { alive, cleanupProjects, copyFixture, until } from '../support/project.js';
import { TestClient } from './client.js';

const CAPS = {
  window: { showMessage: {}, workDoneProgress: true },
  workspace: { applyEdit: true, workspaceEdit: { documentChanges: true } },
};
const DIAGS = { threshold: 0, maxPerFile: 100, debounceMs: 0 };
const TEMPLATES = { generator: 'templates', parallel: 2, rounds: 1 };
const REFINE_TITLE = 'FLARE: refine suspicious code';
const RUN_TESTS_TITLE = 'FLARE: run tests and re-score';

let client: TestClient | undefined;
let scratch: string;
const temps: string[] = [];

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'flare-lsp-refine-'));
  temps.push(scratch);
});
afterEach(() => {
  client?.kill();
  client = undefined;
});
afterAll(() => {
  cleanupProjects();
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

interface Project {
  dir: string;
  file: string;
  uri: string;
  text: string;
}

function project(name: string, file: string): Project {
  const dir = copyFixture(name);
  const path = join(dir, file);
  return { dir, file: path, uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') };
}

/** A server for `p` with the given `flare` section and a private TMPDIR. */
async function serve(p: Project, section: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): Promise<TestClient> {
  const tmp = join(scratch, `run-${temps.length}`);
  mkdirSync(tmp);
  temps.push(tmp);
  const c = await TestClient.start({
    rootUri: pathToFileURL(p.dir).href,
    capabilities: CAPS,
    initializationOptions: { diagnostics: DIAGS, ...section },
    env: { ...process.env, TMPDIR: tmp, ...env },
  });
  (c as TestClient & { tmp: string }).tmp = tmp;
  return c;
}

const tmpOf = (c: TestClient) => (c as TestClient & { tmp: string }).tmp;
const scratchLeft = (c: TestClient) => readdirSync(tmpOf(c)).filter((d) => d.startsWith('flare-refine-'));

/** Processes whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

const lineRange = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });

function codeActions(c: TestClient, uri: string, range: unknown, diagnostics: unknown[] = []): Promise<any[]> {
  return c.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
}

/** Open, wait for diagnostics, take the refine action on `line` and run its command. */
async function startRefine(c: TestClient, p: Project, line: number): Promise<{ token: string; version: number }> {
  await c.open(p.uri, p.text, 1);
  const diags = (await c.diagnostics(p.uri, 1)).diagnostics;
  expect(diags.length).toBeGreaterThan(0);
  const actions = await codeActions(c, p.uri, lineRange(line), diags.filter((d) => d.range.start.line === line));
  expect(actions.map((a) => a.title)).toEqual([REFINE_TITLE, RUN_TESTS_TITLE]);
  expect(actions[0].kind).toBe('quickfix');
  expect(actions[0].command.command).toBe('flare.refine');
  expect(actions[0].command.arguments).toEqual([{ uri: p.uri, version: 1, range: lineRange(line) }]);
  const t0 = Date.now();
  const answer = await c.request('workspace/executeCommand', { command: actions[0].command.command, arguments: actions[0].command.arguments });
  expect(answer).toEqual({ started: true });
  expect(Date.now() - t0).toBeLessThan(2000);
  const { token } = await c.next('window/workDoneProgress/create');
  const begin = await c.next('$/progress', (x) => x.token === token && x.value.kind === 'begin');
  expect(begin.value).toMatchObject({ title: `FLARE: refining ${p.file.split('/').pop()}`, cancellable: true });
  return { token, version: 1 };
}

async function progressEnd(c: TestClient, token: string, ms = 120_000): Promise<{ end: any; reports: string[] }> {
  const end = await c.next('$/progress', (x) => x.token === token && x.value.kind === 'end', ms);
  const reports = c.take('$/progress').filter((x) => x.token === token).map((x) => x.value.message as string);
  return { end: end.value, reports };
}

/** Apply LSP edits of one document to its text. */
function applied(text: string, edits: { range: any; newText: string }[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.py', 'python', 1, text), edits);
}

function testsPass(dir: string): boolean {
  try {
    execFileSync('python3', ['-m', 'unittest', '-q'], { cwd: dir, stdio: 'pipe', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    return true;
  } catch {
    return false;
  }
}

describe('refinement in the language server', () => {
  it('advertises the code actions and commands', async () => {
    const p = project('clamp', 'bounds.py');
    client = await serve(p, {});
    const caps = client.initializeResult.capabilities;
    expect(caps.codeActionProvider).toEqual({ codeActionKinds: ['quickfix'] });
    expect(caps.executeCommandProvider).toEqual({ commands: ['flare.refine', 'flare.cancel', 'flare.runTests'] });
    // Nothing to offer for a document that is not open, or when only refactorings are asked for.
    expect(await codeActions(client, p.uri, lineRange(0))).toEqual([]);
    await client.open(p.uri, p.text, 1);
    await client.diagnostics(p.uri, 1);
    expect(await client.request('textDocument/codeAction', { textDocument: { uri: p.uri }, range: lineRange(8), context: { diagnostics: [], only: ['refactor'] } })).toEqual([]);
    // Bad arguments are refused; flare.cancel with nothing running says so.
    await expect(client.request('workspace/executeCommand', { command: 'flare.refine', arguments: [{ uri: p.uri }] })).rejects.toMatchObject({ code: -32602 });
    expect(await client.request('workspace/executeCommand', { command: 'flare.cancel', arguments: [{ uri: p.uri }] })).toEqual({ cancelled: 0 });
    expect((await client.next('window/showMessage')).message).toMatch(/no refinement is running/);
    // A version that is not the document's is refused (the action was offered for older text).
    const stale = await client.request('workspace/executeCommand', { command: 'flare.refine', arguments: [{ uri: p.uri, version: 7, range: lineRange(8) }] });
    expect(stale).toMatchObject({ started: false });
    expect((await client.next('window/showMessage')).message).toMatch(/changed since the action was offered/);
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });

  it('autoApply: progress, then a versioned workspace/applyEdit whose result passes the tests', async () => {
    const p = project('clamp', 'bounds.py');
    client = await serve(p, { refine: { ...TEMPLATES, autoApply: true }, tests: { command: 'python3 -m unittest -q', timeoutSec: 30 } });
    client.answers['workspace/applyEdit'] = () => ({ applied: true });
    const { token } = await startRefine(client, p, 7);
    const { end, reports } = await progressEnd(client, token);
    expect(end.message).toBe('fixed: 4/4 tests pass');
    expect(reports.some((m) => /^candidate \d+\/\d+: \d\/4 tests pass$/.test(m))).toBe(true);
    const apply = await client.next('workspace/applyEdit');
    expect(apply.edit.changes).toBeUndefined();
    expect(apply.edit.documentChanges).toHaveLength(1);
    const tde = apply.edit.documentChanges[0];
    expect(tde.textDocument).toEqual({ uri: p.uri, version: 1 });
    const fixed = applied(p.text, tde.edits);
    expect(fixed).toMatch(/if value >=? high:/);
    writeFileSync(p.file, fixed);
    expect(testsPass(p.dir)).toBe(true);
    const msg = await client.next('window/showMessage');
    expect(msg.type).toBe(3);
    expect(msg.message).toMatch(/^FLARE: applied a fix to bounds\.py \(line 8\): fixed: all 4 tests pass \(was 1\/4\)/);
    expect(scratchLeft(client)).toEqual([]);
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });

  it('without autoApply: an apply-fix code action carrying the edit, gone once the document changes', async () => {
    const p = project('windows', 'sliding.py');
    client = await serve(p, { refine: TEMPLATES, tests: { command: 'python3 -m unittest -q', timeoutSec: 30 } });
    const { token } = await startRefine(client, p, 3);
    const { end } = await progressEnd(client, token);
    expect(end.message).toBe('fixed: 4/4 tests pass');
    const msg = await client.next('window/showMessage');
    expect(msg.message).toMatch(/^FLARE: sliding\.py: fixed: all 4 tests pass .*Choose the code action "FLARE: apply fix \(4\/4 tests pass\)" at line 4/);
    const actions = await codeActions(client, p.uri, lineRange(3));
    expect(actions.map((a) => a.title)).toEqual(['FLARE: apply fix (4/4 tests pass)', REFINE_TITLE, RUN_TESTS_TITLE]);
    const fix = actions[0];
    expect(fix).toMatchObject({ kind: 'quickfix', isPreferred: true });
    expect(fix.command).toBeUndefined();
    const tde = fix.edit.documentChanges[0];
    expect(tde.textDocument).toEqual({ uri: p.uri, version: 1 });
    const fixed = applied(p.text, tde.edits);
    writeFileSync(p.file, fixed);
    expect(testsPass(p.dir)).toBe(true);
    // Offered where the change is, not on unrelated lines.
    expect((await codeActions(client, p.uri, lineRange(9))).map((a) => a.title)).toEqual([REFINE_TITLE, RUN_TESTS_TITLE]);
    // The user types: the fix was for version 1 and disappears.
    await client.change(p.uri, 2, [{ range: lineRange(0), text: '# edited\n' }]);
    await client.diagnostics(p.uri, 2);
    expect((await codeActions(client, p.uri, lineRange(4))).map((a) => a.title)).toEqual([REFINE_TITLE, RUN_TESTS_TITLE]);
    expect(client.take('workspace/applyEdit')).toEqual([]);
    expect(scratchLeft(client)).toEqual([]);
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });
});

describe('refinement for a client without work-done progress', () => {
  it('says when it starts and sums up at the end (here: nothing to repair)', async () => {
    const p = project('passing', 'greet.py');
    const tmp = mkdtempSync(join(scratch, 'plain-'));
    client = await TestClient.start({
      rootUri: pathToFileURL(p.dir).href, initializationOptions: { diagnostics: DIAGS, refine: TEMPLATES, tests: { command: 'python3 -m unittest -q' } },
      env: { ...process.env, TMPDIR: tmp },
    });
    await client.open(p.uri, p.text, 1);
    await client.diagnostics(p.uri, 1);
    const [action] = await codeActions(client, p.uri, lineRange(1));
    expect(await client.request('workspace/executeCommand', action.command)).toEqual({ started: true });
    expect((await client.next('window/showMessage')).message).toBe('FLARE: refining greet.py in the background; "FLARE: cancel refinement" stops it');
    const done = await client.next('window/showMessage', () => true, 60_000);
    expect(done).toEqual({ type: 3, message: expect.stringMatching(/^FLARE: greet\.py: all 1 tests already pass/) });
    expect(readdirSync(tmp).filter((d) => d.startsWith('flare-refine-'))).toEqual([]);
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });
});

describe('cancelling a refinement in the language server', () => {
  /** A refinement of the `blocking` fixture whose test runs block (sleep) from the start. */
  async function blocked(): Promise<{ p: Project; token: string; piddir: string; pids: () => number[] }> {
    const p = project('blocking', 'double.py');
    const piddir = mkdtempSync(join(scratch, 'pids-'));
    writeFileSync(join(piddir, 'block'), '');
    writeFileSync(join(p.dir, 'piddir.txt'), piddir);
    // The test runs write their pids to the host: no PID namespace, no read-only file system (process groups only).
    client = await serve(p, { refine: TEMPLATES, tests: { command: 'python3 -m unittest -q', timeoutSec: 120 } }, { FLARE_CONTAINMENT: 'none' });
    const { token } = await startRefine(client, p, 1);
    const files = () => readdirSync(piddir).filter((f) => f !== 'block');
    const pids = () => files().flatMap((f) => readFileSync(join(piddir, f), 'utf8').split(' ').map(Number));
    // Wait for a blocked run that is alive (an earlier, short run may have written its pids already).
    await until(() => pids().filter(alive).length > 0, 60_000, 'the blocked test run');
    expect(childrenOf(client.proc.pid!).length).toBeGreaterThan(0);
    expect(scratchLeft(client).length).toBe(1);
    // While it runs, the refine action is replaced by the cancel action.
    const actions = await codeActions(client, p.uri, lineRange(1));
    expect(actions.map((a) => a.title)).toEqual(['FLARE: cancel refinement']);
    expect(actions[0].command).toEqual({ title: 'FLARE: cancel refinement', command: 'flare.cancel', arguments: [{ uri: p.uri }] });
    // A second refinement of the same file is refused.
    const again = await client.request('workspace/executeCommand', { command: 'flare.refine', arguments: [{ uri: p.uri, version: 1, range: lineRange(1) }] });
    expect(again).toMatchObject({ started: false });
    expect((await client.next('window/showMessage')).message).toMatch(/already running/);
    return { p, token, piddir, pids };
  }
  /** The job ended as cancelled, said so, left nothing behind, and the refine action is back. */
  async function expectCancelled(p: Project, token: string, pids: () => number[], t0?: number): Promise<void> {
    const { end } = await progressEnd(client!, token, 20_000);
    expect(end.message).toBe('cancelled');
    if (t0 !== undefined) expect(Date.now() - t0).toBeLessThan(15_000);
    expect((await client!.next('window/showMessage')).message).toBe('FLARE: refinement of double.py cancelled');
    await cleanedUp(client!, pids());
    expect((await codeActions(client!, p.uri, lineRange(1))).map((a) => a.title)).toEqual([REFINE_TITLE, RUN_TESTS_TITLE]);
    expect(await client!.stop()).toBe(0);
    expect(client!.leftovers()).toEqual([]);
  }

  /** Everything the job started is gone and the server still answers. */
  async function cleanedUp(c: TestClient, pids: number[]): Promise<void> {
    await until(() => pids.filter(alive).length === 0 && childrenOf(c.proc.pid!).length === 0, 10_000, 'test processes to end');
    expect(scratchLeft(c)).toEqual([]);
    expect(c.take('workspace/applyEdit')).toEqual([]);
  }

  it('via flare.cancel (the code action)', async () => {
    const { p, token, pids } = await blocked();
    const t0 = Date.now();
    expect(await client!.request('workspace/executeCommand', { command: 'flare.cancel', arguments: [{ uri: p.uri }] })).toEqual({ cancelled: 1 });
    await expectCancelled(p, token, pids, t0);
  });

  it('via window/workDoneProgress/cancel', async () => {
    const { p, token, pids } = await blocked();
    await client!.notify('window/workDoneProgress/cancel', { token });
    await expectCancelled(p, token, pids);
  });

  it('via an edit: the result would be stale, so none is applied or offered, and a message says so', async () => {
    const { p, token, pids } = await blocked();
    await client!.change(p.uri, 2, [{ range: lineRange(0), text: '# edited\n' }]);
    const { end } = await progressEnd(client!, token, 20_000);
    expect(end.message).toBe('cancelled');
    const msg = await client!.next('window/showMessage');
    expect(msg.message).toMatch(/^FLARE: refinement of double\.py stopped: the file changed while it ran \(version 1 → 2\), so its result would be stale/);
    await cleanedUp(client!, pids());
    await client!.diagnostics(p.uri, 2);
    const actions = await codeActions(client!, p.uri, lineRange(2));
    expect(actions.map((a) => a.title)).toEqual([REFINE_TITLE, RUN_TESTS_TITLE]);
    expect(actions[0].command.arguments[0].version).toBe(2);
    expect(await client!.stop()).toBe(0);
    expect(client!.leftovers()).toEqual([]);
  });

  it('by shutdown: the server exits cleanly and leaves nothing behind', async () => {
    const { pids } = await blocked();
    const c = client!;
    expect(await c.stop()).toBe(0);
    await until(() => pids().filter(alive).length === 0, 10_000, 'test processes to end');
    expect(scratchLeft(c)).toEqual([]);
  });

  it('runs jobs for different files side by side (two at most) while scoring stays responsive', async () => {
    const first = await blocked();
    const c = client!;
    // Another copy of the same project: its test runs block too.
    const other = project('blocking', 'double.py');
    writeFileSync(join(other.dir, 'piddir.txt'), first.piddir);
    const t0 = Date.now();
    await c.open(other.uri, other.text, 1);
    await c.diagnostics(other.uri, 1);
    expect(Date.now() - t0).toBeLessThan(5000);
    const second = await c.request('workspace/executeCommand', { command: 'flare.refine', arguments: [{ uri: other.uri, version: 1, range: lineRange(1) }] });
    expect(second).toEqual({ started: true });
    const { token } = await c.next('window/workDoneProgress/create');
    await c.next('$/progress', (x) => x.token === token && x.value.kind === 'begin');
    const third = project('windows', 'sliding.py');
    await c.open(third.uri, third.text, 1);
    await c.diagnostics(third.uri, 1);
    expect(await c.request('workspace/executeCommand', { command: 'flare.refine', arguments: [{ uri: third.uri, version: 1, range: lineRange(3) }] }))
      .toMatchObject({ started: false });
    expect((await c.next('window/showMessage')).message).toMatch(/2 refinements are already running/);
    // flare.cancel without a document cancels every job.
    expect(await c.request('workspace/executeCommand', { command: 'flare.cancel', arguments: [] })).toEqual({ cancelled: 2 });
    for (const t of [first.token, token]) await c.next('$/progress', (x) => x.token === t && x.value.kind === 'end', 20_000);
    c.take('$/progress');
    for (let i = 0; i < 2; i++) expect((await c.next('window/showMessage')).message).toBe('FLARE: refinement of double.py cancelled');
    await until(() => first.pids().filter(alive).length === 0 && childrenOf(c.proc.pid!).length === 0, 10_000, 'test processes to end');
    expect(scratchLeft(c)).toEqual([]);
    expect((await codeActions(c, first.p.uri, lineRange(1))).map((a) => a.title)).toEqual([REFINE_TITLE, RUN_TESTS_TITLE]);
    expect(await c.stop()).toBe(0);
    expect(c.leftovers()).toEqual([]);
  });

  it('via closing the document', async () => {
    const { p, token, pids } = await blocked();
    await client!.close(p.uri);
    await progressEnd(client!, token, 20_000);
    await cleanedUp(client!, pids());
    expect((await client!.diagnostics(p.uri)).diagnostics).toEqual([]);
    expect(client!.take('window/showMessage')).toEqual([]);
    expect(await client!.stop()).toBe(0);
    expect(client!.leftovers()).toEqual([]);
  });
});

describe('refinement with Ollama through the language server', () => {
  let fake: FakeOllama;
  beforeAll(async () => { fake = await startFakeOllama(); });
  afterAll(async () => { await fake.close(); });

  it('uses the model at flare.ollama.host and offers its fix', async () => {
    const p = project('stats', 'stats.py');
    const fixedText = p.text.replace('        lo = min(lo, x)\n', '        lo = min(lo, x)\n        hi = max(hi, x)\n');
    fake.setReply(() => ({ content: `Here is the corrected file:\n\n\`\`\`python\n${fixedText}\`\`\`\n` }));
    const start = fake.generations().length;
    client = await serve(p, {
      refine: { generator: 'ollama', k: 2, rounds: 1, parallel: 2 },
      tests: { command: 'python3 -m unittest -q', timeoutSec: 30 },
      ollama: { host: fake.url, timeoutSec: 20 },
    });
    const { token } = await startRefine(client, p, 17);
    const { end } = await progressEnd(client, token);
    expect(end.message).toBe('fixed: 4/4 tests pass');
    expect(fake.generations().length).toBeGreaterThan(start);
    expect((await client.next('window/showMessage')).message).toMatch(/^FLARE: stats\.py: fixed: all 4 tests pass/);
    const fix = (await codeActions(client, p.uri, lineRange(17)))[0];
    expect(fix.title).toBe('FLARE: apply fix (4/4 tests pass)');
    expect(applied(p.text, fix.edit.documentChanges[0].edits)).toBe(fixedText);
    expect(fix.edit.documentChanges[0].edits).toEqual([{ range: { start: { line: 18, character: 0 }, end: { line: 18, character: 0 } }, newText: '        hi = max(hi, x)\n' }]);
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });

  it('says clearly when Ollama is down: an error with generator ollama, a note with auto (templates still used)', async () => {
    const host = await closedPort();
    const p = project('stats', 'stats.py');
    client = await serve(p, {
      refine: { generator: 'ollama', k: 1, rounds: 1, parallel: 2, maxCandidates: 4 },
      tests: { command: 'python3 -m unittest -q', timeoutSec: 30 },
      ollama: { host },
    });
    const first = await startRefine(client, p, 17);
    expect((await progressEnd(client, first.token)).end.message).toBe('failed');
    const down = await client.next('window/showMessage');
    expect(down.type).toBe(2);
    expect(down.message).toContain(`FLARE: stats.py: Ollama is not reachable at ${host}`);
    expect(down.message).toContain('ollama serve');

    // Same server, generator auto: the templates run, and the summary says Ollama was not used.
    await client.notify('workspace/didChangeConfiguration', { settings: { flare: {
      diagnostics: DIAGS, refine: { generator: 'auto', k: 1, rounds: 1, parallel: 2, maxCandidates: 4 },
      tests: { command: 'python3 -m unittest -q', timeoutSec: 30 }, ollama: { host },
    } } });
    await client.settle(200);
    client.take('textDocument/publishDiagnostics');
    const range = lineRange(17);
    const answer = await client.request('workspace/executeCommand', { command: 'flare.refine', arguments: [{ uri: p.uri, version: 1, range }] });
    expect(answer).toEqual({ started: true });
    const { token } = await client.next('window/workDoneProgress/create');
    const { end, reports } = await progressEnd(client, token);
    expect(reports.some((m) => /candidate 1\/\d+/.test(m))).toBe(true);
    expect(end.message).toMatch(/no fix found|improved/);
    const note = await client.next('window/showMessage');
    expect(note.message).toContain('Ollama was not used');
    expect(note.message).toContain(`not reachable at ${host}`);
    expect(existsSync(join(p.dir, '__pycache__'))).toBe(false);
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });
});
