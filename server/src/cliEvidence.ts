/**
 * `flare check --tests "CMD"`: run the project's tests once per root, traced, and fuse each file's
 * model scores with its test evidence; with failing tests, small changes to the lines they ran are
 * tried too (mutation evidence, within a time budget per file).
 */
import { relative, resolve } from 'node:path';
import { runTraced, type TracedRun } from './diagnose/evidence.js';
import { denseScores, fuseFile, type FusedFile } from './diagnose/fused.js';
import { fileMutation, mutantTimeoutMs, type FileMutation } from './diagnose/mutation.js';
import { loadFusion, warnUnpaired, type FusionRanker } from './diagnose/fusion.js';
import { InputError } from './diagnose/diagnoser.js';
import { findRoot } from './refine/cli.js';

export interface TestEvidence {
  command: string;
  root?: string;
  timeoutSec: number;
  /** Time budget for mutant runs per file, seconds (0 = none). */
  mutationSec: number;
  /** Mutant runs at the same time (default 1). */
  parallel?: number;
  runs: Map<string, TracedRun>;
  ranker?: FusionRanker | null;
}

const say = (s: string) => process.stderr.write(`flare: ${s}\n`);

/** The traced run for the root of `file` (run once per root). */
async function runFor(ev: TestEvidence, file: string): Promise<{ root: string; run: TracedRun }> {
  const root = ev.root ? resolve(ev.root) : findRoot(file);
  let run = ev.runs.get(root);
  if (!run) {
    run = await runTraced(root, ev.command || undefined, { timeoutMs: ev.timeoutSec * 1000 });
    ev.runs.set(root, run);
    say(`tests in ${root}: ${run.passed} passed, ${run.failed} failed in ${run.seconds.toFixed(1)} s (${run.status})`);
    for (const n of run.notes) say(n);
    if (run.status === 'cannot-start' || run.status === 'no-tests') {
      throw new InputError(`the tests ${run.status === 'no-tests' ? 'found nothing to run' : 'could not start'} in ${root} (--tests "${ev.command}")`);
    }
  }
  return { root, run };
}

export async function evidenceFor(
  ev: TestEvidence, file: string, text: string, scored: { line: number; score: number }[], modelId?: string,
): Promise<{ fused: FusedFile; run: TracedRun; mutation: FileMutation | null }> {
  const { root, run } = await runFor(ev, file);
  const rel = relative(root, resolve(file));
  if (rel.startsWith('..')) throw new InputError(`${file} is not inside the test root ${root}`);
  ev.ranker ??= await loadFusion(undefined, say);
  warnUnpaired(ev.ranker, modelId, say);
  const nLines = text.split('\n').length;
  let mutation: FileMutation | null = null;
  if (ev.mutationSec > 0) {
    mutation = await fileMutation(root, ev.command || undefined, rel, text, run, denseScores(scored, nLines), {
      budgetMs: ev.mutationSec * 1000, runTimeoutMs: mutantTimeoutMs(run.seconds, ev.timeoutSec * 1000), parallel: ev.parallel,
    });
    if (mutation) {
      const m = mutation.runs;
      const cut = m.complete ? '' : m.runs.length < m.planned ? ' (cut by --mutation)' : ` (${m.changes} changes, ${m.planned} runs at most)`;
      say(`${file}: ${m.runs.length} mutant runs on ${m.lines.length} lines in ${m.seconds.toFixed(1)} s${cut}`);
    }
  }
  const fused = await fuseFile(scored, nLines, run, rel, ev.ranker, mutation?.evidence);
  return { fused, run, mutation };
}
