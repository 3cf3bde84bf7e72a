/**
 * Refinement benchmark on the shared QuixBugs set: every task is written to a temporary folder and
 * repaired with the real CLI (`flare refine --json --generator templates --tests "python3 -m unittest -q"`),
 * exactly as a user would run it. Reports how many tasks end `fixed`, how many of those fixes match the
 * reference fix line for line, the median seconds per task, and how the time splits between test
 * runs, generation and the rest. Writes bench/results/refine.json.
 *
 * The benchmark data is read at run time from ../shared/benchmarks (never copied into the repository).
 * Usage: npm run build && node dist/bench/refine.js [--only NAME,...] [--limit N] [--out FILE] [--scores model|fused|both]
 * --scores picks how regions are chosen (`flare refine --scores`); `both` runs every task with each and
 * writes bench/results/refine-fused.json with the two summaries side by side (--model-from FILE /
 * --fused-from FILE reuse a finished single-mode run's --out file for that half).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readTasks } from './tasks.js';

interface Task {
  id: string;
  files: Record<string, string>;
  target: string;
  fixed: string;
  test_command: string;
}

interface TaskResult {
  id: string;
  status: string;
  fixed: boolean;
  /** The fix equals the reference on every code line (comments, docstrings and blank lines aside). */
  matchesReference: boolean;
  before: { passed: number; failed: number } | null;
  after: { passed: number; failed: number } | null;
  candidates: number;
  rounds: number;
  seconds: number;
  wallSeconds: number;
  timings: { tests: number; generation: number; other: number } | null;
  message: string;
}

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root, from src (bench/) or build (dist/bench/). */
const repo = existsSync(join(here, '..', 'package.json')) ? resolve(here, '..') : resolve(here, '..', '..');
/** The shared set next to the repository (main checkout) or under /work/shared (worktrees); --data overrides. */
const DATA = [resolve(repo, '..', 'shared', 'benchmarks', 'quixbugs-python.jsonl'), '/work/shared/benchmarks/quixbugs-python.jsonl']
  .find((p) => existsSync(p)) ?? resolve(repo, '..', 'shared', 'benchmarks', 'quixbugs-python.jsonl');

function loadTasks(path = DATA): Task[] {
  return readTasks(path).tasks.map((t) => {
    if (!t.test_command) throw new Error(`${path}: task ${t.id} has no test_command`);
    return { ...t, test_command: t.test_command };
  });
}

export async function materialize(task: Pick<Task, 'files'>, dir: string): Promise<void> {
  for (const [rel, text] of Object.entries(task.files)) {
    const p = join(dir, rel);
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, text);
  }
}

