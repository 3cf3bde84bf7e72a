/**
 * The refinement engine: run the project's tests on the original, localize (model scores + failing
 * tracebacks → regions), generate candidates, test them in parallel scratch copies, keep the best,
 * and go another round from an improved version. Free of LSP types: the language server and the CLI
 * call `refine()` the same way.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { Diagnoser } from '../diagnose/diagnoser.js';
import { Scratch, ScratchError } from '../exec/scratch.js';
import { languageFor } from '../language/index.js';
import { TestSetupError, closePlan, planTests, reportTotal, runTests, type TestPlan, type TestReport } from '../exec/tests.js';
import type { Candidate } from './candidate.js';
import { Clock, type Timings } from './clock.js';
import { unifiedDiff } from './diff.js';
import { evidenceScores, propagateToHeaders } from './evidence.js';
import { installTracer, readTrace, type TraceMatrix } from '../exec/trace.js';
import { RunLimits } from './limits.js';
import { OllamaError, OllamaGenerator, checkOllama } from './generators/ollama.js';
import { TemplateGenerator } from './generators/templates.js';
import type { CandidateGenerator, GenerationInput } from './generators/types.js';
import type { ProgressListener, RefinePhase } from './progress.js';
import { topRegions, type LineScoreLike, type Region } from './regions.js';
import { type Evaluated, best, passesAll } from './select.js';
import { resolveSettings, testRunOptions, type RefineSettings } from './settings.js';

export interface RefineRequest {
  /** Project root: tests run from (a copy of) this folder. */
  root: string;
  /** The file to repair, absolute or relative to the root. */
  file: string;
  /** Its current text (an editor's unsaved buffer); read from disk when absent. */
  text?: string;
  /** The `flare` settings section (nested or dotted keys); missing keys take their defaults. */
  settings?: unknown;
  /**
   * A loaded diagnoser to reuse, or anything that scores lines the same way (the language server
   * passes its scoring worker); one is made when absent.
   */
  diagnoser?: LineScorer;
  /**
   * What regions are chosen by: `fused` (default) traces the original's test run and fuses the
   * model's scores with that evidence (learned ranker; without one, the model's scores plus a
   * traceback bonus); `model` runs the original's tests plainly and uses model scores + traceback bonus.
   */
  scores?: 'model' | 'fused';
}

/** What localization needs from a Diagnoser: per-line scores (1-based lines) of a text. */
export interface LineScorer {
  diagnose(text: string, languageOrPath: string): Promise<{ model?: string; lines: { line: number; score: number }[] }>;
}

export interface RefineHooks {
  /** Cancels the job: test process groups are killed, model requests aborted, scratch folders removed. */
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /** Diagnostic log lines (what was tried, why something was dropped). */
  log?: (line: string) => void;
  /** Environment for test runs and OLLAMA_HOST (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export type RefineStatus = 'fixed' | 'improved' | 'unchanged' | 'error';

export interface TestCounts {
  passed: number;
  failed: number;
}

export interface RefineResult {
  status: RefineStatus;
  before: TestCounts;
  after: TestCounts;
  /** Candidates whose tests ran to the end. */
  candidates: number;
  rounds: number;
  seconds: number;
  /** Unified diff of the original against `source` (empty when unchanged). */
  diff: string;
  /** The new text of the file (the original when nothing better was found). */
  source: string;
  message: string;
  timings: Timings;
  /** The file, relative to the root. */
  file: string;
  /** The change that was kept, when there is one. */
  fix?: { generator: string; op: string; description: string; startLine: number; endLine: number };
  /** Settings that were ignored, and similar notes. */
  warnings: string[];
}

/** Thrown by `refine()` when its signal aborts; everything it started has been stopped and removed. */
export class RefineCancelled extends Error {
  constructor() {
    super('refinement cancelled');
    this.name = 'AbortError';
  }
}

interface Version {
  text: string;
  report: TestReport;
  candidate?: Candidate;
}

/** Candidates that hit a short limit and are retried with the long one, at most. */
const RETRIES = 3;

const counts = (r: TestReport): TestCounts => ({ passed: r.passed, failed: r.failed });

/** Lines a model could not score still get a chance, in file order. */
function uniformScores(text: string): LineScoreLike[] {
  return text.split('\n').map((l, i) => ({ line: i + 1, score: l.trim() ? 1e-3 / (1 + i) : 0 })).filter((s) => s.score > 0);
}

