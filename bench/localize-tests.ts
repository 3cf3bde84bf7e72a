/**
 * `npm run eval:localize -- --tests <benchmark.jsonl>... [--parallel 2] [--overhead] [--fusion PATH]`
 *
 * Localization with test evidence: each task's buggy version is materialised in a temporary folder,
 * its tests run once traced (the engine behind `flare check --tests`), and the fault lines are ranked
 * by the model alone, by Ochiai alone, by DStar alone, by Metallaxis alone (mutation evidence: small
 * changes to the lines failing tests ran, one test run each, within --mutation seconds per task) and by
 * the fused scores with and without the mutation evidence, all in one run. With
 * --overhead every task also runs once without the tracer (same machinery) to measure the tracer's cost.
 * Writes <out>/localize-tests.json and .md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Diagnoser } from '../server/src/diagnose/diagnoser.js';
import { runTraced } from '../server/src/diagnose/evidence.js';
import { denseScores, fuseFile } from '../server/src/diagnose/fused.js';
import { defaultFusionPath, loadFusion } from '../server/src/diagnose/fusion.js';
import { fileMutation } from '../server/src/diagnose/mutation.js';
import type { Vocab } from '../server/src/diagnose/featurizer.js';
import { codeLines, diagnose } from './evaluate.js';
import { faultRank, mean, median, topK, type FaultRank, type Scored } from './metrics.js';
import { provenance, writeReport } from './provenance.js';
import { pool } from '../models/gen/pool.js';
import { materialize } from './refine.js';
import { num, pct, table } from './table.js';
import { readTasks, type BenchTask } from './tasks.js';

export const TEST_METHODS = ['model', 'ochiai', 'dstar', 'metallaxis', 'fused-no-mutants', 'fused'] as const;
type TM = (typeof TEST_METHODS)[number];

export interface TestArgs {
  files: string[]; out: string; model?: string; parallel: number; overhead: boolean; fusion?: string; timeoutSec: number;
  /** Time budget of the mutant runs per task, seconds (0 = none). */
  mutationSec: number;
}

interface TaskResult {
  id: string;
  status: string;
  passed: number;
  failed: number;
  seconds: number;
  plainSeconds?: number;
  fused: boolean;
  mutantRuns: number;
  mutationSeconds: number;
  lines: number;
  ranks: Record<TM, number | null>;
  top: Record<TM, [number, number, number]>;
}

