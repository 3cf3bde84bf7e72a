/**
 * `npm run bench [-- --runs 30 --cli-runs 10 --out bench/results --skip-lsp --skip-refine --refine-limit N]`: scoring speed with the model loaded
 * once (150- and 1,000-line files built from stdlib functions; full scoring and after a one-line edit;
 * one intra-op thread and onnxruntime's default), the CLI's cold start, and the optional LSP and
 * refinement benchmarks when their compiled modules exist. Medians and ratios, and each median
 * against issue #2's targets (reported, never a failure). Writes <out>/speed.json and <out>/speed.md,
 * and the optional benchmarks' <out>/lsp.json and <out>/refine.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Diagnoser } from '../server/src/diagnose/diagnoser.js';
import { defaultModelPath, packageRoot } from '../server/src/diagnose/model.js';
import { initPython, parsePython } from '../server/src/language/python.js';
import { modelFingerprint, provenance, writeReport } from './provenance.js';
import { speedMarkdown, speedTargets, type OptionalResult, type ScoringRow, type SpeedReport } from './speed-report.js';
import { STDLIB, editOneLine, stdlibFile } from './speed-files.js';
import { summarizeTimes, type Timing } from './timing.js';

interface Args { runs: number; cliRuns: number; out: string; model?: string; lsp: boolean; refine: boolean; refineLimit?: number }

function parseArgs(argv: string[]): Args {
  const a: Args = { runs: 30, cliRuns: 10, out: 'bench/results', lsp: true, refine: true };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === '--skip-lsp') { a.lsp = false; continue; }
    if (x === '--skip-refine') { a.refine = false; continue; }
    const v = argv[++i];
    if (v === undefined) throw new Error(`${x} needs a value`);
    if (x === '--runs') a.runs = Number(v);
    else if (x === '--cli-runs') a.cliRuns = Number(v);
    else if (x === '--out') a.out = v;
    else if (x === '--model') a.model = v;
    else if (x === '--refine-limit') a.refineLimit = Number(v);
    else throw new Error(`unknown option ${x}`);
  }
  if (!(a.runs >= 1 && a.cliRuns >= 1)) throw new Error('--runs and --cli-runs need numbers >= 1');
  if (a.refineLimit !== undefined && !(a.refineLimit >= 1)) throw new Error('--refine-limit needs a number >= 1');
  return a;
}

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

/** onnxruntime intra-op thread settings measured: 1, and 0 = onnxruntime's default (one per core). */
const THREADS = [1, 0];

interface Config {
  file: { name: string; text: string };
  threads: number;
  tokens: number;
  full: number[];
  edit: number[];
  encoded: number;
  edits: string[];
  d: Diagnoser;
}

/**
 * Every (file, threads) setting, full and edit, measured round-robin: one run of each per round, so
 * that load from other processes on a shared machine spreads over all settings alike.
 */
