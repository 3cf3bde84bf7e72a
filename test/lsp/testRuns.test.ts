/**
 * "FLARE: run tests and re-score" through the built server over stdio: the code action and the
 * flare.runTests command, a traced test run in the background with $/progress, diagnostics
 * republished with fused scores (a tiny real ONNX ranker via FLARE_FUSION_MODEL), hover with coverage
 * and traceback evidence, evidence dropped on edit, and cancellation.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProjects, copyFixture } from '../support/project.js';
import { hasTorch, writeTinyRanker } from '../support/tiny-fusion.js';
import { TestClient } from './client.js';

const CAPS = { window: { showMessage: {}, workDoneProgress: true } };
const DIAGS = { threshold: 0, maxPerFile: 100, debounceMs: 0 };
const RUN = 'FLARE: run tests and re-score';

let client: TestClient | undefined;
let dir: string;
let ranker: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flare-lsp-tests-'));
  if (hasTorch) ranker = writeTinyRanker(dir, 'tiny', []).meta;
}, 120_000);
afterEach(() => {
  client?.kill();
  client = undefined;
});
afterAll(() => {
  cleanupProjects();
  rmSync(dir, { recursive: true, force: true });
});

function project(name: string, file: string) {
  const root = copyFixture(name);
  const path = join(root, file);
  return { root, uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') };
}

/** Start the server on a copy of a fixture (unittest, the tiny ranker) and open `file` at version 1. */
async function openProject(fixture: string, file: string, timeoutSec: number, tests: Record<string, unknown> = {}, rankerPath = ranker) {
  const p = project(fixture, file);
  const c = await TestClient.start({
    rootUri: pathToFileURL(p.root).href, capabilities: CAPS,
    initializationOptions: { diagnostics: DIAGS, tests: { command: 'python3 -m unittest -q', timeoutSec, ...tests } },
    env: { ...process.env, FLARE_FUSION_MODEL: rankerPath },
  });
  client = c; // stopped after each test
  await c.open(p.uri, p.text, 1);
  return { p, client: c };
}

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });

