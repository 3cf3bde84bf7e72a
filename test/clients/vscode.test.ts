/**
 * The VS Code extension (clients/vscode) cannot run here: check that the project's build compiled it, that
 * its manifest and code agree on the commands, and that its `flare.*` settings are exactly the server's:
 * same keys as the README table, same descriptions, defaults the server resolves to its own defaults, and
 * bounds and choices that the server's validator accepts and rejects at the same places.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings, merge, parseSettings, type Settings } from '../../server/src/lsp/config.js';
import { ROOT, SERVER } from '../lsp/client.js';

const DIR = join(ROOT, 'clients', 'vscode');
const manifest = JSON.parse(readFileSync(join(DIR, 'package.json'), 'utf8'));
const properties: Record<string, any> = manifest.contributes.configuration.properties; // eslint-disable-line @typescript-eslint/no-explicit-any
/** Settings only the extension reads (never sent to the server). */
const CLIENT_ONLY = ['flare.server.path', 'flare.server.node', 'flare.trace.server'];
const REFINE_GROUPS = ['refine', 'tests', 'ollama'];

/** README "Settings" rows: key -> meaning. */
function readmeSettings(): Map<string, string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('### Settings');
  const end = readme.indexOf('\n## ', start);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return new Map([...section.matchAll(/^\| `([A-Za-z.]+)` \| .*? \| .*? \| (.*) \|$/gm)].map((m) => [m[1], m[2]]));
}

/** `{"a": {"b": v}}` for key `a.b`. */
function nest(key: string, value: unknown): Record<string, unknown> {
  return key.split('.').reduceRight<Record<string, unknown>>((inner, part, i, parts) => (i === parts.length - 1 ? { [part]: value } : { [part]: inner }), {});
}

function valueAt(s: Settings, key: string): unknown {
  const [group, ...rest] = key.split('.');
  let v: any = REFINE_GROUPS.includes(group) ? s.refine : s; // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const part of [group, ...rest]) v = v?.[part];
  return v;
}

/** Does the server accept `value` for `key` (no warning, and the key is known)? */
function accepts(key: string, value: unknown): boolean {
  const p = parseSettings(nest(key, value));
  return p.invalid.length === 0 && p.unknown.length === 0;
}

const types = (p: { type: string | string[] }) => (Array.isArray(p.type) ? p.type : [p.type]);

