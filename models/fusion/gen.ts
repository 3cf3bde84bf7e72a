/**
 * Training data for the fusion ranker from executed mutants. Usage (after `npm run build`): USAGE below,
 * or `node dist/models/fusion/gen.js --help`.
 * For each corpus program: up to N distinct mutants from the project's mutation operators (seeded),
 * each run traced against the program's tests (runTraced); mutants that make a test fail are kept.
 * Per kept mutant, every line gets a row of FUSION_FEATURES (the shipped model's scores + the test
 * evidence, computed by the runtime's own functions) and a label (1 = a mutated line), once per view of
 * the run's tests (testViews), each without and with mutation evidence (mutants of the mutant, run by
 * the runtime's fileMutation). Writes
 * train.jsonl / val.jsonl (split by program) and meta.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initPython } from '../../server/src/language/python.js';
import { Diagnoser } from '../../server/src/diagnose/diagnoser.js';
import {
  FUSION_FEATURES, FUSION_FEATURE_VERSION, fusionFeatures, isFailing, lineEvidence, runTraced, type TraceTest,
} from '../../server/src/diagnose/evidence.js';
import { denseScores } from '../../server/src/diagnose/fused.js';
import {
  MUTANTS_PER_LINE, MUTATION_BUDGET_MS, MUTATION_MAX_RUNS, fileMutation, mutationEvidence, resultsOf, type LineMutation,
} from '../../server/src/diagnose/mutation.js';
import { fnv1a } from '../../server/src/diagnose/featurizer.js';
import { defaultModelPath, readMetaFile } from '../../server/src/diagnose/model.js';
import { injectBug } from '../gen/samples.js';
import { arg, checkOptions, countArg } from '../gen/args.js';
import { pool } from '../gen/pool.js';
import { Rng } from '../gen/rng.js';
import { listPrograms, programsDir, validationPrograms, type Program } from './corpus.js';

export interface GenOptions {
  out: string;
  seed: number;
  mutants: number;
  /** Run only mutants with this index or later (a folder made with --from N adds to one made with --mutants N). */
  from?: number;
  programs?: string[];
  jobs: number;
  timeoutSec: number;
  /** Mutant runs per kept mutant for the mutation evidence (0 = none). */
  mutationRuns: number;
  /** Template changes per line for the mutation evidence (default MUTANTS_PER_LINE, as the runtime). */
  perLine?: number;
  command: string;
  /** The interpreter the tests run with (skips probing it on every run). */
  python?: string;
  /** Line model metadata whose scores fill the model features (default: the shipped model). */
  model?: string;
  /** The corpus folder (default models/fusion/programs); the held-out split is computed over its programs. */
  dir?: string;
  log?: (msg: string) => void;
}

export interface Mutant {
  index: number;
  op: string;
  text: string;
  /** 1-based mutated lines. */
  lines: number[];
}

export interface Row {
  program: string;
  mutant: number;
  op: string;
  /** Which view of the run's tests the evidence comes from (see testViews). */
  view: string;
  line: number;
  features: number[];
  label: 0 | 1;
}

/** Up to `n` distinct mutants of `p`, reproducible from the seed and the program's name. */
export function mutantsOf(p: Program, n: number, seed: number): Mutant[] {
  const rng = new Rng((seed * 0x9e3779b1) ^ fnv1a(p.name));
  const seen = new Set<string>([p.source]);
  const out: Mutant[] = [];
  for (let attempt = 0; attempt < n * 4 && out.length < n; attempt++) {
    const bug = injectBug(p.source, rng);
    if (!bug || seen.has(bug.text)) continue;
    seen.add(bug.text);
    out.push({ index: out.length, op: bug.op, text: bug.text, lines: bug.lines.map((l) => l + 1) });
  }
  return out;
}

/** All tests' lines and frames as one test (suites that check everything in one test function). */
export function mergeTests(tests: TraceTest[]): TraceTest {
  const lines: Record<string, Set<number>> = {};
  for (const t of tests) for (const [f, ls] of Object.entries(t.lines)) for (const l of ls) (lines[f] ??= new Set()).add(l);
  const failing = tests.find(isFailing);
  return {
    id: 'merged', outcome: failing ? failing.outcome : 'pass', exception: failing?.exception ?? null, frames: failing?.frames ?? [],
    lines: Object.fromEntries(Object.entries(lines).map(([f, s]) => [f, [...s].sort((a, b) => a - b)])),
  };
}

