/**
 * Helix is not packaged here: read clients/helix/languages.toml (with Python's tomllib) and check that it
 * starts the server of this repository and that every setting in its `config` is one flare-ls accepts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../server/src/lsp/config.js';
import { ROOT, SERVER, TestClient } from '../lsp/client.js';
import { readmeSnippet } from '../e2e/editor.js';

const FILE = join(ROOT, 'clients', 'helix', 'languages.toml');
const PLACEHOLDER = '/ABSOLUTE/PATH/TO/flare-ls';

function readToml(path: string): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = spawnSync('python3', ['-c', 'import json, sys, tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], "rb"))))', path], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('clients/helix/languages.toml', () => {
  const toml = readToml(FILE);
  const server = toml['language-server']?.['flare-ls'];

  it('starts bin/flare-ls.js --stdio of the checkout, with the path marked as a placeholder', () => {
    expect(server.command).toBe('node');
    expect(server.args).toEqual([`${PLACEHOLDER}/bin/flare-ls.js`, '--stdio']);
    expect(server.args[0].replace(PLACEHOLDER, ROOT)).toBe(SERVER);
  });

  it('adds flare-ls to Python next to another server', () => {
    const python = toml.language.find((l: { name: string }) => l.name === 'python');
    expect(python['language-servers']).toContain('flare-ls');
    expect(python['language-servers'].length).toBeGreaterThan(1);
  });

  it('has settings that the server accepts, and the server starts with them as initializationOptions', async () => {
    expect(Object.keys(server.config).length).toBeGreaterThan(0);
    const parsed = parseSettings(server.config);
    expect(parsed.unknown).toEqual([]);
    expect(parsed.invalid).toEqual([]);
    expect(parsed.settings.diagnostics.threshold).toBe(server.config.diagnostics.threshold);

    const client = await TestClient.start({ initializationOptions: server.config });
    try {
      expect(client.initializeResult.serverInfo?.name).toBe('flare-ls');
      const path = join(ROOT, 'test', 'fixtures', 'demo', 'stats.py');
      const uri = pathToFileURL(path).href;
      await client.open(uri, readFileSync(path, 'utf8'));
      const published = await client.diagnostics(uri);
      // The demo's lines scoring 0.1 or more (the model's own threshold would show none).
      expect(published.diagnostics.length).toBeGreaterThan(0);
      for (const d of published.diagnostics) expect(d.data.score).toBeGreaterThanOrEqual(0.1);
      await client.settle();
      expect(client.take('window/showMessage')).toEqual([]);
      expect(client.take('window/logMessage').filter((m) => /setting/.test(m.message))).toEqual([]);
    } finally {
      await client.stop();
    }
  });

  it("matches the README's Helix snippet, whose settings the server accepts too", () => {
    const tmp = mkdtempSync(join(tmpdir(), 'flare-helix-'));
    try {
      const file = join(tmp, 'languages.toml');
      writeFileSync(file, readmeSnippet('Helix', 'toml'));
      const snippet = readToml(file);
      const entry = snippet['language-server']['flare-ls'];
      expect(entry.command).toBe(server.command);
      expect(entry.args).toEqual([SERVER, '--stdio']);
      expect(entry.config).toEqual(server.config);
      expect(snippet.language).toEqual(toml.language);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
