/** The package version, read from the nearest package.json named flare-ls above this file. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function serverVersion(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6 && !cached; i++) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) {
      try {
        const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'flare-ls' && pkg.version) cached = pkg.version;
      } catch {
        // keep looking
      }
    }
    dir = dirname(dir);
  }
  return (cached ??= '0.0.0');
}
