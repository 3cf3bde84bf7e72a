/**
 * The `flare` settings section from initializationOptions and workspace/configuration, over stdio.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, TestClient } from './client.js';

const buggy = fixture('buggy.py');

let client: TestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

describe('flare-ls settings', () => {
  it('reads the section directly from initializationOptions', async () => {
    client = await TestClient.start({ initializationOptions: { diagnostics: { threshold: 0, maxPerFile: 3, severity: 'warning', debounceMs: 0 } } });
    await client.open(buggy.uri, buggy.text);
    const got = await client.diagnostics(buggy.uri, 1);
    expect(got.diagnostics.map((d) => d.data.rank)).toEqual([1, 2, 3]);
    expect(got.diagnostics.every((d) => d.severity === 2)).toBe(true);
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });

  it('accepts the section wrapped in a "flare" key, with severity bands', async () => {
    const severity = { warning: 0.9, information: 0 };
    client = await TestClient.start({ initializationOptions: { flare: { diagnostics: { threshold: 0, maxPerFile: 2, severity } } } });
    await client.open(buggy.uri, buggy.text);
    const got = await client.diagnostics(buggy.uri, 1);
    expect(got.diagnostics.length).toBe(2);
    for (const d of got.diagnostics) expect(d.severity).toBe(d.data.score >= 0.9 ? 2 : 3);
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });

  it('lets workspace/configuration override initializationOptions and re-reads it on change', async () => {
    let section: unknown = { diagnostics: { maxPerFile: 1 } };
    client = await TestClient.start({
      initializationOptions: { diagnostics: { threshold: 0, maxPerFile: 5, debounceMs: 0 } },
      configuration: () => section,
    });
    const asked = await client.next('workspace/configuration');
    expect(asked.items).toEqual([{ section: 'flare' }]);
    await client.open(buggy.uri, buggy.text);
    expect((await client.diagnostics(buggy.uri, 1)).diagnostics.length).toBe(1);

    section = { diagnostics: { maxPerFile: 4 } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.next('workspace/configuration');
    const refreshed = await client.diagnostics(buggy.uri, 1);
    expect(refreshed.diagnostics.map((d) => d.data.rank)).toEqual([1, 2, 3, 4]);

    section = { diagnostics: { enable: false } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.next('workspace/configuration');
    expect((await client.diagnostics(buggy.uri, 1)).diagnostics).toEqual([]);
    expect(await client.request('textDocument/hover', { textDocument: { uri: buggy.uri }, position: { line: 3, character: 4 } })).toBeNull();

    section = { diagnostics: { enable: true } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.next('workspace/configuration');
    expect((await client.diagnostics(buggy.uri, 1)).diagnostics.length).toBe(5);
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });

  it('takes pushed settings from didChangeConfiguration when the client has no workspace/configuration', async () => {
    client = await TestClient.start({ initializationOptions: { diagnostics: { threshold: 0, maxPerFile: 2 } } });
    await client.open(buggy.uri, buggy.text);
    expect((await client.diagnostics(buggy.uri, 1)).diagnostics.length).toBe(2);
    await client.notify('workspace/didChangeConfiguration', { settings: { flare: { diagnostics: { maxPerFile: 6 } } } });
    expect((await client.diagnostics(buggy.uri, 1)).diagnostics.length).toBe(6);
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });

  it('warns once about invalid values, logs unknown keys, and uses the defaults', async () => {
    const bad = { diagnostics: { threshold: 'high', maxPerFile: -1, colour: 'red' }, logLevel: 'loud', extra: 1 };
    client = await TestClient.start({ initializationOptions: bad, configuration: () => null });
    const warning = await client.next('window/showMessage');
    expect(warning.type).toBe(2);
    expect(warning.message).toContain('flare.diagnostics.threshold');
    expect(warning.message).toContain('flare.diagnostics.maxPerFile');
    expect(warning.message).toContain('flare.logLevel');
    await client.next('workspace/configuration');
    const logs = await Promise.all([
      client.next('window/logMessage', (p) => p.message.includes('flare.diagnostics.colour')),
      client.next('window/logMessage', (p) => p.message.includes('flare.extra')),
    ]);
    expect(logs.every((l) => l.message.startsWith('ignoring unknown setting'))).toBe(true);

    // The same settings again: no second warning.
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.next('workspace/configuration');
    await client.open(buggy.uri, buggy.text);
    const got = await client.diagnostics(buggy.uri, 1);
    expect(got.diagnostics.length).toBeLessThanOrEqual(5);
    await client.settle();
    client.take('window/logMessage');
    expect(await client.stop()).toBe(0);
    expect(client.leftovers()).toEqual([]);
  });

  it('logs at the configured level', async () => {
    client = await TestClient.start({ initializationOptions: { logLevel: 'debug', diagnostics: { debounceMs: 0 } } });
    await client.open(buggy.uri, buggy.text);
    await client.diagnostics(buggy.uri, 1);
    const line = await client.next('window/logMessage', (p) => p.type === 4 && /scored .* v1/.test(p.message));
    expect(line.message).toContain('ms in worker');
    expect(await client.stop()).toBe(0);
    client.take('window/logMessage');
    expect(client.leftovers()).toEqual([]);
  });
});