async function evaluateTask(d: Diagnoser, vocab: Vocab, task: BenchTask, args: TestArgs, ranker: Awaited<ReturnType<typeof loadFusion>>): Promise<TaskResult> {
  const dir = mkdtempSync(join(tmpdir(), 'flare-evaltask-'));
  try {
    await materialize(task, dir);
    const timeoutMs = args.timeoutSec * 1000;
    const plain = args.overhead ? await runTraced(dir, task.test_command, { timeoutMs, plain: true }) : undefined;
    const run = await runTraced(dir, task.test_command, { timeoutMs });
    const text = task.files[task.target];
    const { diag } = await diagnose(d, { text, path: task.target });
    const code = codeLines(diag, vocab);
    const nLines = text.split('\n').length;
    const scored = diag.lines.filter((l) => code.has(l.line));
    const model = denseScores(scored, nLines);
    const mutation = args.mutationSec > 0
      ? await fileMutation(dir, task.test_command, task.target, text, run, model, { budgetMs: args.mutationSec * 1000 })
      : null;
    const fused = await fuseFile(scored, nLines, run, task.target, ranker, mutation?.evidence);
    const plainFused = await fuseFile(scored, nLines, run, task.target, ranker);
    const lines = [...code].filter((l) => l <= nLines);
    const by = (f: (line: number) => number): Scored[] => lines.map((line) => ({ line, score: f(line) }));
    const fusedBy = new Map(fused.lines.map((l) => [l.line, l.score]));
    const plainBy = new Map(plainFused.lines.map((l) => [l.line, l.score]));
    const rankings: Record<TM, Scored[]> = {
      model: by((l) => model[l - 1]),
      ochiai: by((l) => fused.evidence[l - 1].ochiai),
      dstar: by((l) => fused.evidence[l - 1].dstar),
      metallaxis: by((l) => mutation?.evidence[l - 1].metallaxis ?? 0),
      'fused-no-mutants': by((l) => plainBy.get(l) ?? 0),
      fused: by((l) => fusedBy.get(l) ?? 0),
    };
    const ranks = {} as Record<TM, number | null>;
    const top = {} as Record<TM, [number, number, number]>;
    for (const m of TEST_METHODS) {
      const r: FaultRank | null = faultRank(rankings[m], task.fault_lines);
      ranks[m] = r ? r.avgRank : null;
      top[m] = r ? [topK(r, 1), topK(r, 3), topK(r, 5)] : [0, 0, 0];
    }
    return {
      id: task.id, status: run.status, passed: run.passed, failed: run.failed, seconds: run.seconds,
      plainSeconds: plain?.seconds, fused: fused.fused, mutantRuns: mutation?.runs.runs.length ?? 0,
      mutationSeconds: mutation?.runs.seconds ?? 0, lines: lines.length, ranks, top,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface MethodRow { top1: number; top3: number; top5: number; meanRank: number }

function summarise(results: TaskResult[]): Record<TM, MethodRow> {
  return Object.fromEntries(TEST_METHODS.map((m) => [m, {
    top1: mean(results.map((r) => r.top[m][0])),
    top3: mean(results.map((r) => r.top[m][1])),
    top5: mean(results.map((r) => r.top[m][2])),
    meanRank: mean(results.map((r) => r.ranks[m]).filter((x): x is number => x !== null)),
  }])) as Record<TM, MethodRow>;
}

export async function evalWithTests(args: TestArgs, modelPath: string, log: (s: string) => void): Promise<void> {
  const prov = provenance();
  const diagnoser = new Diagnoser({ modelPath, threads: 1 });
  const meta = (await diagnoser.scorer('python')).model.meta;
  const fusionPath = args.fusion ?? defaultFusionPath();
  const ranker = await loadFusion(fusionPath, log);
  log(`model ${meta.id}; fusion ${ranker ? ranker.meta.id : 'none (fused = model)'}`);
  const sets = [];
  for (const file of args.files) {
    const { tasks } = readTasks(file);
    const name = basename(file).replace(/\.jsonl$/, '');
    const started = Date.now();
    let done = 0;
    const results = await pool(tasks, args.parallel, async (t) => {
      const r = await evaluateTask(diagnoser, meta.vocab, t, args, ranker);
      if (++done % 10 === 0) log(`${name}: ${done}/${tasks.length}`);
      return r;
    });
    const ratios = results.filter((r) => r.plainSeconds).map((r) => r.seconds / r.plainSeconds!);
    sets.push({
      name, file, tasks: tasks.length, seconds: Math.round((Date.now() - started) / 100) / 10,
      withFailingTests: results.filter((r) => r.failed > 0).length,
      fusedTasks: results.filter((r) => r.fused).length,
      mutation: { medianRuns: median(results.map((r) => r.mutantRuns)), medianSeconds: median(results.map((r) => r.mutationSeconds)), maxSeconds: Math.max(...results.map((r) => r.mutationSeconds)) },
      summary: summarise(results),
      overhead: ratios.length ? { medianRatio: median(ratios), meanRatio: mean(ratios), maxRatio: Math.max(...ratios), tasks: ratios.length } : null,
      tasksDetail: results,
    });
  }
  const report = {
    tool: 'flare-ls eval:localize --tests', ...prov,
    model: { id: meta.id, path: modelPath }, fusion: ranker ? { id: ranker.meta.id, path: fusionPath, metrics: ranker.meta.metrics ?? null } : null,
    parallel: args.parallel, timeoutSec: args.timeoutSec, mutationSec: args.mutationSec,
    ties: 'average case: expected rank / Top-k under a random tie-break (spectrum scores tie often)',
    lines: 'the code lines of the target file, as the featurizer defines them',
    sets,
  };
  writeReport(args.out, 'localize-tests', report, markdown(report), log);
}

function markdown(r: { fusion: { id: string } | null; sets: { name: string; tasks: number; seconds: number; withFailingTests: number; fusedTasks: number; summary: Record<TM, MethodRow>; mutation?: { medianRuns: number; medianSeconds: number; maxSeconds: number }; overhead: { medianRatio: number; maxRatio: number; tasks: number } | null }[] }): string {
  const out = ['# Localization with test evidence', '', `Fusion ranker: ${r.fusion ? r.fusion.id : 'none (fused = model scores)'}.`, ''];
  for (const s of r.sets) {
    out.push(`## ${s.name} (${s.tasks} tasks, ${s.withFailingTests} with failing tests, ${s.fusedTasks} fused; ${s.seconds} s)`, '');
    out.push(table(['method', 'Top-1', 'Top-3', 'Top-5', 'mean rank'],
      TEST_METHODS.map((m) => [m, pct(s.summary[m].top1), pct(s.summary[m].top3), pct(s.summary[m].top5), num(s.summary[m].meanRank)]),
      [false, true, true, true, true]), '');
    if (s.mutation) out.push(`Mutant runs per task: median ${s.mutation.medianRuns}, median ${num(s.mutation.medianSeconds)} s, max ${num(s.mutation.maxSeconds)} s.`, '');
    if (s.overhead) out.push(`Tracer overhead (traced / plain run time, same machinery): median ${num(s.overhead.medianRatio)}x, max ${num(s.overhead.maxRatio)}x over ${s.overhead.tasks} tasks.`, '');
  }
  return `${out.join('\n')}\n`;
}
