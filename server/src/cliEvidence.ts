/**
 * `flare check --tests "CMD"`: run the project's tests once per root, traced, and fuse each file's
 * model scores with its test evidence.
 */
import { relative, resolve } from 'node:path';
import { runTraced, type TracedRun } from './diagnose/evidence.js';
import { fuseFile, type FusedFile } from './diagnose/fused.js';
import { loadFusion, type FusionRanker } from './diagnose/fusion.js';
import { InputError } from './diagnose/diagnoser.js';
import { findRoot } from './refine/cli.js';

export interface TestEvidence {
  command: string;
  root?: string;
  timeoutSec: number;
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

export async function evidenceFor(ev: TestEvidence, file: string, text: string, scored: { line: number; score: number }[]): Promise<{ fused: FusedFile; run: TracedRun }> {
  const { root, run } = await runFor(ev, file);
  const rel = relative(root, resolve(file));
  if (rel.startsWith('..')) throw new InputError(`${file} is not inside the test root ${root}`);
  ev.ranker ??= await loadFusion(undefined, say);
  const fused = await fuseFile(scored, text.split('\n').length, run, rel, ev.ranker);
  return { fused, run };
}
