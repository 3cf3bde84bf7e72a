/**
 * `flare refine FILE`: search for a version of FILE that passes the project's tests, print the
 * result (summary + diff, or one JSON object) and, with --write, rewrite the file.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { InputError } from '../diagnose/diagnoser.js';
import { RefineCancelled, refine, type RefineResult } from './loop.js';
import { ollamaHostFromEnv } from './settings.js';

export const REFINE_USAGE = `  flare refine FILE [--root DIR] [--tests "CMD"] [--generator auto|templates|ollama] [--model NAME]
               [--k N] [--rounds N] [--parallel N] [--timeout SECONDS] [--scores fused|model]
               [--json] [--timings] [--write] [--verbose]
      Find a change to FILE that makes the project's tests pass, and show it as a diff.
      --root DIR       project root (default: nearest folder up from FILE with setup.py, pyproject.toml
                       or .git; else FILE's folder)
      --tests "CMD"    shell command that runs the tests in the root (default: pytest if the project's
                       Python has it, else python3 -m unittest discover)
      --generator G    templates (repair patterns), ollama (local LLM at OLLAMA_HOST or
                       http://127.0.0.1:11434), or auto: templates, then ollama (default auto)
      --model NAME     Ollama model (default qwen2.5-coder:7b)
      --k N            suspicious regions tried per round, 1-10 (default 5)
      --rounds N       rounds; an improved version is the start of the next (default 3)
      --parallel N     test runs at the same time (default: CPU cores)
      --timeout S      limit of one test run in seconds (default 60)
      --scores S       how regions are chosen: fused (trace the original's tests and fuse coverage and
                       tracebacks with the model's scores; default) or model (model + traceback bonus)
      --json           print one JSON object: status, before, after, candidates, rounds, seconds, diff,
                       source, message (--timings adds the time split)
      --write          rewrite FILE when a fix or an improvement was found (otherwise nothing is written)
      --verbose        log every candidate to stderr
      Exit status: 0 fixed or nothing to fix, 1 not fixed (improved or unchanged), 2 usage, 3 error, 130 cancelled.
`;

interface RefineArgs {
  file: string;
  root?: string;
  tests?: string;
  generator?: string;
  model?: string;
  k?: string;
  rounds?: string;
  parallel?: string;
  timeout?: string;
  scores?: string;
  json: boolean;
  timings: boolean;
  write: boolean;
  verbose: boolean;
}

const VALUE_FLAGS: Record<string, keyof RefineArgs> = {
  '--root': 'root', '--tests': 'tests', '--generator': 'generator', '--model': 'model', '--k': 'k',
  '--rounds': 'rounds', '--parallel': 'parallel', '--timeout': 'timeout', '--scores': 'scores',
};

function parseArgs(argv: string[]): RefineArgs {
  const a: Partial<RefineArgs> & { json: boolean; timings: boolean; write: boolean; verbose: boolean } = {
    json: false, timings: false, write: false, verbose: false,
  };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let x = argv[i];
    let inline: string | undefined;
    const eq = x.indexOf('=');
    if (x.startsWith('--') && eq > 0) { inline = x.slice(eq + 1); x = x.slice(0, eq); }
    if (x === '--json' || x === '--timings' || x === '--write' || x === '--verbose') {
      a[x.slice(2) as 'json' | 'timings' | 'write' | 'verbose'] = true;
    } else if (VALUE_FLAGS[x]) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new InputError(`${x} needs a value`);
      (a as Record<string, unknown>)[VALUE_FLAGS[x]] = v;
    } else if (x.startsWith('--')) {
      throw new InputError(`unknown option ${x}`);
    } else {
      files.push(x);
    }
  }
  if (files.length !== 1) throw new InputError(files.length ? 'refine takes one FILE' : 'no FILE given');
  const num = (flag: string, v: string | undefined, min: number, max: number, integer = true) => {
    if (v === undefined) return;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      throw new InputError(`${flag} needs ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
    }
  };
  num('--k', a.k, 1, 10);
  num('--rounds', a.rounds, 1, 10);
  num('--parallel', a.parallel, 1, 64);
  num('--timeout', a.timeout, 1, 3600, false);
  if (a.generator && !['auto', 'templates', 'ollama'].includes(a.generator)) {
    throw new InputError('--generator must be auto, templates or ollama');
  }
  if (a.scores && !['fused', 'model'].includes(a.scores)) throw new InputError('--scores must be fused or model');
  return { ...a, file: files[0] } as RefineArgs;
}

/** The nearest folder from `file` upwards with setup.py, pyproject.toml or .git; else the file's folder. */
export function findRoot(file: string): string {
  const start = dirname(resolve(file));
  for (let dir = start; ; dir = dirname(dir)) {
    if (['setup.py', 'pyproject.toml', '.git'].some((m) => existsSync(join(dir, m)))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

function settingsFrom(a: RefineArgs): Record<string, unknown> {
  const s: Record<string, unknown> = {};
  if (a.generator) s['refine.generator'] = a.generator;
  if (a.k) s['refine.k'] = Number(a.k);
  if (a.rounds) s['refine.rounds'] = Number(a.rounds);
  if (a.parallel) s['refine.parallel'] = Number(a.parallel);
  if (a.tests !== undefined) s['tests.command'] = a.tests;
  if (a.timeout) s['tests.timeoutSec'] = Number(a.timeout);
  if (a.model) s['ollama.model'] = a.model;
  s['ollama.host'] = ollamaHostFromEnv(process.env);
  return s;
}

function human(r: RefineResult, file: string, written: string): string {
  const lines = [`flare refine ${file}: ${r.status}`, `  ${r.message}`];
  if (r.status !== 'error') {
    lines.push(`  tests: before ${r.before.passed} passed, ${r.before.failed} failed; after ${r.after.passed} passed, ${r.after.failed} failed`);
  }
  if (r.fix) lines.push(`  change: ${r.fix.description} (${r.fix.generator})`);
  const t = r.timings;
  lines.push(`  time: ${r.seconds.toFixed(1)} s (test runs ${t.tests.toFixed(1)} s, generation ${t.generation.toFixed(1)} s, other ${t.other.toFixed(1)} s)`);
  let out = `${lines.join('\n')}\n`;
  if (r.diff) out += `\n${r.diff}\n`;
  if (written) out += `${written}\n`;
  return out;
}

export async function refineCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const file = resolve(args.file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    process.stderr.write(`flare: ${args.file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
    return 3;
  }
  const root = args.root ? resolve(args.root) : findRoot(file);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let result: RefineResult;
  try {
    result = await refine({ root, file, text, settings: settingsFrom(args), scores: args.scores as 'fused' | 'model' | undefined }, {
      signal: controller.signal,
      log: args.verbose ? (l) => process.stderr.write(`flare: ${l}\n`) : undefined,
      onProgress: args.verbose ? (p) => { if (p.phase !== 'test') process.stderr.write(`flare: ${p.message}\n`); } : undefined,
    });
  } catch (e) {
    if (e instanceof RefineCancelled) {
      process.stderr.write('flare: refine cancelled\n');
      return 130;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  let written = '';
  if (args.write && (result.status === 'fixed' || result.status === 'improved') && result.source !== text) {
    const now = await readFile(file, 'utf8').catch(() => null);
    if (now !== text) {
      written = `not written: ${args.file} changed on disk while flare was working`;
      process.stderr.write(`flare: ${written}\n`);
    } else {
      await writeFile(file, result.source);
      written = `written to ${relative(process.cwd(), file) || file}`;
    }
  } else if (!args.write && result.diff) {
    written = 'not written (use --write to apply)';
  }
  if (args.json) {
    const out: Record<string, unknown> = {
      status: result.status, before: result.before, after: result.after, candidates: result.candidates,
      rounds: result.rounds, seconds: result.seconds, diff: result.diff, source: result.source, message: result.message,
    };
    if (args.timings) out.timings = result.timings;
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else {
    process.stdout.write(human(result, args.file, written));
  }
  if (result.status === 'error') {
    if (!args.json) process.stderr.write(`flare: ${result.message.split('\n')[0]}\n`);
    return 3;
  }
  if (result.status === 'fixed') return 0;
  if (result.status === 'unchanged' && result.before.failed === 0) return 0;
  return 1;
}
