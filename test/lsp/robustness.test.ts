/**
 * What an editor (or a broken client) can throw at the server: junk messages, bad params, huge or
 * binary files, a missing or corrupt model, a vanished parent. The server answers or ignores, and lives.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codeLines, fixture, TestClient } from './client.js';

const buggy = fixture('buggy.py');
const OPEN_ALL = { diagnostics: { threshold: 0, maxPerFile: 1000, debounceMs: 0 } };

let client: TestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

describe('flare-ls robustness', () => {
  it('survives junk and bad params, then still answers', async () => {
    client = await TestClient.start({ initializationOptions: OPEN_ALL });
    await expect(client.request('flare/noSuchMethod', { a: 1 })).rejects.toMatchObject({ code: -32601 });
    await expect(client.request('textDocument/hover', {})).rejects.toMatchObject({ code: -32602 });
    await expect(client.request('textDocument/hover', { textDocument: { uri: buggy.uri }, position: { line: -1, character: 'x' } }))
      .rejects.toMatchObject({ code: -32602 });
    await expect(client.request('textDocument/diagnostic', { textDocument: 7 })).rejects.toMatchObject({ code: -32601 });
    await client.notify('flare/unknownNotification', [1, 2, 3]);
    await client.notify('textDocument/didOpen', { textDocument: { uri: 42 } });
    await client.notify('textDocument/didOpen', null);
    await client.notify('textDocument/didChange', { textDocument: { uri: buggy.uri, version: 2 }, contentChanges: 'nope' });
    await client.notify('textDocument/didChange', { textDocument: { uri: 'file:///never/opened.py', version: 2 }, contentChanges: [{ text: 'x' }] });
    await client.notify('textDocument/didClose', { textDocument: {} });
    await client.notify('workspace/didChangeConfiguration', 'garbage');
    await client.notify('$/setTrace', { value: 'verbose' });
    // Raw junk on the wire: a body that is not JSON, and JSON that is not JSON-RPC.
    client.proc.stdin.write(frame('{"jsonrpc": "2.0", "method": '));
    client.proc.stdin.write(frame('{"hello": "world"}'));
    client.proc.stdin.write(frame('[1, 2, 3]'));
    for (let i = 0; i < 20; i++) {
      const junk = { jsonrpc: '2.0', id: 1000 + i, method: `textDocument/${['hover', 'definition', 'completion', 'didOpen'][i % 4]}`, params: { x: Math.random() } };
      client.proc.stdin.write(frame(JSON.stringify(junk)));
    }
    await client.settle(300);

    // Still alive: a normal request answers and a document gets diagnostics.
    expect(await client.request('textDocument/hover', { textDocument: { uri: buggy.uri }, position: { line: 0, character: 0 } })).toBeNull();
    await client.open(buggy.uri, buggy.text);
    expect((await client.diagnostics(buggy.uri, 1)).diagnostics.length).toBe(codeLines(buggy.text).length);
    expect(client.proc.exitCode).toBeNull();
    // The bad notifications were logged as warnings; nothing else is left over.
    const warnings = client.take('window/logMessage').filter((p) => p.type <= 2);
    expect(warnings.length).toBeGreaterThan(0);
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });

  it('skips files over maxFileBytes and binary files with one log line each', async () => {
    client = await TestClient.start({ initializationOptions: { ...OPEN_ALL, maxFileBytes: 400 } });
    const big = 'file:///tmp/flare-ls-test/big.py';
    const bin = 'file:///tmp/flare-ls-test/bin.py';
    await client.open(big, 'x = 1\n'.repeat(100));
    await client.open(bin, 'x = 1\n\0\0\0\n');
    for (let v = 2; v <= 3; v++) {
      await client.change(big, v, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'y = 2\n' }]);
      await client.change(bin, v, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'y = 2\n' }]);
    }
    const bigLast = await client.diagnostics(big, 3);
    const binLast = await client.diagnostics(bin, 3);
    expect(bigLast.diagnostics).toEqual([]);
    expect(binLast.diagnostics).toEqual([]);
    await client.settle();
    for (const p of client.take('textDocument/publishDiagnostics')) expect(p.diagnostics).toEqual([]);
    const logs = client.take('window/logMessage').map((p) => p.message as string);
    expect(logs.filter((m) => m.includes('maxFileBytes'))).toHaveLength(1);
    expect(logs.filter((m) => m.includes('binary content'))).toHaveLength(1);
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });

  it('reports a missing model once and keeps running without diagnostics', async () => {
    client = await TestClient.start({ initializationOptions: { ...OPEN_ALL, model: { path: '/nonexistent/flare-model.json' } } });
    await client.open(buggy.uri, buggy.text);
    expect((await client.diagnostics(buggy.uri, 1)).diagnostics).toEqual([]);
    await client.change(buggy.uri, 2, [{ text: `${buggy.text}\n` }]);
    expect((await client.diagnostics(buggy.uri, 2)).diagnostics).toEqual([]);
    await client.settle();
    const shown = client.take('window/showMessage');
    expect(shown).toHaveLength(1);
    expect(shown[0].type).toBe(1);
    expect(shown[0].message).toContain('model file not found: /nonexistent/flare-model.json');
    expect(await client.request('textDocument/hover', { textDocument: { uri: buggy.uri }, position: { line: 3, character: 4 } })).toBeNull();
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });

  it('reports a corrupt model, and recovers when the setting points at a good one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flare-ls-'));
    writeFileSync(join(dir, 'broken.json'), '{"id": "half a file');
    let section: unknown = { model: { path: 'broken.json' } };
    client = await TestClient.start({ initializationOptions: OPEN_ALL, rootUri: `file://${dir}`, configuration: () => section });
    await client.next('workspace/configuration');
    const shown = await client.next('window/showMessage');
    expect(shown.type).toBe(1);
    expect(shown.message).toContain('not valid JSON');
    await client.open(buggy.uri, buggy.text);
    expect((await client.diagnostics(buggy.uri, 1)).diagnostics).toEqual([]);

    section = { model: { path: null } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.next('workspace/configuration');
    expect((await client.diagnostics(buggy.uri, 1)).diagnostics.length).toBe(codeLines(buggy.text).length);
    await client.settle();
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });

  it('exits when its parent process goes away', async () => {
    const parent = spawn('sleep', ['600']);
    client = await TestClient.start({ processId: parent.pid });
    parent.kill('SIGKILL');
    const code = await Promise.race([client.exitCode, new Promise((r) => setTimeout(() => r('still running'), 10_000))]);
    expect(code).not.toBe('still running');
  });

  it('exits when its input closes', async () => {
    client = await TestClient.start();
    client.proc.stdin.end();
    const code = await Promise.race([client.exitCode, new Promise((r) => setTimeout(() => r('still running'), 10_000))]);
    expect(code).not.toBe('still running');
  });
});
