/**
 * Test projects: copies of the fixtures in temporary folders, and snapshots that tell whether a
 * folder changed at all (names, kinds and bytes of everything in it).
 */
import { createHash } from 'node:crypto';
import { cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'refine');

const made: string[] = [];

/** A fresh copy of test/fixtures/refine/<name>; removed by cleanupProjects(). */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `flare-fixture-${name}-`));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  made.push(dir);
  return dir;
}

export function cleanupProjects(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Every path under `dir` with its kind and a hash of its bytes (or link target). */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const r = rel ? join(rel, name) : name;
      const p = join(dir, r);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out[r] = `link:${readlinkSync(p)}`;
      else if (st.isDirectory()) { out[r] = 'dir'; walk(r); }
      else out[r] = `file:${createHash('sha256').update(readFileSync(p)).digest('hex')}`;
    }
  };
  walk('');
  return out;
}

/** Is a process still running (zombies count as ended)? */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Wait until `cond` holds, polling every 100 ms; throws after `ms`. */
export async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
