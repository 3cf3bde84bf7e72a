/**
 * Mutation evidence (mutation-based fault localization): small changes are made to the lines that
 * failing tests executed, one change per run, and the project's tests are run on each. A change that
 * makes a failing test pass, or lets it get further before it fails, points at its line; a change that
 * breaks passing tests points away from it. The changes are the repair templates of the refinement
 * (refine/generators/templates.ts), so a change that makes every test pass is also a fix.
 */
import { relative, resolve } from 'node:path';
import { runTests, type TestOptions } from '../exec/tests.js';
import { readTrace, type TraceTest } from '../exec/trace.js';
import { initPython } from '../language/python.js';
import { templateCandidates } from '../refine/generators/templates.js';
import { lineRegions } from '../refine/regions.js';
import { isFailing, lineEvidence, withTracedPlan, type TracedRun } from './evidence.js';

/** What one test did in one run: its outcome and how far it got when it failed. */
export interface TestResult {
  failing: boolean;
  /** The last traceback frame outside the mutated file, as `file:line` (null when passing or none). */
  stop: string | null;
}

export interface MutantRun {
  /** 1-based line the change was made on. */
  line: number;
  op: string;
  /** Per-test results by test id; null when the run ended without a trace (timeout, crash). */
  tests: Record<string, TestResult> | null;
}

export interface MutationRuns {
  /** The lines mutants were run for, in the order tried. */
  lines: number[];
  runs: MutantRun[];
  /** True when every planned mutant ran (no time, run or cancel cut). */
  complete: boolean;
  /** Changes there were to try, and how many of them the run limit (maxRuns) allowed. */
  changes: number;
  planned: number;
  seconds: number;
  notes: string[];
}

/**
 * Defaults: changes per line, runs, and time for all runs. The shipped fusion ranker was trained on
 * evidence from 8 changes per line and 150 runs; 16 and 300 rank better with it on held-out programs
 * (models/fusion/README.md, session 8).
 */
export const MUTANTS_PER_LINE = 16;
export const MUTATION_MAX_RUNS = 300;
export const MUTATION_BUDGET_MS = 60_000;

export interface MutationOptions extends Omit<TestOptions, 'trace' | 'command' | 'traceLines'> {
  /** Mutants per line at most (default MUTANTS_PER_LINE). */
  perLine?: number;
  /** Runs at most (default MUTATION_MAX_RUNS). */
  maxRuns?: number;
  /** Stop starting runs after this long (default MUTATION_BUDGET_MS). */
  budgetMs?: number;
  /** Wall-clock limit of one run (default 10 s; fileMutation derives it from the original run). */
  runTimeoutMs?: number;
  signal?: AbortSignal;
  /** Runs at the same time, each in its own scratch checkout (default 1). */
  parallel?: number;
  /** Called after each run. */
  progress?: (done: number, planned: number) => void;
}

/** One test's result from a traced record. */
export function testResult(t: TraceTest, relFile: string): TestResult {
  const failing = isFailing(t);
  const outside = failing ? t.frames.filter((f) => f.file !== relFile) : [];
  const last = outside[outside.length - 1];
  return { failing, stop: last ? `${last.file}:${last.line}` : null };
}

export function resultsOf(tests: TraceTest[], relFile: string): Record<string, TestResult> {
  const out: Record<string, TestResult> = {};
  for (const t of tests) if (t.outcome !== 'skip') out[t.id] = testResult(t, relFile);
  return out;
}

/**
 * Up to `perLine` template changes per line (1-based `lines`, most promising first), in the order they
 * run: round by round over the lines, so a cut by time or run count leaves every line's first changes
 * run. A line's changes are the cheapest of each operator first, in cost order, then the second
 * cheapest of each, and so on, so that a few changes cover different kinds of bug rather than several
 * variants of one.
 */
export function lineMutants(text: string, lines: number[], perLine: number): { line: number; op: string; text: string }[] {
  const byLine = new Map<number, { line: number; op: string; text: string; nth: number }[]>();
  for (const c of templateCandidates(text, lineRegions(text, lines))) {
    const l = c.region.startLine;
    const list = byLine.get(l) ?? [];
    list.push({ line: l, op: c.op, text: c.text, nth: list.filter((x) => x.op === c.op).length });
    byLine.set(l, list);
  }
  // Stable sort: within one nth, cost order.
  const perLineLists = lines.map((l) => (byLine.get(l) ?? []).sort((a, b) => a.nth - b.nth).slice(0, perLine));
  const out: { line: number; op: string; text: string }[] = [];
  for (let round = 0; round < perLine; round++) {
    for (const list of perLineLists) if (list[round]) out.push({ line: list[round].line, op: list[round].op, text: list[round].text });
  }
  return out;
}