/**
 * Views of one run's tests, so the ranker also learns from thinner evidence than our thorough suites
 * give: every test ('all'), all tests merged into one ('one'), and a random half that keeps a failing
 * test ('half'). Views identical to 'all' are left out.
 */
export function testViews(tests: TraceTest[], rng: Rng): { view: string; tests: TraceTest[] }[] {
  const out = [{ view: 'all', tests }];
  if (tests.length > 1) out.push({ view: 'one', tests: [mergeTests(tests)] });
  const half = tests.filter(() => rng.chance(0.5));
  if (!half.some(isFailing)) half.push(rng.pick(tests.filter(isFailing)));
  if (half.length < tests.length) out.push({ view: 'half', tests: half });
  return out;
}

type Outcome = { kind: 'kept'; rows: Row[] } | { kind: 'survived' | 'no-trace' | 'label-not-code' };

/** Run one mutant traced; rows when a test fails and a mutated line is a scored code line. */
export async function rowsFor(p: Program, m: Mutant, diagnoser: Diagnoser, opts: GenOptions): Promise<Outcome> {
  const run = await runTraced(p.dir, opts.command, {
    file: { path: p.file, text: m.text }, timeoutMs: opts.timeoutSec * 1000, python: opts.python,
  });
  if (!run.tests.length) return { kind: 'no-trace' };
  if (run.failed === 0) return { kind: 'survived' };
  const nLines = m.text.split('\n').length;
  const diagnosis = await diagnoser.diagnose(m.text, p.file);
  const model = denseScores(diagnosis.lines, nLines);
  if (!m.lines.some((l) => model[l - 1] > 0)) return { kind: 'label-not-code' };
  const labels = new Set(m.lines);
  const rng = new Rng((opts.seed * 0x85ebca6b) ^ fnv1a(`${p.name}#${m.index}`));
  const mutation = opts.mutationRuns > 0
    ? await fileMutation(p.dir, opts.command, p.file, m.text, run, model, { python: opts.python, maxRuns: opts.mutationRuns, perLine: opts.perLine })
    : null;
  const rows: Row[] = [];
  const add = (view: string, tests: TraceTest[], mut?: LineMutation[]) => {
    fusionFeatures(model, lineEvidence({ tests }, p.file, nLines), undefined, mut).forEach((f, i) => rows.push({
      program: p.name, mutant: m.index, op: m.op, view, line: i + 1, features: f, label: labels.has(i + 1) ? 1 : 0,
    }));
  };
  for (const { view, tests } of testViews(run.tests, rng)) {
    add(view, tests);
    if (!mutation) continue;
    const base = resultsOf(tests, p.file);
    add(`${view}+mut`, tests, mutationEvidence(base, mutation.runs.runs, nLines, view === 'one'));
    if (view !== 'all' || mutation.runs.lines.length < 2) continue;
    // A run cut short by its time budget: only the first lines got their mutants.
    const keep = new Set(mutation.runs.lines.slice(0, 1 + rng.int(mutation.runs.lines.length - 1)));
    add('all+cut', tests, mutationEvidence(base, mutation.runs.runs.filter((r) => keep.has(r.line)), nLines));
  }
  return { kind: 'kept', rows };
}

