/**
 * `npm run eval:localize -- <benchmark.jsonl>... [--synthetic] [--out bench/results]`
 *   [--model PATH] [--synthetic-limit N] [--target-fpr 0.1] [--data models/data] [--invariance N]
 *
 * Line-level bug localization of the Python model against two baselines (random ranking and a token
 * trigram naturalness model) on benchmark files and, with --synthetic, on the held-out synthetic
 * split, where it also picks the line threshold that keeps false alarms on clean files in bounds and
 * checks context invariance on the first N buggy samples (default 500, 0 skips; bench/invariance.ts).
 * Writes <out>/localize.json and <out>/localize.md and prints the tables.
 * With --tests [--parallel N] [--overhead] [--fusion PATH] [--timeout SEC] [--mutation SEC]: localization with test
 * evidence instead (bench/localize-tests.ts).
 */
import { join, resolve } from 'node:path';
import { Diagnoser } from '../server/src/diagnose/diagnoser.js';
import type { Vocab } from '../server/src/diagnose/featurizer.js';
import { defaultModelPath } from '../server/src/diagnose/model.js';
import { initPython } from '../server/src/language/python.js';
import { OPERATORS } from '../server/src/mutate/apply.js';
import { DEFAULT_ROOTS, collectUnits, isValidationPackage, type Unit } from '../models/gen/corpus.js';
import { collectContext } from '../models/gen/context.js';
import { contextInvariance } from './invariance.js';
import { byGroup, evaluateCase, falseAlarms, summarize, weightedTopK, type CaseResult } from './evaluate.js';
import { pickThreshold, quantile } from './metrics.js';
import { loadOrTrainNgram } from './naturalness.js';
import type { TrigramModel } from './ngram.js';
import { modelFingerprint, provenance, writeReport } from './provenance.js';
import { localizeMarkdown, type LocalizeReport, type SetReport, type SyntheticReport } from './localize-report.js';
import { readSynthetic, recipeMismatch, regenerateSynthetic } from './synthetic.js';
import { loadBenchmark, syntheticCases, type EvalCase } from './tasks.js';
import { evalWithTests } from './localize-tests.js';
import { byLength, pickByLength, toLineThresholds } from './length-thresholds.js';
import type { LineThresholds } from '../server/src/diagnose/threshold.js';

const THRESHOLDS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9];