async function scoring(files: { name: string; text: string }[], modelPath: string, runs: number): Promise<{ rows: ScoringRow[]; parse: ({ file: string } & Timing)[]; modelId: string; graphs: string[] }> {
  const warmup = 2;
  const configs: Config[] = [];
  const diagnosers: Diagnoser[] = [];
  for (const threads of THREADS) {
    const d = new Diagnoser({ modelPath, threads });
    diagnosers.push(d);
    for (const file of files) {
      // Each edit renames a different identifier on the same line: one cache miss (one window) per call.
      const edits = Array.from({ length: runs + warmup }, (_, i) => editOneLine(file.text, i - warmup).text);
      configs.push({ file, threads, tokens: parsePython(file.text).tokens.length, full: [], edit: [], encoded: 0, edits, d });
    }
  }
  const meta = (await diagnosers[0].scorer('python')).model.meta;
  const modelId = meta.id;
  for (const c of configs) await c.d.diagnose(c.file.text, 'x.py'); // prime the window caches
  const parseMs = files.map(() => [] as number[]);
  for (let r = -warmup; r < runs; r++) {
    if (r === 0) log(`${configs.length} settings x (full + edit), ${runs} rounds`);
    files.forEach((f, i) => {
      const t = performance.now();
      parsePython(f.text);
      if (r >= 0) parseMs[i].push(performance.now() - t);
    });
    for (const c of configs) {
      let t = performance.now();
      await c.d.diagnose(c.file.text, 'x.py', { useCache: false });
      const full = performance.now() - t;
      t = performance.now();
      const e = await c.d.diagnose(c.edits[r + warmup], 'x.py');
      const edit = performance.now() - t;
      if (r < 0) continue;
      c.full.push(full);
      c.edit.push(edit);
      c.encoded += e.encoded;
    }
  }
  for (const d of diagnosers) await (await d.scorer('python')).model.release();
  const rows = configs.map((c) => ({
    file: c.file.name, threads: c.threads, tokens: c.tokens,
    full: summarizeTimes(c.full), edit: summarizeTimes(c.edit), windowsPerEdit: c.encoded / runs,
  }));
  const parse = files.map((f, i) => ({ file: f.name, ...summarizeTimes(parseMs[i]) }));
  return { rows, parse, modelId, graphs: [meta.encoder, meta.head] };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const prov = provenance();
  const load = loadavg();
  await initPython();
  const modelPath = resolve(args.model ?? defaultModelPath('python'));
  const files = [150, 1000].map((n) => ({ name: `${n} lines`, lines: n, text: stdlibFile(n) }));
  mkdirSync('bench/tmp', { recursive: true });
  const small = resolve('bench/tmp/speed-150.py');
  writeFileSync(small, files[0].text);
  writeFileSync('bench/tmp/speed-1000.py', files[1].text);

  const { rows, parse, modelId, graphs } = await scoring(files, modelPath, args.runs);

  log(`CLI cold start x${args.cliRuns}`);
  const cli = coldStart(small, args.model, args.cliRuns);

  // Optional benchmarks owned elsewhere: the language server (bench/lsp.ts) and test-driven
  // refinement (bench/refine.ts; slow: it repairs every QuixBugs task, --refine-limit N takes the first N).
  // Their result files go into the same --out folder as speed.json (a partial refinement run writes none).
  const outDir = resolve(args.out);
  const lsp = args.lsp ? await optional('lsp.js', 'runLspBench', { out: outDir }) : skipped('--skip-lsp');
  const refineOptions = args.refineLimit ? { limit: args.refineLimit, out: null } : { out: join(outDir, 'refine.json') };
  const refine = args.refine ? await optional('refine.js', 'runRefineBench', refineOptions) : skipped('--skip-refine');

  const report: SpeedReport = {
    tool: 'flare-ls bench', ...prov, loadAverageAtStart: load.map((x) => Math.round(x * 100) / 100),
    model: { id: modelId, path: modelPath, sha256: modelFingerprint(modelPath, graphs) },
    inputs: files.map((f) => ({ name: f.name, lines: f.lines, tokens: parsePython(f.text).tokens.length, source: `functions from ${STDLIB}/*.py` })),
    parse, scoring: rows, cliColdStart: cli, targets: speedTargets({ scoring: rows, cliColdStart: cli }), lsp, refine,
  };
  writeReport(args.out, 'speed', report, speedMarkdown(report), log);
}

/** Wall time of `node bin/flare.js check --json FILE` (one untimed run first to warm the disk cache). */
function coldStart(file: string, model: string | undefined, runs: number) {
  const bin = join(packageRoot(), 'bin', 'flare.js');
  const argv = [bin, 'check', '--json', ...(model ? ['--model', model] : []), file];
  const ms: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, argv, { encoding: 'utf8' });
    const dt = performance.now() - t;
    if (r.status !== 0) throw new Error(`flare check failed (${r.status}): ${r.stderr}`);
    if (i > 0) ms.push(dt);
  }
  return { command: `node bin/flare.js check --json ${file.replace(`${process.cwd()}/`, '')}`, ...summarizeTimes(ms) };
}

function skipped(flag: string): OptionalResult {
  return { status: 'skipped', reason: `${flag} given` };
}

/** Run another helper's benchmark if its compiled module exists next to this one; skip it otherwise. */
async function optional(file: string, fn: string, options?: object): Promise<OptionalResult> {
  const url = new URL(`./${file}`, import.meta.url);
  if (!existsSync(url)) return { status: 'skipped', reason: `dist/bench/${file} not built` };
  try {
    const mod = (await import(pathToFileURL(url.pathname).href)) as Record<string, unknown>;
    const run = mod[fn];
    if (typeof run !== 'function') return { status: 'skipped', reason: `dist/bench/${file} does not export ${fn}()` };
    log(`running ${fn}()`);
    const t = performance.now();
    const result = await (run as (o?: object) => Promise<unknown>)(options);
    return { status: 'ok', seconds: Math.round((performance.now() - t) / 100) / 10, result };
  } catch (e) {
    return { status: 'failed', reason: e instanceof Error ? e.message : String(e) };
  }
}

main().catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