export async function generate(opts: GenOptions): Promise<Record<string, unknown>> {
  await initPython();
  const log = opts.log ?? (() => undefined);
  const corpusDir = opts.dir ?? programsDir();
  const all = listPrograms(corpusDir);
  const val = validationPrograms(all.map((p) => p.name), opts.seed);
  const chosen = opts.programs?.length ? all.filter((p) => opts.programs!.includes(p.name)) : all;
  if (!chosen.length) throw new Error(`no programs matched ${opts.programs?.join(',')}`);
  // Read the line model first, so a wrong --model fails before any test runs.
  const lineModel = readMetaFile<{ id?: string }>(opts.model ?? defaultModelPath(), { file: 'line model', meta: 'line model metadata' }, Error);
  mkdirSync(opts.out, { recursive: true });
  const diagnoser = new Diagnoser({ modelPath: lineModel.path });
  const counts: Record<string, number> = { mutants: 0, kept: 0, survived: 0, 'no-trace': 0, 'label-not-code': 0 };
  const files = { train: [] as string[], val: [] as string[] };
  const perSplit = { train: { programs: 0, mutants: 0 }, val: { programs: 0, mutants: 0 } };
  const t0 = Date.now();
  for (const p of chosen) {
    const split = val.has(p.name) ? 'val' : 'train';
    const mutants = mutantsOf(p, opts.mutants, opts.seed).filter((m) => m.index >= (opts.from ?? 0));
    const outcomes = await pool(mutants, opts.jobs, (m) => rowsFor(p, m, diagnoser, opts));
    let kept = 0;
    for (const o of outcomes) {
      counts[o.kind]++;
      if (o.kind !== 'kept') continue;
      kept++;
      for (const r of o.rows) files[split].push(JSON.stringify(r));
    }
    counts.mutants += mutants.length;
    perSplit[split].programs++;
    perSplit[split].mutants += kept;
    log(`${p.name} (${split}): ${kept}/${mutants.length} mutants kept`);
  }
  for (const s of ['train', 'val'] as const) writeFileSync(join(opts.out, `${s}.jsonl`), files[s].join('\n') + (files[s].length ? '\n' : ''));
  const meta = {
    featureVersion: FUSION_FEATURE_VERSION, features: [...FUSION_FEATURES], seed: opts.seed,
    recipe: {
      corpus: `${corpusDir} (own small programs + unittest suites)`, mutantsPerProgram: opts.mutants, fromMutant: opts.from ?? 0,
      operators: 'server/src/mutate OPERATORS by weight (injectBug)', command: opts.command, timeoutSec: opts.timeoutSec,
      kept: 'mutants with at least one failing or erroring test whose mutated lines include a scored code line',
      labels: 'mutated lines (applyChange labels, 1-based)',
      views: "per kept mutant: all tests, all tests merged into one, a random half keeping a failing test (testViews); each without and with (+mut) mutation evidence, and 'all+cut' with the mutants of a random prefix of the lines only",
      mutation: `fileMutation: up to ${opts.perLine ?? MUTANTS_PER_LINE} template changes per line executed by a failing test, ${opts.mutationRuns} runs at most, ${MUTATION_BUDGET_MS / 1000} s`, model: `${lineModel.meta.id ?? '?'} (${lineModel.path})`, modelId: lineModel.meta.id ?? null,
      split: 'by program, 25% held out (validationPrograms, seeded)',
    },
    counts, splits: perSplit, validationPrograms: [...val].sort(), seconds: Math.round((Date.now() - t0) / 1000),
  };
  writeFileSync(join(opts.out, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
  return meta;
}

/** The interpreter behind `python3` on PATH (pyenv's shim costs a second or more per start). */
export function resolvePython(name = 'python3'): string {
  return execFileSync(name, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
}

const USAGE = `usage: node dist/models/fusion/gen.js [--out DIR] [--mutants N] [--from N] [--programs a,b] [--seed N]
  [--jobs N] [--timeout SEC] [--per-line N] [--mutation-runs N] [--command CMD] [--python PATH] [--model META.json]
  [--programs-dir DIR]
Runs mutants of models/fusion/programs (or --programs-dir DIR) with their tests and writes the ranker's rows (see models/fusion/README.md).`;

async function main(): Promise<void> {
  checkOptions(USAGE);
  const programs = arg('programs', '');
  const python = resolvePython(arg('python', 'python3'));
  const meta = await generate({
    out: arg('out', 'models/data/fusion'), seed: Number(arg('seed', '1')), mutants: countArg('mutants', 30),
    from: countArg('from', 0),
    programs: programs ? programs.split(',') : undefined, jobs: Number(arg('jobs', '2')),
    timeoutSec: Number(arg('timeout', '5')), mutationRuns: Number(arg('mutation-runs', String(MUTATION_MAX_RUNS))),
    perLine: countArg('per-line', MUTANTS_PER_LINE), command: arg('command', `${python} -m unittest`), python,
    model: arg('model', '') || undefined, dir: arg('programs-dir', '') || undefined,
    log: (m) => process.stderr.write(`${m}\n`),
  });
  process.stderr.write(`${JSON.stringify(meta.counts)} in ${meta.seconds} s\n`);
}

if (process.argv[1]?.endsWith('gen.js')) {
  main().catch((e) => { process.stderr.write(`fusion gen: ${(e as Error).message}\n`); process.exit(1); });
}