class Job {
  readonly clock = new Clock();
  readonly settings: RefineSettings;
  readonly warnings: string[];
  readonly log: (line: string) => void;
  private readonly cancel: AbortSignal;
  private readonly budget = new AbortController();
  private budgetTimer?: NodeJS.Timeout;
  private scratch?: Scratch;
  private plan?: TestPlan;
  /** The plan of the original's traced run, and what it recorded. */
  private tracedPlan?: TestPlan;
  private trace: TraceMatrix | null = null;
  private runs = 0;
  private nextId = 0;
  tested = 0;
  timedOut = 0;
  rounds = 0;
  private ollamaState: 'unknown' | 'ok' | 'down' = 'unknown';
  private readonly notes: string[] = [];
  private limits?: RunLimits;
  /** The limit each candidate's run had. */
  private readonly limitOf = new Map<number, number>();
  /** Texts already tested from the current version (a later round does not test them again). */
  private seen = new Set<string>();
  /** The last round's template candidates were cut at refine.maxCandidates (some were never tested). */
  private truncated = false;
  private originalTotal = 0;
  root = '';
  rel = '';

  constructor(private readonly req: RefineRequest, private readonly hooks: RefineHooks) {
    const env = hooks.env ?? process.env;
    const r = resolveSettings(req.settings ?? {}, env);
    this.settings = r.settings;
    this.warnings = r.warnings;
    this.log = hooks.log ?? (() => undefined);
    this.cancel = hooks.signal ?? new AbortController().signal;
    for (const w of this.warnings) this.log(w);
  }

  get budgetSpent(): boolean {
    return this.budget.signal.aborted;
  }

  private checkCancelled(): void {
    if (this.cancel.aborted) throw new RefineCancelled();
  }

  private progress(phase: RefinePhase, message: string, extra: Partial<Parameters<ProgressListener>[0]> = {}): void {
    this.hooks.onProgress?.({ phase, round: this.rounds, message, ...extra });
  }

  private error(message: string, before?: TestReport, text = ''): RefineResult {
    const c = before ? counts(before) : { passed: 0, failed: 0 };
    return this.result('error', message, c, c, text, text);
  }

  private result(status: RefineStatus, message: string, before: TestCounts, after: TestCounts, original: string, source: string, fix?: Candidate): RefineResult {
    const diff = unifiedDiff(original, source, this.rel.split(sep).join('/'));
    return {
      status, before, after, candidates: this.tested, rounds: this.rounds, seconds: this.clock.seconds(), diff, source, message,
      timings: this.clock.timings(), file: this.rel, warnings: this.warnings,
      fix: fix ? {
        generator: fix.generator, op: fix.op, description: fix.description,
        startLine: fix.region.startLine, endLine: fix.region.endLine,
      } : undefined,
    };
  }

  /** Test one version of the file in a fresh scratch folder. */
  private async test(text: string, signal: AbortSignal, timeoutMs: number, traced?: TestPlan): Promise<TestReport> {
    const scratch = this.scratch!;
    return this.clock.time('tests', async () => {
      const dir = await scratch.checkout(this.rel, text);
      try {
        const report = await runTests(traced ?? this.plan!, dir, { timeoutMs, signal, reportPath: scratch.path('reports', `${++this.runs}.xml`) });
        if (traced) this.trace = await readTrace(dir);
        return report;
      } finally {
        await scratch.release(dir);
      }
    });
  }