interface Args {
  files: string[];
  tests: boolean;
  parallel: number;
  overhead: boolean;
  fusion?: string;
  timeoutSec: number;
  mutationSec: number;
  synthetic: boolean;
  out: string;
  model?: string;
  limit: number;
  targetFpr: number;
  data: string;
  invariance: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { files: [], tests: false, parallel: 2, overhead: false, timeoutSec: 300, mutationSec: 60, synthetic: false, out: 'bench/results', limit: Infinity, targetFpr: 0.1, data: 'models/data', invariance: 500 };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${x} needs a value`);
      return v;
    };
    if (x === '--synthetic') a.synthetic = true;
    else if (x === '--tests') a.tests = true;
    else if (x === '--parallel') a.parallel = Number(value());
    else if (x === '--overhead') a.overhead = true;
    else if (x === '--fusion') a.fusion = value();
    else if (x === '--timeout') a.timeoutSec = Number(value());
    else if (x === '--mutation') a.mutationSec = Number(value());
    else if (x === '--out') a.out = value();
    else if (x === '--model') a.model = value();
    else if (x === '--synthetic-limit') a.limit = Number(value());
    else if (x === '--target-fpr') a.targetFpr = Number(value());
    else if (x === '--data') a.data = value();
    else if (x === '--invariance') a.invariance = Number(value());
    else if (x.startsWith('--')) throw new Error(`unknown option ${x}`);
    else a.files.push(x);
  }
  if (!a.files.length && !a.synthetic) throw new Error('give benchmark JSONL files and/or --synthetic');
  if (!(a.invariance >= 0)) throw new Error('--invariance needs a count (0 skips the check)');
  if (!(a.limit > 0)) throw new Error('--synthetic-limit needs a positive number');
  if (!(a.targetFpr > 0 && a.targetFpr < 1)) throw new Error('--target-fpr needs a number in (0, 1)');
  return a;
}

const t0 = Date.now();
const log = (s: string) => process.stderr.write(`[localize ${((Date.now() - t0) / 1000).toFixed(0)}s] ${s}\n`);

async function evaluateAll(d: Diagnoser, vocab: Vocab, ngram: TrigramModel, cases: EvalCase[], label: string): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const c of cases) {
    out.push(await evaluateCase(d, vocab, ngram, c));
    if (out.length % 500 === 0) log(`${label}: ${out.length}/${cases.length}`);
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.tests) {
    if (!args.files.length) throw new Error('--tests needs benchmark JSONL files');
    await initPython();
    await evalWithTests(args, resolve(args.model ?? defaultModelPath('python')), log);
    return;
  }
  const prov = provenance();
  await initPython();
  let units: Unit[] | undefined;
  const getUnits = () => {
    if (!units) {
      log('collecting the corpus (collectUnits)');
      units = collectUnits(DEFAULT_ROOTS);
      log(`${units.length} units`);
    }
    return units;
  };

  const { model: ngram, info: ngramInfo } = loadOrTrainNgram(getUnits, 'bench/tmp', log);
  log(`trigram baseline: ${ngramInfo.vocab} keys, ${ngramInfo.trigramTypes} trigram types (${ngramInfo.fromCache ? 'cached' : 'trained'}, ${ngramInfo.seconds}s)`);

  const modelPath = resolve(args.model ?? defaultModelPath('python'));
  const diagnoser = new Diagnoser({ modelPath, threads: 1 });
  const meta = (await diagnoser.scorer('python')).model.meta;
  log(`model ${meta.id}`);

  let synthetic: SyntheticReport | undefined;
  let byLines: LineThresholds | undefined;
  if (args.synthetic) {
    const why = recipeMismatch(args.data);
    const samples = why ? regenerateSynthetic(getUnits(), args.limit) : readSynthetic(args.data, args.limit);
    const source = why ? `regenerated (seed 1, validation packages; ${why})` : `${join(args.data, 'val.jsonl')}`;
    log(`synthetic: ${samples.length} samples, ${source}`);
    const score = (cases: EvalCase[], label: string) => evaluateAll(diagnoser, meta.vocab, ngram, cases, label);
    const results = await score(syntheticCases(samples), 'synthetic');
    const cleanMax = results.filter((r) => r.clean).map((r) => r.maxScore);
    const pick = cleanMax.length ? pickThreshold(cleanMax, args.targetFpr) : undefined;
    const qs = [0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1];
    const byOp = byGroup(results);
    synthetic = {
      source,
      samples: samples.length,
      summary: summarize(results),
      byOp,
      tableMix: weightedTopK(byOp, Object.fromEntries(OPERATORS.map((o) => [o.name, o.weight]))),
      cleanMaxScore: Object.fromEntries(qs.map((q) => [`p${Math.round(q * 100)}`, quantile(cleanMax, q)])),
      threshold: pick,
      falseAlarms: falseAlarms(results, [...THRESHOLDS, ...(pick ? [pick.threshold] : [])].sort((a, b) => a - b)),
    };
    if (pick) {
      const picks = pickByLength(results, args.targetFpr);
      byLines = toLineThresholds(pick.threshold, picks);
      synthetic.byLength = { picks, ...byLength(results, byLines) };
    }
    if (args.invariance > 0) {
      const pool = collectContext(getUnits().filter((u) => isValidationPackage(u.pkg)).map((u) => u.file));
      log(`invariance: ${pool.doc.length} docstrings, ${pool.imports.length} import runs, ${pool.main.length} main blocks from validation packages`);
      synthetic.invariance = await contextInvariance(score, samples, pool, args.invariance);
    }
  }
  const recommended = synthetic?.threshold?.threshold;

  const sets: SetReport[] = [];
  for (const file of args.files) {
    const set = loadBenchmark(file);
    log(`${set.name}: ${set.tasks} Python tasks${set.skipped ? ` (${set.skipped} of other languages skipped)` : ''}`);
    const results = await evaluateAll(diagnoser, meta.vocab, ngram, set.cases, set.name);
    const fixedOf = new Map(results.filter((r) => r.clean).map((r) => [r.id, r]));
    sets.push({
      name: set.name,
      file,
      tasks: set.tasks,
      summary: summarize(results),
      falseAlarms: falseAlarms(results, [...new Set([...THRESHOLDS, ...(recommended ? [recommended] : [])])].sort((a, b) => a - b)),
      tasksDetail: results.filter((r) => !r.clean).map((r) => ({
        id: r.id, lines: r.n,
        model: r.ranks.model?.avgRank ?? null, ngram: r.ranks.ngram?.avgRank ?? null, random: r.ranks.random?.avgRank ?? null,
        noBugBuggy: round(r.noBug), noBugFixed: round(fixedOf.get(r.id)?.noBug ?? NaN),
      })),
      byLength: byLines && byLength(results, byLines),
    });
  }

  const report: LocalizeReport = {
    tool: 'flare-ls eval:localize',
    ...prov,
    model: { id: meta.id, path: modelPath, sha256: modelFingerprint(modelPath, [meta.encoder, meta.head]) },
    baselines: {
      random: 'uniformly random order of the same lines; Top-k and rank are exact expectations',
      ngram: {
        description: 'token trigram, interpolated Kneser-Ney (D = 0.75), over the featurizer token keys plus a depth marker per line; trained on collectUnits(DEFAULT_ROOTS) minus validation packages; line score = max token surprisal (bits)',
        ...ngramInfo,
      },
    },
    ties: 'average case: expected rank / Top-k under a random tie-break',
    synthetic,
    recommendedThreshold: synthetic?.threshold
      ? {
        value: synthetic.threshold.threshold, cleanFlagged: synthetic.threshold.share, target: args.targetFpr, from: 'synthetic clean samples',
        byLines: byLines?.byLines,
      }
      : null,
    sets,
  };
  writeReport(args.out, 'localize', report, localizeMarkdown(report), log);
}

function round(x: number): number | null {
  return Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : null;
}

main().catch((e) => {
  process.stderr.write(`eval:localize: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