/**
 * Run mutants of `relFile` (text `text`) for `lines` (1-based, most promising first; usually the lines
 * failing tests executed), in lineMutants' order. Runs record outcomes and tracebacks only (no
 * coverage), in one scratch copy with the refinement's planning, containment, limits and warm
 * interpreter.
 */
export async function runMutants(
  root: string, command: string | undefined, relFile: string, text: string, lines: number[], opts: MutationOptions = {},
): Promise<MutationRuns> {
  const started = Date.now();
  await initPython();
  const order = lineMutants(text, lines, opts.perLine ?? MUTANTS_PER_LINE);
  const planned = order.slice(0, opts.maxRuns ?? MUTATION_MAX_RUNS);
  const budget = opts.budgetMs ?? MUTATION_BUDGET_MS;
  const out: MutationRuns = { lines: [], runs: [], complete: false, changes: order.length, planned: planned.length, seconds: 0, notes: [] };
  if (!planned.length) {
    out.complete = true;
    return out;
  }
  const rel = relative(resolve(root), resolve(root, relFile)).replace(/\\/g, '/');
  const planOpts = { ...opts, command, traceLines: false, reuseInterpreter: opts.reuseInterpreter ?? true };
  try {
    await withTracedPlan(root, planOpts, true, async (plan, scratch) => {
      out.notes.push(...plan.notes);
      // Workers take the planned changes in order; results keep that order whatever finishes first.
      const results: (MutantRun | undefined)[] = [];
      let next = 0;
      let done = 0;
      let lastMs = 0;
      const worker = async () => {
        while (next < planned.length) {
          // Start a run only when one as long as the last still fits the budget.
          if (opts.signal?.aborted || Date.now() - started + lastMs > budget) break;
          const k = next++;
          const m = planned[k];
          const t0 = Date.now();
          const dir = await scratch.checkout(rel, m.text);
          try {
            const report = await runTests(plan, dir, {
              timeoutMs: opts.runTimeoutMs ?? 10_000, signal: opts.signal, reportPath: scratch.path(`m${k + 1}.xml`),
            });
            // Only a cancel ends a run this way; the other workers see the signal before their next run.
            if (report.status === 'cancelled') break;
            const trace = await readTrace(dir);
            results[k] = { line: m.line, op: m.op, tests: trace ? resultsOf(trace.tests, rel) : null };
          } finally {
            await scratch.release(dir);
          }
          lastMs = Date.now() - t0;
          opts.progress?.(++done, planned.length);
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.parallel ?? 1, planned.length)) }, worker));
      out.runs = results.filter((r): r is MutantRun => !!r);
    });
    out.complete = out.runs.length === order.length;
    const ran = new Set(out.runs.map((r) => r.line));
    out.lines = lines.filter((l) => ran.has(l));
  } finally {
    out.seconds = (Date.now() - started) / 1000;
  }
  return out;
}

/** Per-line mutation evidence (all 0 for lines without a mutant run). */
export interface LineMutation {
  /** Mutants that ran on the line. */
  mutants: number;
  /** Best share of failing tests a mutant of the line made pass. */
  fix: number;
  /** Best share of failing tests a mutant made pass or get further before failing. */
  progress: number;
  /** 1 when a mutant made every test pass. */
  allPass: number;
  /** Smallest share of passing tests a mutant broke (0 without passing tests). */
  breakMin: number;
  /** Metallaxis: best fixed / sqrt(failing x (fixed + broken)). */
  metallaxis: number;
}

const EMPTY: LineMutation = { mutants: 0, fix: 0, progress: 0, allPass: 0, breakMin: 0, metallaxis: 0 };

/** The results as one test (suites that check everything in one test function). */
export function mergeResults(results: Record<string, TestResult>): Record<string, TestResult> {
  const first = Object.values(results).find((r) => r.failing);
  return { merged: first ?? { failing: false, stop: null } };
}

