/**
 * The model's own threshold per file length: with no `diagnostics.threshold` set, the server flags a
 * file's lines against its length bucket's threshold from the model metadata (`threshold.byLines`).
 */
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { codeLines, TestClient } from './client.js';

const MODELS = join(process.cwd(), 'models');

/** A copy of the bundled model's metadata with the given threshold field, beside links to its graphs. */
function modelWith(threshold: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'flare-thr-'));
  const meta = JSON.parse(readFileSync(join(MODELS, 'flare-python.json'), 'utf8'));
  for (const g of [meta.encoder, meta.head]) symlinkSync(join(MODELS, g), join(dir, g));
  writeFileSync(join(dir, 'flare-python.json'), JSON.stringify({ ...meta, threshold }));
  return join(dir, 'flare-python.json');
}

const short = 'def inc(x):\n    y = x + 1\n    return y\n';
const long = `def total(xs):\n${Array.from({ length: 24 }, (_, i) => `    v${i} = xs[${i}] * ${i + 2}\n`).join('')}    return v0 + v23\n`;

let client: TestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

describe('per-length model thresholds', () => {
  it('flags a short file against its bucket and a long one against its own', async () => {
    // Bucket "up to 4 code lines" at 0 (every code line qualifies), all longer files at 1 (none can).
    const path = modelWith({ line: 0.5, byLines: [{ upTo: 4, line: 0 }, { upTo: null, line: 1 }] });
    client = await TestClient.start({ initializationOptions: { diagnostics: { maxPerFile: 100, debounceMs: 0 }, model: { path } } });
    const a = pathToFileURL(join(tmpdir(), 'flare-short.py')).href;
    const b = pathToFileURL(join(tmpdir(), 'flare-long.py')).href;
    await client.open(a, short);
    expect((await client.diagnostics(a, 1)).diagnostics.map((d) => d.range.start.line).sort()).toEqual(codeLines(short));
    await client.open(b, long);
    expect((await client.diagnostics(b, 1)).diagnostics).toEqual([]);
    // A threshold set by the user applies to every file, whatever its length.
    await client.notify('workspace/didChangeConfiguration', { settings: { flare: { diagnostics: { threshold: 0 } } } });
    expect((await client.next('textDocument/publishDiagnostics', (p) => p.uri === b)).diagnostics.length).toBe(codeLines(long).length);
    expect(await client.stop()).toBe(0);
  });

  it('falls back to the single threshold when byLines is malformed', async () => {
    const path = modelWith({ line: 0, byLines: [{ upTo: 8, line: 1 }, { upTo: 4, line: 1 }, { upTo: null, line: 1 }] });
    client = await TestClient.start({ initializationOptions: { diagnostics: { maxPerFile: 100, debounceMs: 0 }, model: { path } } });
    const a = pathToFileURL(join(tmpdir(), 'flare-short.py')).href;
    await client.open(a, short);
    expect((await client.diagnostics(a, 1)).diagnostics.length).toBe(codeLines(short).length);
    expect(await client.stop()).toBe(0);
  });
});