  async run(): Promise<RefineResult> {
    const s = this.settings;
    this.root = resolve(this.req.root);
    const abs = isAbsolute(this.req.file) ? this.req.file : resolve(this.root, this.req.file);
    this.rel = relative(this.root, abs);
    if (this.rel.startsWith('..') || isAbsolute(this.rel)) return this.error(`${abs} is not inside the project root ${this.root}`);
    let original: string;
    try {
      original = this.req.text ?? await readFile(abs, 'utf8');
    } catch (e) {
      return this.error(`cannot read ${abs}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    // Regions and templates parse the file in this thread; a Diagnoser would have loaded the parser,
    // a LineScorer in another thread (the language server's worker) does not.
    await languageFor(this.rel)?.init();
    if (s.refine.generator === 'ollama') {
      const down = await this.ollamaAvailable();
      this.checkCancelled();
      if (down) return this.error(down, undefined, original);
    }
    this.budgetTimer = setTimeout(() => this.budget.abort(), s.refine.timeBudgetSec * 1000);
    this.budgetTimer.unref();
    this.progress('prepare', 'copying the project to a scratch folder');
    try {
      this.scratch = await Scratch.create(this.root);
      await mkdir(this.scratch.path('reports'), { recursive: true });
    } catch (e) {
      if (e instanceof ScratchError) return this.error(e.message, undefined, original);
      return this.error(`cannot make a scratch copy of ${this.root}: ${(e as Error).message}`, undefined, original);
    }
    try {
      return await this.search(original);
    } finally {
      clearTimeout(this.budgetTimer);
      closePlan(this.plan);
      closePlan(this.tracedPlan);
      await this.scratch.dispose();
    }
  }

  private async search(original: string): Promise<RefineResult> {
    const s = this.settings;
    try {
      this.plan = await planTests(this.root, this.scratch!, {
        ...testRunOptions(s.tests), reuseInterpreter: s.tests.reuseInterpreter, env: this.hooks.env,
      });
    } catch (e) {
      if (e instanceof TestSetupError) return this.error(e.message, undefined, original);
      throw e;
    }
    this.log(`tests: ${this.plan.display} (${this.plan.kind}; isolation: ${this.plan.isolation}${this.plan.server ? '; warm interpreter' : ''})`);
    for (const n of this.plan.notes) this.log(n);
    this.progress('baseline', `running the tests on the original (${this.plan.display})`);
    const timeoutMs = s.tests.timeoutSec * 1000;
    if (this.req.scores !== 'model') {
      // The original's run is traced (coverage and tracebacks for the fused scores); candidates run plainly.
      this.tracedPlan = await planTests(this.root, this.scratch!, {
        ...testRunOptions(s.tests), reuseInterpreter: false, env: this.hooks.env, trace: await installTracer(this.scratch!.path('tracer')),
      });
    }
    const baseline = await this.test(original, this.cancel, timeoutMs, this.tracedPlan);
    this.checkCancelled();
    if (this.tracedPlan) this.log(this.trace ? `original traced: ${this.trace.tests.length} tests recorded` : 'the original\'s run left no trace; regions from model scores');
    const cmd = `\`${this.plan.display}\``;
    const tail = baseline.output.trim().split('\n').slice(-12).join('\n');
    switch (baseline.status) {
      case 'cannot-start':
        return this.error(`the tests could not start (${cmd}, exit status ${baseline.exitCode ?? 'none'}). Check the command (--tests "CMD" / flare.tests.command).\n${tail}`, undefined, original);
      case 'no-tests':
        return this.error(`no tests found (ran ${cmd} in ${this.root}). Tell flare how to run the tests with --tests "CMD" or the setting flare.tests.command.`, undefined, original);
      case 'timeout':
        this.log(`the original's tests did not finish within ${s.tests.timeoutSec} s; trying candidates anyway`);
        break;
      default:
        break;
    }
    if (passesAll(baseline, 0)) {
      return this.result('unchanged', `all ${baseline.passed} tests already pass (${cmd}); nothing to repair`, counts(baseline), counts(baseline), original, original);
    }
    this.originalTotal = baseline.status === 'timeout' ? 0 : reportTotal(baseline);
    this.limits = new RunLimits(baseline, timeoutMs);
    if (!this.limits.hangs) this.limits.record(baseline.ms);
    this.log(`original: ${baseline.passed} passed, ${baseline.failed} failed (${baseline.granularity}) in ${baseline.ms} ms; ${this.limits.describe()}`);

    const diagnoser: LineScorer = this.req.diagnoser ?? new Diagnoser();
    let current: Version = { text: original, report: baseline };
    let fixed = false;
    // Lines of the regions already tried on the current version: a round that finds nothing better
    // moves on to the next regions; a round that improves starts afresh from the improved version.
    let tried = new Set<number>();
    let previous: Region[] = [];
    for (let round = 1; round <= s.refine.rounds && !this.budgetSpent; round++) {
      this.rounds = round;
      this.progress('localize', `round ${round}: locating suspicious regions`);
      let regions = await this.localize(diagnoser, current, tried);
      this.checkCancelled();
      if (regions.length < s.refine.k && previous.length) {
        // Few regions left: go on with the candidates of the last ones that were not tested yet.
        regions = [...regions, ...previous.slice(0, s.refine.k - regions.length)].map((r, rank) => ({ ...r, rank }));
      }
      if (!regions.length) {
        this.notes.push('no code line to change was found');
        break;
      }
      this.log(`round ${round}: regions ${regions.map((r) => `${r.startLine}-${r.endLine} (${r.score.toFixed(3)})`).join(', ')}`);
      let evaluated: Evaluated[];
      try {
        evaluated = await this.runGenerators(current, regions);
      } catch (e) {
        this.checkCancelled();
        if (!(e instanceof OllamaError)) throw e;
        return this.result('error', e.message, counts(baseline), counts(baseline), original, original);
      }
      this.checkCancelled();
      if (!evaluated.length && round > 1) break;
      const top = best(evaluated);
      if (top && passesAll(top.report, this.originalTotal)) {
        current = { text: top.candidate.text, report: top.report, candidate: top.candidate };
        fixed = true;
        break;
      }
      if (top && top.report.passed > current.report.passed) {
        this.log(`round ${round}: best candidate passes ${top.report.passed} (was ${current.report.passed}): ${top.candidate.description}`);
        current = { text: top.candidate.text, report: top.report, candidate: top.candidate };
        tried = new Set();
        previous = [];
        this.seen = new Set();
        continue;
      }
      previous = regions;
      if (this.truncated) {
        // Candidates already tested are skipped (seen), so the same regions yield the rest of theirs.
        this.log(`round ${round}: nothing better among the first ${s.refine.maxCandidates} candidates; the next round tests the rest of these regions`);
        continue;
      }
      for (const r of regions) for (let l = r.startLine; l <= r.endLine; l++) tried.add(l);
      this.log(`round ${round}: nothing better; the next round tries the next regions`);
    }
    this.progress('done', 'done');
    return this.finish(original, baseline, current, fixed);
  }

  /** Run again, with the long limit, the best candidates that hit the short one. */
  private async retryTimeouts(evaluated: Evaluated[]): Promise<void> {
    const retry = this.limits!.retry;
    const again = evaluated
      .filter((e) => e.report.status === 'timeout' && (this.limitOf.get(e.candidate.id) ?? retry) < retry)
      .sort((a, b) => a.candidate.id - b.candidate.id).slice(0, RETRIES);
    const signal = AbortSignal.any([this.cancel, this.budget.signal]);
    const queue = [...again];
    const worker = async () => {
      for (let e = queue.shift(); e && !signal.aborted; e = queue.shift()) {
        const report = await this.test(e.candidate.text, signal, retry);
        if (report.status === 'cancelled') return;
        this.log(`candidate ${e.candidate.id} retried with ${(retry / 1000).toFixed(1)} s: ${report.status}, ${report.passed} passed`);
        if (report.status !== 'timeout') this.timedOut--;
        e.report = report;
        if (passesAll(report, this.originalTotal)) queue.length = 0;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.refine.parallel, again.length) }, worker));
  }

