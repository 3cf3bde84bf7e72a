/**
 * The parts of the extension that need no VS Code API (tested without it): which command starts the server,
 * and the `flare` section as the server gets it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const SECTION = 'flare';
/** Keys of the `flare` section that only the extension reads (`flare.server.*`, `flare.trace.*`). */
export const CLIENT_KEYS = ['server', 'trace'];

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
 * `configured` (`flare.server.path`) when set, else the server bundled in the extension
 * (`server/bin/flare-ls.js`), else `bin/flare-ls.js` of the checkout the extension lives in
 * (`clients/vscode` of flare-ls). A `.js` file runs with `node` (`flare.server.node`).
 */
export function resolveServer(extensionPath: string, configured: string, node: string): ServerCommand {
  const path = configured.trim();
  const candidates = path ? [path] : [join(extensionPath, 'server', 'bin', 'flare-ls.js'), join(extensionPath, '..', '..', 'bin', 'flare-ls.js')];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(`the flare-ls server was not found (looked for ${candidates.join(' and ')}); set "flare.server.path" to bin/flare-ls.js of your flare-ls checkout`);
  }
  if (!found.endsWith('.js')) return { command: found, args: ['--stdio'] };
  return { command: node.trim() || 'node', args: [found, '--stdio'] };
}
