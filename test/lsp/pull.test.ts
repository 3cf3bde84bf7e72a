/**
 * Pull diagnostics (textDocument/diagnostic) for clients that advertise them: no pushing then.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CancellationTokenSource, codeLines, fixture, TestClient } from './client.js';

const buggy = fixture('buggy.py');
const PULL = { textDocument: { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } };

let client: TestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

describe('flare-ls pull diagnostics', () => {
  it('answers textDocument/diagnostic and never pushes', async () => {
    client = await TestClient.start({
      capabilities: PULL,
      initializationOptions: { diagnostics: { threshold: 0, maxPerFile: 1000, debounceMs: 0 } },
    });
    expect(client.initializeResult.capabilities.diagnosticProvider).toEqual({ identifier: 'flare', interFileDependencies: false, workspaceDiagnostics: false });
    await client.open(buggy.uri, buggy.text);
    const report = await client.request('textDocument/diagnostic', { textDocument: { uri: buggy.uri } });
    expect(report.kind).toBe('full');
    expect(report.items.length).toBe(codeLines(buggy.text).length);
    expect(report.items.map((d: { range: { start: { line: number } } }) => d.range.start.line)).toContain(3);

    const again = await client.request('textDocument/diagnostic', { textDocument: { uri: buggy.uri }, previousResultId: report.resultId });
    expect(again).toEqual({ kind: 'unchanged', resultId: report.resultId });

    await client.change(buggy.uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'import math\n' }]);
    const changed = await client.request('textDocument/diagnostic', { textDocument: { uri: buggy.uri }, previousResultId: report.resultId });
    expect(changed.kind).toBe('full');
    expect(changed.resultId).not.toBe(report.resultId);
    expect(changed.items.map((d: { range: { start: { line: number } } }) => d.range.start.line)).toContain(4);

    // Cancelled while scoring: RequestCancelled, and the server carries on.
    await client.change(buggy.uri, 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x\n' }]);
    const cts = new CancellationTokenSource();
    const pending = client.request('textDocument/diagnostic', { textDocument: { uri: buggy.uri } }, cts);
    cts.cancel();
    // Usually RequestCancelled; a result that was already complete when the cancel arrived may still come.
    const outcome = await pending.then((r: { kind: string }) => r, (e: { code: number }) => e);
    if ('code' in outcome) expect(outcome.code).toBe(-32800);
    else expect(outcome.kind).toBe('full');
    const after = await client.request('textDocument/diagnostic', { textDocument: { uri: buggy.uri } });
    expect(after.items.length).toBe(codeLines(buggy.text).length + 1); // `import math` is code, `# x` is not

    const unknown = await client.request('textDocument/diagnostic', { textDocument: { uri: 'file:///nowhere/x.py' } });
    expect(unknown).toEqual({ kind: 'full', items: [] });
    await client.close(buggy.uri);
    await client.settle();
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });
});
