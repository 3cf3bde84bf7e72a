/** What a results file records about the run that made it: date, command, commit, machine. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';

export interface Provenance {
  date: string;
  /** The command as typed (npm script form when run through npm) and the node command it ran. */
  commands: string[];
  git: { commit: string; dirty: boolean } | null;
  node: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number };
}

function git(args: string[]): string {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

export function provenance(): Provenance {
  const args = process.argv.slice(2);
  const quote = (a: string) => (/^[\w./:=@+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  const nodeCmd = ['node', ...process.argv.slice(1).map((a) => a.replace(`${process.cwd()}/`, ''))].map(quote).join(' ');
  const script = process.env.npm_lifecycle_event;
  const commands = script ? [`npm run ${script}${args.length ? ` -- ${args.map(quote).join(' ')}` : ''}`, nodeCmd] : [nodeCmd];
  let g: Provenance['git'] = null;
  try {
    g = { commit: git(['rev-parse', 'HEAD']), dirty: git(['status', '--porcelain', '--untracked-files=no']).length > 0 };
  } catch { /* not a git checkout */ }
  const cpu = cpus();
  return {
    date: new Date().toISOString(), commands, git: g, node: process.version,
    machine: { cpus: cpu.length, cpuModel: cpu[0]?.model ?? '?', memoryGiB: Math.round(totalmem() / 2 ** 30) },
  };
}

/**
 * A short hash of a model's metadata and graph files: model ids are not always bumped when a model is
 * retrained, so results record this too.
 */
export function modelFingerprint(metaPath: string, graphs: readonly string[]): string {
  const h = createHash('sha256');
  h.update(readFileSync(metaPath));
  for (const g of graphs) h.update(readFileSync(join(dirname(metaPath), g)));
  return h.digest('hex').slice(0, 16);
}

/** Write `<name>.json` and `<name>.md` under `out`, and echo the markdown. */
export function writeReport(out: string, name: string, report: unknown, markdown: string, log: (s: string) => void): void {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `${name}.json`), `${JSON.stringify(report, null, 1)}\n`);
  writeFileSync(join(out, `${name}.md`), markdown);
  process.stdout.write(markdown);
  log(`wrote ${join(out, `${name}.json`)} and ${name}.md`);
}