  private finish(original: string, baseline: TestReport, final: Version, fixed: boolean): RefineResult {
    const before = counts(baseline);
    const after = counts(final.report);
    const total = (c: TestCounts) => c.passed + c.failed;
    const extra = [...this.notes];
    if (this.budgetSpent) extra.push(`the time budget of ${this.settings.refine.timeBudgetSec} s was spent`);
    const tail = extra.length ? ` (${extra.join('; ')})` : '';
    const tried = `${this.tested} candidate${this.tested === 1 ? '' : 's'} tested in ${this.rounds} round${this.rounds === 1 ? '' : 's'}`;
    if (fixed) {
      return this.result('fixed', `fixed: all ${after.passed} tests pass (was ${before.passed}/${total(before)}); ${tried}${tail}`, before, after, original, final.text, final.candidate);
    }
    if (final.candidate && after.passed > before.passed) {
      return this.result('improved', `improved: ${after.passed}/${total(after)} tests pass (was ${before.passed}/${total(before)}); no candidate passed every test; ${tried}${tail}`, before, after, original, final.text, final.candidate);
    }
    if (baseline.status === 'timeout' && this.tested > 0 && this.timedOut === this.tested) {
      return this.result('error', `every test run timed out (limit ${this.settings.tests.timeoutSec} s for the original); check for hanging tests or raise --timeout / flare.tests.timeoutSec`, before, before, original, original);
    }
    return this.result('unchanged', `no candidate passed more tests than the original (${before.passed}/${total(before)} pass); ${tried}${tail}`, before, before, original, original);
  }