/** Code lines only: no comments, no docstrings or other bare strings, no blank lines; trailing space ignored. */
function codeLines(text: string): string[] {
  const out: string[] = [];
  let inString: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const t = line.trim();
    if (inString) {
      if (t.includes(inString)) inString = null;
      continue;
    }
    const m = /^[rRbBuU]?("""|''')/.exec(t);
    if (m) {
      const rest = t.slice(m[0].length);
      if (!rest.includes(m[1])) inString = m[1];
      continue;
    }
    if (!t || t.startsWith('#')) continue;
    out.push(line.replace(/\s+#.*$/, ''));
  }
  return out;
}

function runCli(args: string[], cwd: string, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun) => {
    execFile(process.execPath, [join(repo, 'bin', 'flare.js'), ...args], { cwd, timeout: timeoutMs, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : null) : 0;
      resolveRun({ code, stdout, stderr });
    });
  });
}

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface RefineBenchOptions {
  only?: string[];
  limit?: number;
  /** Extra CLI arguments (e.g. ['--k', '5']). */
  extraArgs?: string[];
  /** The benchmark file (default: the shared QuixBugs set). */
  data?: string;
  /** `flare refine --scores` (default: the CLI's default). */
  scores?: 'model' | 'fused';
  out?: string | null;
  log?: (line: string) => void;
}

export async function runRefineBench(opts: RefineBenchOptions = {}): Promise<object> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  let tasks = loadTasks(opts.data);
  if (opts.only?.length) tasks = tasks.filter((t) => opts.only!.some((o) => t.id === o || t.id.endsWith(`/${o}`)));
  if (opts.limit) tasks = tasks.slice(0, opts.limit);
  const results: TaskResult[] = [];
  const started = Date.now();
  for (const task of tasks) {
    const dir = mkdtempSync(join(tmpdir(), 'flare-bench-refine-'));
    try {
      await materialize(task, dir);
      const args = ['refine', task.target, '--root', dir, '--json', '--timings', '--generator', 'templates', '--tests', task.test_command,
        ...(opts.scores ? ['--scores', opts.scores] : []), ...(opts.extraArgs ?? [])];
      const t0 = Date.now();
      const run = await runCli(args, dir, 15 * 60_000);
      const wallSeconds = (Date.now() - t0) / 1000;
      let parsed: Record<string, unknown> | null = null;
      try {
        parsed = JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as Record<string, unknown>;
      } catch {
        parsed = null;
      }
      const status = (parsed?.status as string) ?? `crash (exit ${run.code})`;
      const fixed = status === 'fixed';
      const source = (parsed?.source as string) ?? '';
      const r: TaskResult = {
        id: task.id, status, fixed,
        matchesReference: fixed && codeLines(source).join('\n') === codeLines(task.fixed).join('\n'),
        before: (parsed?.before as TaskResult['before']) ?? null,
        after: (parsed?.after as TaskResult['after']) ?? null,
        candidates: (parsed?.candidates as number) ?? 0,
        rounds: (parsed?.rounds as number) ?? 0,
        seconds: (parsed?.seconds as number) ?? wallSeconds,
        wallSeconds,
        timings: (parsed?.timings as TaskResult['timings']) ?? null,
        message: (parsed?.message as string) ?? run.stderr.trim().split('\n').slice(-3).join(' | '),
      };
      results.push(r);
      log(`${task.id.padEnd(40)} ${r.status.padEnd(9)} ${r.matchesReference ? 'ref ' : '    '}${String(r.candidates).padStart(4)} cand ${r.wallSeconds.toFixed(1).padStart(6)} s  ${r.before ? `${r.before.passed}/${r.before.passed + r.before.failed}` : '-'} -> ${r.after ? `${r.after.passed}/${r.after.passed + r.after.failed}` : '-'}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const sum = (k: 'tests' | 'generation' | 'other') => results.reduce((a, r) => a + (r.timings?.[k] ?? 0), 0);
  const total = sum('tests') + sum('generation') + sum('other');
  const share = (k: 'tests' | 'generation' | 'other') => (total ? Math.round((sum(k) / total) * 1000) / 10 : 0);
  const summary = {
    benchmark: 'quixbugs-python',
    command: 'flare refine --json --generator templates --tests "python3 -m unittest -q"',
    extraArgs: opts.extraArgs ?? [],
    scores: opts.scores ?? 'default',
    tasks: results.length,
    fixed: results.filter((r) => r.fixed).length,
    matchesReference: results.filter((r) => r.matchesReference).length,
    improved: results.filter((r) => r.status === 'improved').length,
    errors: results.filter((r) => r.status === 'error' || r.status.startsWith('crash')).length,
    medianSeconds: Math.round(median(results.map((r) => r.wallSeconds)) * 100) / 100,
    meanSeconds: Math.round((results.reduce((a, r) => a + r.wallSeconds, 0) / Math.max(1, results.length)) * 100) / 100,
    medianCandidates: median(results.map((r) => r.candidates)),
    timeSplitSeconds: { tests: Math.round(sum('tests') * 10) / 10, generation: Math.round(sum('generation') * 10) / 10, other: Math.round(sum('other') * 10) / 10 },
    timeSplitPercent: { tests: share('tests'), generation: share('generation'), other: share('other') },
    benchSeconds: Math.round((Date.now() - started) / 100) / 10,
    machine: { cores: (await import('node:os')).availableParallelism(), node: process.version },
    date: new Date().toISOString(),
    results,
  };
  const partial = !!(opts.only?.length || opts.limit);
  const out = opts.out === undefined ? (partial ? null : join(repo, 'bench', 'results', 'refine.json')) : opts.out;
  if (out) {
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(summary, null, 2)}\n`);
    log(`wrote ${out}`);
  }
  return summary;
}

/** Every task with model scores, then with fused scores (same generator, same k); one file with both. */
async function compareScores(base: RefineBenchOptions, out: string | undefined, reuse: Record<string, string | undefined>): Promise<object> {
  const runs: Record<string, Record<string, unknown>> = {};
  for (const scores of ['model', 'fused'] as const) {
    // A finished single-mode run (its --out file) can stand in for that half.
    const file = reuse[scores];
    runs[scores] = file ? JSON.parse(readFileSync(file, 'utf8')) : await runRefineBench({ ...base, scores, out: null }) as Record<string, unknown>;
  }
  const fixedIds = (r: Record<string, unknown>) => new Set((r.results as TaskResult[]).filter((t) => t.fixed).map((t) => t.id));
  const [m, f] = [fixedIds(runs.model), fixedIds(runs.fused)];
  const summary = {
    benchmark: 'quixbugs-python', generator: 'templates', extraArgs: base.extraArgs ?? [],
    fixed: { model: m.size, fused: f.size },
    onlyModel: [...m].filter((id) => !f.has(id)), onlyFused: [...f].filter((id) => !m.has(id)),
    model: runs.model, fused: runs.fused,
  };
  const partial = !!(base.only?.length || base.limit);
  const file = out ?? (partial ? null : join(repo, 'bench', 'results', 'refine-fused.json'));
  if (file) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(summary, null, 2)}\n`);
  }
  const { model: _m, fused: _f, ...rest } = summary;
  return rest;
}

function argValue(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const argv = process.argv.slice(2);
  const only = argValue(argv, '--only')?.split(',');
  const limit = argValue(argv, '--limit');
  const out = argValue(argv, '--out');
  const sep = argv.indexOf('--');
  const scores = argValue(argv, '--scores');
  const base = { only, limit: limit ? Number(limit) : undefined, data: argValue(argv, '--data'), extraArgs: sep >= 0 ? argv.slice(sep + 1) : [] };
  const brief = (s: object) => { const { results: _r, ...rest } = s as { results: unknown }; return rest; };
  const job = scores === 'both'
    ? compareScores(base, out, { model: argValue(argv, '--model-from'), fused: argValue(argv, '--fused-from') })
    : runRefineBench({ ...base, out, scores: scores as RefineBenchOptions['scores'] }).then(brief);
  job.then((s) => {
    process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
  }, (e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  });
}
