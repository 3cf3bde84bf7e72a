/**
 * Test evidence for localization: a traced run of the project's tests (per-test executed lines and the
 * failing tests' traceback frames), per-line spectrum evidence for one file, and the feature rows the
 * fusion ranker (fusion.ts) reads. The training pipeline imports THIS module, so features are computed
 * one way only.
 */
import { relative, resolve } from 'node:path';
import { closePlan, planTests, runTests, type TestOptions, type TestPlan, type TestReport } from '../exec/tests.js';
import { Scratch } from '../exec/scratch.js';
import { installTracer, readTrace, type TraceMatrix, type TraceTest } from '../exec/trace.js';
import type { LineMutation } from './mutation.js';
import { dstar, ochiai, tarantula } from './spectrum.js';

export type { TraceMatrix, TraceTest };

export interface TracedRun extends TraceMatrix {
  /** How the run ended (passed/failed/timeout/...), as for plain runs. */
  status: TestReport['status'];
  passed: number;
  failed: number;
  seconds: number;
  /** Why there is no trace or what was odd, when anything was. */
  notes: string[];
}

export interface RunTracedOptions extends Omit<TestOptions, 'trace' | 'command'> {
  /** Wall-clock limit for the run (default 120 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Run with this file's text in place of the one on disk (path relative to root or absolute). */
  file?: { path: string; text: string };
  /** Run without the tracer (the same run otherwise: for measuring the tracer's overhead). */
  plain?: boolean;
}

/**
 * Run the project's tests once, traced, in a scratch copy of `root` (same planning, limits, timeout and
 * process-group handling as the refinement's runs). `command` empty = detect as for refinement.
 */
export async function runTraced(root: string, command: string | undefined, opts: RunTracedOptions = {}): Promise<TracedRun> {
  const planOpts = { ...opts, command, reuseInterpreter: opts.reuseInterpreter ?? false };
  return withTracedPlan(root, planOpts, !opts.plain, async (plan, scratch) => {
    const rel = opts.file ? relative(resolve(root), resolve(root, opts.file.path)) : undefined;
    const dir = await scratch.checkout(rel, opts.file?.text);
    const report = await runTests(plan, dir, {
      timeoutMs: opts.timeoutMs ?? 120_000, signal: opts.signal, reportPath: scratch.path('report.xml'),
    });
    const trace = opts.plain ? null : await readTrace(dir);
    return tracedRun(report, trace, plan.notes);
  });
}

/**
 * Plan the tests in a new scratch copy of `root`, with the tracer hooked in when `traced`, run `work`,
 * then stop what the plan started and remove the copy.
 */
export async function withTracedPlan<T>(
  root: string, opts: Omit<TestOptions, 'trace'>, traced: boolean, work: (plan: TestPlan, scratch: Scratch) => Promise<T>,
): Promise<T> {
  const scratch = await Scratch.create(root);
  let plan;
  try {
    const trace = traced ? await installTracer(scratch.path('tracer')) : undefined;
    plan = await planTests(root, scratch, { ...opts, trace });
    return await work(plan, scratch);
  } finally {
    closePlan(plan);
    await scratch.dispose();
  }
}

/** Combine a run's report with its trace (the trace's outcomes win: they are per test). */
export function tracedRun(report: TestReport, trace: TraceMatrix | null, notes: string[] = []): TracedRun {
  const out = [...notes];
  if (!trace) out.push(`the run left no trace (${report.status})`);
  const tests = trace?.tests ?? [];
  const failing = tests.filter(isFailing).length;
  const passing = tests.filter((t) => t.outcome === 'pass').length;
  return {
    version: 1, framework: trace?.framework ?? 'unittest', tests, status: report.status,
    passed: trace ? passing : report.passed, failed: trace ? failing : report.failed,
    seconds: report.ms / 1000, notes: out,
  };
}

export function isFailing(t: TraceTest): boolean {
  return t.outcome === 'fail' || t.outcome === 'error';
}

export interface LineEvidence {
  /** Failing / passing tests that executed the line, and those that did not. */
  ef: number;
  ep: number;
  nf: number;
  np: number;
  ochiai: number;
  dstar: number;
  tarantula: number;
  /** Share of failing tests whose traceback frames include the line. */
  inTraceback: number;
  /** Share of failing tests whose innermost project frame in this file is the line. */
  deepest: number;
}