describe('clients/vscode', () => {
  it('is compiled by the project build, from the current sources', () => {
    expect(manifest.main).toBe('./out/extension.js');
    for (const name of ['extension', 'settings', 'server']) {
      const out = statSync(join(DIR, 'out', `${name}.js`));
      expect(out.mtimeMs).toBeGreaterThanOrEqual(statSync(join(DIR, 'src', `${name}.ts`)).mtimeMs);
    }
    const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(root.scripts.build).toContain('tsc -p clients/vscode');
    expect(manifest.dependencies['vscode-languageclient']).toBe(root.devDependencies['vscode-languageclient']);
    expect(manifest.devDependencies['@types/vscode']).toBe(root.devDependencies['@types/vscode']);
    expect(manifest.engines.vscode).toBe(`^${manifest.devDependencies['@types/vscode']}`);
    // What the compiled extension requires resolves from its folder (root node_modules after `npm ci`).
    const req = createRequire(join(DIR, 'out', 'extension.js'));
    expect(req.resolve('vscode-languageclient/node')).toContain('vscode-languageclient');
  });

  it('registers exactly the commands its manifest contributes, and starts on Python files', () => {
    const code = readFileSync(join(DIR, 'out', 'extension.js'), 'utf8');
    const registered = new Set([...code.matchAll(/'(flare-ls\.[A-Za-z]+)'/g)].map((m) => m[1]));
    expect([...registered].sort()).toEqual(manifest.contributes.commands.map((c: { command: string }) => c.command).sort());
    expect(manifest.activationEvents).toEqual(['onLanguage:python']);
    for (const command of ['flare.refine', 'flare.cancel', 'flare.runTests']) expect(code).toContain(`'${command}'`);
  });

  it('contributes every server setting of the README with its description, and nothing else', () => {
    const readme = readmeSettings();
    expect(readme.size).toBeGreaterThan(20);
    expect(Object.keys(properties).sort()).toEqual([...[...readme.keys()].map((k) => `flare.${k}`), ...CLIENT_ONLY].sort());
    for (const [key, meaning] of readme) expect(properties[`flare.${key}`].markdownDescription, key).toBe(meaning);
    for (const key of CLIENT_ONLY) expect(properties[key].markdownDescription).toMatch(/extension only/);
  });

  it('has defaults that the server resolves to its own defaults', () => {
    const defaults = defaultSettings();
    let all: Record<string, unknown> = {};
    for (const [key, p] of Object.entries(properties)) {
      if (CLIENT_ONLY.includes(key)) continue;
      const k = key.slice('flare.'.length);
      expect(accepts(k, p.default), k).toBe(true);
      expect(valueAt(parseSettings(nest(k, p.default)).settings, k), k).toEqual(valueAt(defaults, k));
      all = merge(all, nest(k, p.default));
    }
    // What VS Code sends with nothing configured (every default at once) is accepted whole.
    const merged = parseSettings(all);
    expect(merged.invalid).toEqual([]);
    expect(merged.unknown).toEqual([]);
  });

  it('has types, bounds and choices that match what the server accepts', () => {
    for (const [key, p] of Object.entries(properties)) {
      if (CLIENT_ONLY.includes(key)) continue;
      const k = key.slice('flare.'.length);
      const t = types(p);
      if (p.enum) {
        for (const v of p.enum) expect(accepts(k, v), `${k}=${v}`).toBe(true);
        expect(accepts(k, 'no-such-choice'), k).toBe(false);
        continue;
      }
      if (t.includes('boolean')) {
        expect(accepts(k, true) && accepts(k, false), k).toBe(true);
        expect(accepts(k, 7), k).toBe(false);
      }
      if (t.includes('integer') || t.includes('number')) {
        expect(p.minimum, `${k} has a minimum`).toBeTypeOf('number');
        expect(p.maximum, `${k} has a maximum`).toBeTypeOf('number');
        expect(accepts(k, p.minimum) && accepts(k, p.maximum), k).toBe(true);
        const step = t.includes('integer') ? 1 : 0.001;
        expect(accepts(k, p.minimum - step), `${k} below its minimum`).toBe(false);
        expect(accepts(k, p.maximum + step), `${k} above its maximum`).toBe(false);
        if (t.includes('integer')) expect(accepts(k, p.minimum + 0.5), `${k} fractional`).toBe(false);
      }
      if (t.includes('string') && !t.includes('object')) expect(accepts(k, 'some text'), k).toBe(true);
      if (!t.includes('string') && !t.includes('object')) expect(accepts(k, 'text'), `${k} given a string`).toBe(false);
      if (t.includes('null')) expect(accepts(k, null), k).toBe(true);
    }
  });

  // The compiled module that needs no VS Code API, run as VS Code would load it (CommonJS).
  const server = createRequire(join(DIR, 'out', 'server.js'))('./server.js');

  it('finds the server of its checkout, or the one configured, and says what to set when there is none', () => {
    expect(server.resolveServer(DIR, '', '')).toEqual({ command: 'node', args: [SERVER, '--stdio'] });
    expect(server.resolveServer(DIR, `  ${SERVER} `, '/opt/node20/bin/node')).toEqual({ command: '/opt/node20/bin/node', args: [SERVER, '--stdio'] });
    const tmp = mkdtempSync(join(tmpdir(), 'flare-vscode-'));
    try {
      const exe = join(tmp, 'flare-ls');
      writeFileSync(exe, '');
      expect(server.resolveServer(DIR, exe, 'node')).toEqual({ command: exe, args: ['--stdio'] });
      expect(() => server.resolveServer(tmp, '', 'node')).toThrow(/flare-ls server was not found .*set "flare.server.path"/);
      expect(() => server.resolveServer(DIR, join(tmp, 'missing.js'), 'node')).toThrow(/missing\.js/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("sends the server the flare section without the extension's own keys", () => {
    expect(CLIENT_ONLY.map((k) => k.split('.')[1]).every((k) => server.CLIENT_KEYS.includes(k))).toBe(true);
    const section = { diagnostics: { threshold: 0.1 }, refine: { k: 3 }, server: { path: '/x', node: 'node' }, trace: { server: 'off' } };
    const sent = server.withoutClientKeys(section);
    expect(sent).toEqual({ diagnostics: { threshold: 0.1 }, refine: { k: 3 } });
    expect(parseSettings(sent)).toMatchObject({ unknown: [], invalid: [] });
    expect(server.withoutClientKeys(null)).toEqual({});
  });
});