function stopLine(stop: string | null): [string, number] | null {
  const m = stop ? /^(.*):(\d+)$/.exec(stop) : null;
  return m ? [m[1], Number(m[2])] : null;
}

/** The test failed further on than before: a later line of the same file. */
function gotFurther(before: string | null, after: string | null): boolean {
  const a = stopLine(before);
  const b = stopLine(after);
  return !!a && !!b && a[0] === b[0] && b[1] > a[1];
}

/**
 * Evidence per line (index i = line i + 1) from the baseline results and the mutant runs, for the tests
 * in `baseline` (a view may leave tests out; `merged` treats all of them as one test).
 */
export function mutationEvidence(
  baseline: Record<string, TestResult>, runs: MutantRun[], nLines: number, merged = false,
): LineMutation[] {
  const base = merged ? mergeResults(baseline) : baseline;
  const ids = Object.keys(base);
  const failing = ids.filter((id) => base[id].failing);
  const passing = ids.filter((id) => !base[id].failing);
  const out = Array.from({ length: nLines }, () => ({ ...EMPTY }));
  if (!failing.length) return out;
  for (const run of runs) {
    const e = out[run.line - 1];
    if (!e) continue;
    let fixed = 0;
    let further = 0;
    let broken = passing.length;
    if (run.tests) {
      const view = merged ? mergeResults(Object.fromEntries(Object.keys(baseline).map((id) => [id, run.tests![id] ?? { failing: true, stop: null }]))) : run.tests;
      broken = passing.filter((id) => view[id]?.failing !== false).length;
      for (const id of failing) {
        const r = view[id];
        if (r && !r.failing) fixed++;
        else if (r && gotFurther(base[id].stop, r.stop)) further++;
      }
    }
    const F = failing.length;
    const P = passing.length;
    e.mutants++;
    e.fix = Math.max(e.fix, fixed / F);
    e.progress = Math.max(e.progress, (fixed + further) / F);
    if (fixed === F && broken === 0) e.allPass = 1;
    const br = P ? broken / P : 0;
    e.breakMin = e.mutants === 1 ? br : Math.min(e.breakMin, br);
    if (fixed) e.metallaxis = Math.max(e.metallaxis, fixed / Math.sqrt(F * (fixed + broken)));
  }
  return out;
}

/**
 * The lines worth mutating: code lines (a positive model score) that a failing test executed, by
 * Ochiai and then the model's score, highest first.
 */
export function mutationLines(run: Pick<TracedRun, 'tests'>, relFile: string, modelScores: number[]): number[] {
  const ev = lineEvidence(run, relFile, modelScores.length);
  return ev.map((e, i) => ({ e, i })).filter(({ e, i }) => e.ef > 0 && modelScores[i] > 0)
    .sort((a, b) => b.e.ochiai - a.e.ochiai || modelScores[b.i] - modelScores[a.i] || a.i - b.i)
    .map(({ i }) => i + 1);
}

/** A run's time limit from the original run's: twice as long plus half a second, at least 1 s, at most `capMs`. */
export function mutantTimeoutMs(baselineSeconds: number, capMs = 120_000): number {
  return Math.min(capMs, Math.max(1_000, 2 * baselineSeconds * 1000 + 500));
}

export interface FileMutation {
  runs: MutationRuns;
  /** Per line, index i = line i + 1. */
  evidence: LineMutation[];
}

/**
 * Mutation evidence for `relFile` after a traced run `run` of the original (null when no test failed
 * or no line qualifies). `modelScores` are the model's dense scores (index i = line i + 1).
 */
export async function fileMutation(
  root: string, command: string | undefined, relFile: string, text: string, run: TracedRun, modelScores: number[],
  opts: MutationOptions = {},
): Promise<FileMutation | null> {
  const rel = relFile.replace(/\\/g, '/');
  // Without a failing test no line qualifies.
  const lines = mutationLines(run, rel, modelScores);
  if (!lines.length) return null;
  const runs = await runMutants(root, command, rel, text, lines, { runTimeoutMs: mutantTimeoutMs(run.seconds), ...opts });
  return { runs, evidence: mutationEvidence(resultsOf(run.tests, rel), runs.runs, modelScores.length) };
}
