/**
 * Where the server is and which settings it gets. The `flare` section goes to the server as
 * initializationOptions and as the answer to workspace/configuration, without the keys that only this
 * extension reads (`flare.server.*`, `flare.trace.*`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export const SECTION = 'flare';
const CLIENT_KEYS = ['server', 'trace'];

/** The `flare` section as the server reads it. */
export function serverSettings(): Record<string, unknown> {
  const all = JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(SECTION))) as Record<string, unknown>;
  return withoutClientKeys(all);
}

export function withoutClientKeys(section: unknown): Record<string, unknown> {
  if (!section || typeof section !== 'object' || Array.isArray(section)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(section)) if (!CLIENT_KEYS.includes(k)) out[k] = v;
  return out;
}

export interface ServerCommand {
  command: string;
  args: string[];
}

/**
 * `flare.server.path` when set, else the server bundled in the extension (`server/bin/flare-ls.js`), else
 * `bin/flare-ls.js` of the checkout the extension lives in (`clients/vscode` of flare-ls). A `.js` file runs
 * with `flare.server.node`.
 */
export function serverCommand(extensionPath: string): ServerCommand {
  const config = vscode.workspace.getConfiguration(SECTION);
  const configured = (config.get<string>('server.path') ?? '').trim();
  const candidates = configured ? [configured] : [join(extensionPath, 'server', 'bin', 'flare-ls.js'), join(extensionPath, '..', '..', 'bin', 'flare-ls.js')];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(`the flare-ls server was not found (looked for ${candidates.join(' and ')}); set "flare.server.path" to bin/flare-ls.js of your flare-ls checkout`);
  }
  if (!found.endsWith('.js')) return { command: found, args: ['--stdio'] };
  return { command: (config.get<string>('server.node') ?? '').trim() || 'node', args: [found, '--stdio'] };
}