describe.skipIf(!hasTorch)('test runs in the language server', () => {
  it('runs the tests traced, republishes fused scores, shows evidence on hover, drops it on edit', async () => {
    // fixtures/refine/clamp: bounds.py line 8 (0-based 7) is the bug; 3 of 4 tests fail.
    const { p, client } = await openProject('clamp', 'bounds.py', 60);
    const before = (await client.diagnostics(p.uri, 1)).diagnostics;
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri: p.uri }, range: at(7), context: { diagnostics: [] } });
    const run = actions.find((a: { title: string }) => a.title === RUN);
    expect(run.command).toEqual({ title: RUN, command: 'flare.runTests', arguments: [{ uri: p.uri }] });
    expect(await client.request('workspace/executeCommand', run.command)).toEqual({ started: true });
    const { token } = await client.next('window/workDoneProgress/create');
    const begin = await client.next('$/progress', (x) => x.token === token && x.value.kind === 'begin');
    expect(begin.value).toMatchObject({ title: 'FLARE: running tests for bounds.py', cancellable: true });

    await client.next('$/progress', (x) => x.token === token && /^trying small changes: \d+\/\d+$/.test(x.value.message ?? ''), 90_000);
    const end = await client.next('$/progress', (x) => x.token === token && x.value.kind === 'end', 90_000);
    expect(end.value.message).toBe('1 passed, 3 failed');
    expect((await client.next('window/showMessage')).message).toMatch(/1 passed, 3 failed .*re-scored with coverage, tracebacks and small changes/);
    const after = await client.next('textDocument/publishDiagnostics', (x) => x.version === 1);
    expect(after.diagnostics.map((d: { data: { score: number } }) => d.data.score)).not.toEqual(before.map((d) => d.data.score));
    // Fused scores are a distribution over the code lines.
    const total = after.diagnostics.reduce((a: number, d: { data: { score: number } }) => a + d.data.score, 0);
    expect(total).toBeGreaterThan(0.5);
    const hover = await client.request('textDocument/hover', { textDocument: { uri: p.uri }, position: { line: 7, character: 6 } });
    expect(hover.contents.value).toContain('Tests: run by 3 of 3 failing and 0 of 1 passing tests');
    expect(hover.contents.value).toMatch(/Small changes tried here: \d+; one made every test pass/);
    const hover7 = await client.request('textDocument/hover', { textDocument: { uri: p.uri }, position: { line: 6, character: 8 } });
    expect(hover7.contents.value).toContain('run by 0 of 3 failing and 1 of 1 passing');
    // An edit drops the evidence: the next version is scored by the model alone.
    await client.change(p.uri, 2, [{ text: `${p.text}\n` }]);
    const v2 = await client.diagnostics(p.uri, 2);
    const hover2 = await client.request('textDocument/hover', { textDocument: { uri: p.uri }, position: { line: 7, character: 6 } });
    expect(hover2?.contents.value ?? '').not.toContain('Tests:');
    await client.change(p.uri, 3, [{ text: p.text }]);
    const v3 = await client.diagnostics(p.uri, 3);
    expect(v3.diagnostics.map((d) => d.data.score)).toEqual(before.map((d) => d.data.score));
    expect(v2.diagnostics.length).toBeGreaterThan(0);
    expect(await client.stop()).toBe(0);
  }, 150_000);

  it('warns once when the ranker was fitted to another line model, and still fuses', async () => {
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ ...JSON.parse(readFileSync(ranker, 'utf8')), id: 'other', onnx: 'tiny.onnx', lineModels: ['some-other-model'] }));
    const { p, client } = await openProject('clamp', 'bounds.py', 60, { mutationSec: 0 }, other);
    await client.diagnostics(p.uri, 1);
    for (let round = 0; round < 2; round++) {
      expect(await client.request('workspace/executeCommand', { command: 'flare.runTests', arguments: [{ uri: p.uri }] })).toEqual({ started: true });
      const { token } = await client.next('window/workDoneProgress/create');
      const end = await client.next('$/progress', (x) => x.token === token && x.value.kind === 'end', 60_000);
      expect(end.value.message).toBe('1 passed, 3 failed');
      if (round === 0) {
        const w = await client.next('window/showMessage', (m) => /was fitted to/.test(m.message));
        expect(w.type).toBe(2);
        expect(w.message).toMatch(/^FLARE: the fusion ranker other was fitted to the scores of some-other-model, not of the loaded model flare-python/);
      }
      await client.next('window/showMessage', (m) => /re-scored with coverage/.test(m.message));
    }
    // The warning is shown before the fused scores, so a second one would be in the inbox by now.
    expect(client.inbox.filter((m) => m.method === 'window/showMessage' && /was fitted to/.test(m.params.message))).toEqual([]);
    expect(await client.stop()).toBe(0);
  }, 120_000);

  it('cancels a running test run from the progress and from flare.cancel', async () => {
    const { p, client } = await openProject('hanging', 'waits.py', 300);
    await client.diagnostics(p.uri, 1);
    for (const how of ['progress', 'command'] as const) {
      expect(await client.request('workspace/executeCommand', { command: 'flare.runTests', arguments: [{ uri: p.uri }] })).toEqual({ started: true });
      const { token } = await client.next('window/workDoneProgress/create');
      await client.next('$/progress', (x) => x.token === token && x.value.kind === 'begin');
      const actions = await client.request('textDocument/codeAction', { textDocument: { uri: p.uri }, range: at(1), context: { diagnostics: [] } });
      expect(actions.map((a: { title: string }) => a.title)).toContain('FLARE: cancel test run');
      const t0 = Date.now();
      if (how === 'progress') await client.notify('window/workDoneProgress/cancel', { token });
      else expect(await client.request('workspace/executeCommand', { command: 'flare.cancel', arguments: [{ uri: p.uri }] })).toEqual({ cancelled: 1 });
      const end = await client.next('$/progress', (x) => x.token === token && x.value.kind === 'end', 20_000);
      expect(end.value.message).toBe('cancelled');
      expect(Date.now() - t0).toBeLessThan(15_000);
      expect((await client.next('window/showMessage')).message).toBe('FLARE: test run for waits.py cancelled');
    }
    expect(await client.stop()).toBe(0);
  }, 120_000);
});