  private async localize(diagnoser: LineScorer, current: Version, tried: Set<number>): Promise<Region[]> {
    let scores: LineScoreLike[];
    let modelId: string | undefined;
    try {
      const d = await diagnoser.diagnose(current.text, this.rel);
      scores = d.lines.map((l) => ({ line: l.line, score: l.score }));
      modelId = d.model;
    } catch (e) {
      this.log(`localization model unavailable (${(e as Error).message}); using test evidence and file order`);
      scores = uniformScores(current.text);
    }
    // The trace belongs to the original: later versions (improved candidates) use the model's scores.
    const withEvidence = await evidenceScores(current.text, scores, this.rel, current.report.failures, current.candidate ? null : this.trace, this.log, modelId);
    const fused = propagateToHeaders(current.text, withEvidence);
    const k = this.settings.refine.k;
    if (!tried.size) return topRegions(current.text, fused, k);
    const fresh = topRegions(current.text, fused.filter((x) => !tried.has(x.line)), 2 * k)
      .filter((r) => !r.lines.some((l) => tried.has(l)) && !(tried.has(r.startLine) && tried.has(r.endLine)))
      .slice(0, k);
    return fresh.map((r, rank) => ({ ...r, rank }));
  }

  /** Null when Ollama can be used, else the message that says why not. */
  private async ollamaAvailable(): Promise<string | null> {
    if (this.ollamaState === 'ok') return null;
    try {
      await checkOllama(this.settings.ollama, this.cancel);
      this.ollamaState = 'ok';
      return null;
    } catch (e) {
      if (this.cancel.aborted) throw new RefineCancelled();
      this.ollamaState = 'down';
      return e instanceof OllamaError ? e.message : String(e);
    }
  }

  private async runGenerators(current: Version, regions: Region[]): Promise<Evaluated[]> {
    const s = this.settings;
    const all: Evaluated[] = [];
    const order: ('templates' | 'ollama')[] = s.refine.generator === 'auto' ? ['templates', 'ollama'] : [s.refine.generator];
    for (const name of order) {
      if (this.budgetSpent) break;
      let gen: CandidateGenerator;
      if (name === 'templates') {
        gen = new TemplateGenerator();
      } else {
        if (this.ollamaState === 'down') break;
        const down = await this.ollamaAvailable();
        if (down) {
          if (s.refine.generator === 'ollama') throw new OllamaError('unreachable', down);
          this.log(down);
          this.notes.push(`Ollama was not used: ${down}`);
          break;
        }
        gen = new OllamaGenerator(s.ollama);
      }
      const found = await this.evaluate(gen, current, regions);
      all.push(...found);
      const top = best(all);
      if (top && passesAll(top.report, this.originalTotal)) break;
    }
    return all;
  }