function normRel(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** Evidence for each line of `relFile` (index i = line i + 1). */
export function lineEvidence(matrix: Pick<TraceMatrix, 'tests'>, relFile: string, nLines: number): LineEvidence[] {
  const file = normRel(relFile);
  const ef = new Array<number>(nLines).fill(0);
  const ep = new Array<number>(nLines).fill(0);
  const tb = new Array<number>(nLines).fill(0);
  const deep = new Array<number>(nLines).fill(0);
  let F = 0;
  let P = 0;
  for (const t of matrix.tests) {
    const failing = isFailing(t);
    if (!failing && t.outcome !== 'pass') continue;
    if (failing) F++;
    else P++;
    const counts = failing ? ef : ep;
    for (const l of t.lines[file] ?? []) if (l >= 1 && l <= nLines) counts[l - 1]++;
    if (!failing) continue;
    const frames = t.frames.filter((f) => normRel(f.file) === file && f.line >= 1 && f.line <= nLines);
    for (const l of new Set(frames.map((f) => f.line))) tb[l - 1]++;
    if (frames.length) deep[frames[frames.length - 1].line - 1]++;
  }
  return ef.map((_, i) => {
    const c = { ef: ef[i], ep: ep[i], nf: F - ef[i], np: P - ep[i] };
    return {
      ...c, ochiai: ochiai(c), dstar: dstar(c), tarantula: tarantula(c),
      inTraceback: F ? tb[i] / F : 0, deepest: F ? deep[i] / F : 0,
    };
  });
}

/** True when the evidence can change anything: at least one failing test. */
export function hasFailures(evidence: LineEvidence[]): boolean {
  return evidence.length > 0 && evidence[0].ef + evidence[0].nf > 0;
}

/** The fusion ranker's inputs, in this order (names and version are checked against the model). */
export const FUSION_FEATURES = [
  'model_prob', 'model_rel', 'model_rrank', 'ochiai', 'dstar_sq', 'tarantula',
  'ef_share', 'ep_share', 'executed', 'in_traceback', 'deepest', 'is_code',
  'mut_tried', 'mut_fix', 'mut_progress', 'mut_all_pass', 'mut_break_min', 'metallaxis',
] as const;
export const FUSION_FEATURE_VERSION = 2;

/**
 * One feature row per line. `modelScores[i]` is the model's score of line i + 1 (0 for non-code lines);
 * `code[i]` marks code lines (default: a positive model score); `mutation[i]` is the line's mutation
 * evidence (mutation.ts), absent when no mutants ran.
 */
export function fusionFeatures(modelScores: number[], evidence: LineEvidence[], code?: boolean[], mutation?: LineMutation[]): number[][] {
  const n = modelScores.length;
  const isCode = code ?? modelScores.map((s) => s > 0);
  let sum = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    if (!isCode[i]) continue;
    sum += modelScores[i];
    max = Math.max(max, modelScores[i]);
  }
  const order = [...Array(n).keys()].filter((i) => isCode[i]).sort((a, b) => modelScores[b] - modelScores[a] || a - b);
  const rank = new Array<number>(n).fill(0);
  order.forEach((i, r) => { rank[i] = r + 1; });
  return modelScores.map((s, i) => {
    const e = evidence[i];
    const F = e ? e.ef + e.nf : 0;
    const P = e ? e.ep + e.np : 0;
    const d = e?.dstar ?? 0;
    return [
      isCode[i] && sum > 0 ? s / sum : 0,
      isCode[i] && max > 0 ? s / max : 0,
      rank[i] ? 1 / rank[i] : 0,
      e?.ochiai ?? 0,
      d / (1 + d),
      e?.tarantula ?? 0,
      F ? e.ef / F : 0,
      P ? e.ep / P : 0,
      e && e.ef + e.ep > 0 ? 1 : 0,
      e?.inTraceback ?? 0,
      e?.deepest ?? 0,
      isCode[i] ? 1 : 0,
      ...mutationRow(mutation?.[i]),
    ];
  });
}

function mutationRow(m: LineMutation | undefined): number[] {
  if (!m || !m.mutants) return [0, 0, 0, 0, 0, 0];
  return [1, m.fix, m.progress, m.allPass, m.breakMin, m.metallaxis];
}
