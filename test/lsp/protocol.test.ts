/**
 * The built server over stdio: handshake, push diagnostics, incremental changes, hover, close, exit.
 * Needs dist/ (npm test builds first).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bugKinds, codeLines, fixture, TestClient, type Diag } from './client.js';

const OPEN_ALL = { diagnostics: { threshold: 0, maxPerFile: 1000, debounceMs: 0 } };
const buggy = fixture('buggy.py');
const BUG_LINE = 3; // 0-based: `for i in range(1, len(values)):`

let client: TestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

function checkShape(diags: Diag[], text: string): void {
  const lines = text.split('\n');
  diags.forEach((d, i) => {
    expect(d.source).toBe('flare');
    expect(d.code).toBe('suspicious-line');
    expect([3, 4]).toContain(d.severity);
    expect(d.data.rank).toBe(i + 1);
    expect(d.data.score).toBeGreaterThanOrEqual(0);
    expect(d.data.score).toBeLessThanOrEqual(1);
    if (i > 0) expect(d.data.score).toBeLessThanOrEqual(diags[i - 1].data.score);
    expect(d.message).toBe(`Suspicious line (score ${d.data.score.toFixed(2)}, rank ${d.data.rank} of ${diags.length})`);
    const line = lines[d.range.start.line];
    expect(d.range.end.line).toBe(d.range.start.line);
    expect(d.range.start.character).toBe(line.length - line.trimStart().length);
    expect(d.range.end.character).toBe(line.trimEnd().length);
  });
}

describe('flare-ls over stdio', () => {
  it('advertises only what it implements', async () => {
    client = await TestClient.start();
    const caps = client.initializeResult.capabilities;
    expect(client.initializeResult.serverInfo.name).toBe('flare-ls');
    expect(caps.textDocumentSync).toEqual({ openClose: true, change: 2, save: { includeText: false } });
    expect(caps.hoverProvider).toBe(true);
    expect(caps.diagnosticProvider).toBeUndefined();
    // Refinement (test/lsp/refine.test.ts): its code actions and commands.
    expect(caps.codeActionProvider).toEqual({ codeActionKinds: ['quickfix'] });
    expect(caps.executeCommandProvider).toEqual({ commands: ['flare.refine', 'flare.cancel', 'flare.runTests'] });
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });

  it('publishes diagnostics on open, follows changes, hovers, and clears on close', async () => {
    client = await TestClient.start({ initializationOptions: OPEN_ALL });
    await client.open(buggy.uri, buggy.text, 1);
    const first = await client.diagnostics(buggy.uri, 1);
    checkShape(first.diagnostics, buggy.text);
    expect(first.diagnostics.length).toBe(codeLines(buggy.text).length);
    expect(first.diagnostics.map((d) => d.range.start.line)).toContain(BUG_LINE);

    // Hover on the buggy line: score, rank, kind; nothing on a blank line.
    const hover = await client.request('textDocument/hover', { textDocument: { uri: buggy.uri }, position: { line: BUG_LINE, character: 8 } });
    const d = first.diagnostics.find((x) => x.range.start.line === BUG_LINE)!;
    expect(hover.contents.kind).toBe('markdown');
    expect(hover.contents.value).toContain(`score ${d.data.score.toFixed(2)} (rank ${d.data.rank} of ${first.diagnostics.length})`);
    const kind = /Likely bug kind: \*(.+)\* \(\d+%\)/.exec(hover.contents.value)?.[1];
    expect(bugKinds()).toContain(kind);
    expect(hover.range).toEqual(d.range);
    expect(await client.request('textDocument/hover', { textDocument: { uri: buggy.uri }, position: { line: 6, character: 0 } })).toBeNull();

    // An incremental edit that inserts a line at the top moves everything down by one.
    await client.change(buggy.uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'import math\n' }]);
    const second = await client.diagnostics(buggy.uri, 2);
    const text2 = `import math\n${buggy.text}`;
    checkShape(second.diagnostics, text2);
    expect(second.diagnostics.map((x) => x.range.start.line)).toContain(BUG_LINE + 1);

    // A burst of edits: only the newest version may be published after the burst.
    for (let v = 3; v <= 6; v++) {
      await client.change(buggy.uri, v, [{ range: { start: { line: 0, character: 11 }, end: { line: 0, character: 11 } }, text: ' ' }]);
    }
    const last = await client.diagnostics(buggy.uri, 6);
    checkShape(last.diagnostics, `import math    \n${buggy.text}`);
    // Whatever came before version 6 came in order; nothing comes after it.
    const before = client.take('textDocument/publishDiagnostics').map((p) => p.version as number);
    expect(before.every((v, i) => v > 2 && v < 6 && (i === 0 || v > before[i - 1]))).toBe(true);
    await client.settle();
    expect(client.take('textDocument/publishDiagnostics')).toEqual([]);

    // Saving an already scored version sends nothing new.
    await client.notify('textDocument/didSave', { textDocument: { uri: buggy.uri } });
    await client.settle(200);

    await client.close(buggy.uri);
    const closed = await client.diagnostics(buggy.uri);
    expect(closed.diagnostics).toEqual([]);
    expect(closed.version).toBeUndefined();
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });

  it('debounces edits and scores at once on save', async () => {
    client = await TestClient.start({ initializationOptions: { diagnostics: { threshold: 0, maxPerFile: 1000, debounceMs: 600 } } });
    await client.open(buggy.uri, buggy.text, 1);
    await client.diagnostics(buggy.uri, 1);
    for (let v = 2; v <= 5; v++) {
      await client.change(buggy.uri, v, [{ range: { start: { line: 2, character: 13 }, end: { line: 2, character: 13 } }, text: '0' }]);
      await new Promise((r) => setTimeout(r, 30));
    }
    const after = await client.diagnostics(buggy.uri);
    expect(after.version).toBe(5);
    await client.settle(800);
    expect(client.take('textDocument/publishDiagnostics')).toEqual([]);

    await client.stop();
    expect(client.leftovers()).toEqual([]);
  });

  it('re-scores on save without waiting for the debounce', async () => {
    client = await TestClient.start({ initializationOptions: { diagnostics: { threshold: 0, maxPerFile: 1000, debounceMs: 60_000 } } });
    await client.open(buggy.uri, buggy.text, 1);
    await client.diagnostics(buggy.uri, 1);
    await client.change(buggy.uri, 2, [{ range: { start: { line: 2, character: 12 }, end: { line: 2, character: 13 } }, text: '1' }]);
    await client.notify('textDocument/didSave', { textDocument: { uri: buggy.uri } });
    const saved = await client.diagnostics(buggy.uri, 2, 20_000);
    expect(saved.diagnostics.length).toBe(codeLines(buggy.text).length);
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });

  it('knows Python by language id or by extension and ignores other documents', async () => {
    client = await TestClient.start({ initializationOptions: OPEN_ALL });
    const second = fixture('second.py');
    await client.open('file:///tmp/flare-ls-test/notes.txt', second.text, 1, 'plaintext');
    await client.open('file:///tmp/flare-ls-test/app.js', 'const x = 1;\n', 1, 'javascript');
    await client.open(second.uri, second.text, 1, '');
    const got = await client.diagnostics(second.uri, 1);
    expect(got.diagnostics.length).toBe(codeLines(second.text).length);
    await client.open('untitled:Untitled-1', 'x = 1\n', 1, 'python');
    expect((await client.diagnostics('untitled:Untitled-1', 1)).diagnostics.length).toBe(1);
    await client.close('file:///tmp/flare-ls-test/app.js');
    await client.settle();
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });
});