  /** Stream candidates from one generator through parallel test runs; stop early on a full pass. */
  private async evaluate(gen: CandidateGenerator, current: Version, regions: Region[]): Promise<Evaluated[]> {
    const s = this.settings;
    const stop = new AbortController();
    const runSignal = AbortSignal.any([this.cancel, this.budget.signal, stop.signal]);
    const queue: Candidate[] = [];
    const evaluated: Evaluated[] = [];
    let producing = true;
    let queued = 0;
    let done = 0;
    let wake: () => void = () => undefined;
    let wakeup = new Promise<void>((r) => { wake = r; });
    const notify = () => { const w = wake; wakeup = new Promise<void>((r) => { wake = r; }); w(); };
    const limit = gen.name === 'templates' ? s.refine.maxCandidates : Number.POSITIVE_INFINITY;
    if (gen.name === 'templates') this.truncated = false;
    const input: GenerationInput = {
      file: this.rel.split(sep).join('/'), text: current.text, regions, failures: current.report.failures,
      tests: counts(current.report), signal: runSignal, log: this.log,
    };
    this.progress('generate', `round ${this.rounds}: generating candidates (${gen.name})`);

    const producer = (async () => {
      const it = gen.generate(input)[Symbol.asyncIterator]();
      try {
        while (!runSignal.aborted) {
          const next = await this.clock.time('generation', () => it.next());
          if (next.done) break;
          if (next.value.text === current.text || this.seen.has(next.value.text)) continue;
          if (queued >= limit) {
            this.truncated = true;
            break;
          }
          this.seen.add(next.value.text);
          queue.push({ ...next.value, id: ++this.nextId });
          queued++;
          notify();
        }
      } catch (e) {
        if (e instanceof OllamaError && e.kind !== 'failed') {
          this.log(e.message);
          this.notes.push(e.message);
          if (s.refine.generator === 'ollama') throw e;
        } else if (!runSignal.aborted) {
          throw e;
        }
      } finally {
        producing = false;
        notify();
        await it.return?.();
      }
    })();

    // Regions whose candidates made more tests pass are tried first; regions where nothing a candidate
    // changed made any difference to the tests go last (mutation-based localization, in small).
    const impact = new Map<number, { tried: number; changed: number; improved: number }>();
    const adjust = (c: Candidate) => {
      const st = impact.get(c.region.rank);
      if (!st) return 0;
      return -Math.min(st.improved, 2) + (st.tried >= 4 && st.changed === 0 ? 1 : 0);
    };
    const takeNext = (): Candidate | undefined => {
      if (!queue.length) return undefined;
      let bestAt = 0;
      let bestKey = Number.POSITIVE_INFINITY;
      queue.forEach((c, i) => {
        const key = (c.cost ?? i) + adjust(c);
        if (key < bestKey) { bestKey = key; bestAt = i; }
      });
      return queue.splice(bestAt, 1)[0];
    };
    const learn = (c: Candidate, r: TestReport) => {
      const st = impact.get(c.region.rank) ?? { tried: 0, changed: 0, improved: 0 };
      st.tried++;
      if (r.passed !== current.report.passed || r.failed !== current.report.failed) st.changed++;
      if (r.passed > current.report.passed) st.improved++;
      impact.set(c.region.rank, st);
    };

    let graceTimer: NodeJS.Timeout | undefined;
    const worker = async () => {
      for (;;) {
        if (runSignal.aborted) return;
        const c = takeNext();
        if (!c) {
          if (!producing) return;
          await wakeup;
          continue;
        }
        const limit = this.limits!.next();
        this.limitOf.set(c.id, limit);
        const report = await this.test(c.text, runSignal, limit);
        if (report.status === 'cancelled') continue;
        if (report.status !== 'timeout') this.limits!.record(report.ms);
        done++;
        this.tested++;
        if (report.status === 'timeout') this.timedOut++;
        const e: Evaluated = { candidate: c, report };
        evaluated.push(e);
        learn(c, report);
        const bestPassed = Math.max(current.report.passed, ...evaluated.map((x) => x.report.passed));
        this.progress('test', `candidate ${done}/${queued}: ${report.passed}/${report.passed + report.failed} tests pass`, {
          candidate: done, total: queued, passed: report.passed, tests: report.passed + report.failed, bestPassed,
        });
        this.log(`candidate ${c.id} [${c.generator}/${c.op}] ${c.description}: ${report.status}, ${report.passed} passed, ${report.failed} failed, ${report.ms} ms`);
        if (passesAll(report, this.originalTotal) && !stop.signal.aborted && !graceTimer) {
          // Stop starting candidates; give the runs already going a moment to finish (a smaller fix may be among them).
          queue.length = 0;
          producing = false;
          notify();
          graceTimer = setTimeout(() => stop.abort(), Math.max(2000, 2 * report.ms));
        }
      }
    };
    const workers = Array.from({ length: s.refine.parallel }, worker);
    try {
      await Promise.all(workers);
    } finally {
      if (graceTimer) clearTimeout(graceTimer);
      stop.abort();
      notify();
      await producer;
    }
    if (!evaluated.some((e) => passesAll(e.report, this.originalTotal))) await this.retryTimeouts(evaluated);
    return evaluated;
  }
}

/**
 * Repair a file: test the original, then search for a version that passes more tests.
 * Resolves with the outcome (status `error` for problems users can fix: no tests, tests that cannot
 * start, Ollama down, ...); rejects with RefineCancelled when `hooks.signal` aborts.
 */
export async function refine(req: RefineRequest, hooks: RefineHooks = {}): Promise<RefineResult> {
  const job = new Job(req, hooks);
  try {
    const result = await job.run();
    if (hooks.signal?.aborted) throw new RefineCancelled();
    return result;
  } catch (e) {
    if (hooks.signal?.aborted || e instanceof RefineCancelled) throw new RefineCancelled();
    throw e;
  }
}
