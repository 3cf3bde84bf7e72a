/**
 * "FLARE: run tests and re-score": one traced test run per document in the background (server-created
 * $/progress, cancellable like refinement jobs), then, when tests fail, small changes to the lines they
 * ran (diagnose/mutation.ts, within tests.mutationSec), then the document's model scores fused with
 * that evidence. Evidence belongs to the document version it ran on: any edit or close drops it (and
 * cancels a running job), so diagnostics go back to the model's scores.
 */
import { basename, relative } from 'node:path';
import { MessageType } from 'vscode-languageserver/node';
import { runTraced, type LineEvidence } from '../diagnose/evidence.js';
import { denseScores, fuseFile } from '../diagnose/fused.js';
import { fileMutation, mutantTimeoutMs, type LineMutation } from '../diagnose/mutation.js';
import { loadFusion, warnUnpaired } from '../diagnose/fusion.js';
import type { RefineSettings } from '../refine/index.js';
import { testRunOptions } from '../refine/settings.js';
import type { FileScoresView } from './diagnostics.js';
import { engineText, jobTarget, type OpenDocument } from './documents.js';
import { WorkDone } from './progress.js';
import type { RefineClient } from './refineJobs.js';

export const RUN_TESTS_COMMAND = 'flare.runTests';
export const RUN_TESTS_TITLE = 'FLARE: run tests and re-score';
export const CANCEL_TESTS_TITLE = 'FLARE: cancel test run';

export interface TestRunHost {
  client: Omit<RefineClient, 'applyEdit'>;
  document(uri: string): OpenDocument | undefined;
  settings(): RefineSettings;
  root(file: string): string;
  /** The model's scores of the document's current version (undefined when it closed). */
  modelScores(uri: string): Promise<FileScoresView | undefined>;
  progress(): boolean;
  /** The scores to show for `uri` changed. */
  republish(uri: string): void;
}

export interface StoredEvidence {
  version: number;
  /** The fused scores (the model's when nothing was fused), as diagnostics and hover read them. */
  view: FileScoresView;
  /** Index i = line i + 1. */
  evidence: LineEvidence[];
  /** Mutation evidence per line, when mutants ran. */
  mutation?: LineMutation[];
}

interface Job {
  uri: string;
  version: number;
  controller: AbortController;
  token: string;
  reason?: 'user' | 'changed' | 'closed' | 'shutdown';
  done: Promise<void>;
}

export class TestJobs {
  private jobs = new Map<string, Job>();
  private stored = new Map<string, StoredEvidence>();
  private nextId = 1;

  constructor(private readonly host: TestRunHost) {}

  running(uri: string): boolean {
    return this.jobs.has(uri);
  }

  /** Evidence for the document's current version. */
  evidence(uri: string): StoredEvidence | undefined {
    const e = this.stored.get(uri);
    return e && this.host.document(uri)?.doc.version === e.version ? e : undefined;
  }

  start(uri: string): { started: boolean; message?: string } {
    const refuse = (message: string) => {
      this.host.client.show(MessageType.Warning, `FLARE: ${message}`);
      return { started: false, message };
    };
    const target = jobTarget(this.host.document(uri), uri, 'test evidence', 'run its tests');
    if ('error' in target) return refuse(target.error);
    const { od, file, name } = target;
    if (this.jobs.has(uri)) return refuse(`the tests for ${name} are already running`);
    const job: Job = { uri, version: od.doc.version, controller: new AbortController(), token: `flare-tests-${this.nextId++}`, done: Promise.resolve() };
    this.jobs.set(uri, job);
    job.done = this.run(job, file, od.doc.getText(), name).catch((e: unknown) => {
      this.host.client.log(`test run for ${name}: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }).finally(() => {
      if (this.jobs.get(uri) === job) this.jobs.delete(uri);
    });
    return { started: true };
  }

  cancel(uri?: string, reason: Job['reason'] = 'user'): number {
    let n = 0;
    for (const job of this.jobs.values()) {
      if (uri !== undefined && job.uri !== uri) continue;
      job.reason ??= reason;
      job.controller.abort();
      n++;
    }
    return n;
  }

  cancelToken(token: unknown): boolean {
    const job = [...this.jobs.values()].find((j) => j.token === token);
    if (job) this.cancel(job.uri);
    return !!job;
  }

  /** The document changed or closed: its evidence is gone, a running job is stale. */
  changed(uri: string, reason: 'changed' | 'closed' = 'changed'): void {
    const had = this.stored.delete(uri);
    this.cancel(uri, reason);
    if (had && reason === 'changed') this.host.client.log(`test evidence for ${basename(uri)} dropped: the file changed`);
  }

  async shutdown(timeoutMs = 5000): Promise<void> {
    const pending = [...this.jobs.values()];
    this.cancel(undefined, 'shutdown');
    await Promise.race([Promise.all(pending.map((j) => j.done)), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }

  /** A cancelled job ends its progress and says why, unless the editor closed the file or is shutting down. */
  private stopped(job: Job, name: string, progress: WorkDone): void {
    progress.end('cancelled');
    if (job.reason === 'user') this.host.client.show(MessageType.Info, `FLARE: test run for ${name} cancelled`);
    else if (job.reason === 'changed') this.host.client.show(MessageType.Info, `FLARE: test run for ${name} stopped: the file changed, so its evidence would be stale`);
  }

  private async run(job: Job, file: string, text: string, name: string): Promise<void> {
    const { client } = this.host;
    const settings = this.host.settings();
    const root = this.host.root(file);
    const progress = await WorkDone.create(client, job.token, this.host.progress());
    progress.begin(`FLARE: running tests for ${name}`, settings.tests.command || 'detecting the test command');
    if (!progress.token) client.show(MessageType.Info, `FLARE: running the tests for ${name} in the background`);
    const { command, ...runOpts } = testRunOptions(settings.tests);
    const run = await runTraced(root, command, {
      ...runOpts, file: { path: file, text }, timeoutMs: settings.tests.timeoutSec * 1000, signal: job.controller.signal,
    }).catch((e: Error) => e);
    if (job.controller.signal.aborted) return this.stopped(job, name, progress);
    if (run instanceof Error || run.status === 'cannot-start' || run.status === 'no-tests') {
      const why = run instanceof Error ? run.message : run.status === 'no-tests' ? 'no tests found' : 'the tests could not start';
      progress.end('failed');
      client.show(MessageType.Warning, `FLARE: tests for ${name}: ${why} (set flare.tests.command)`);
      return;
    }
    for (const n of run.notes) client.log(`tests for ${name}: ${n}`);
    progress.report(`${run.passed} passed, ${run.failed} failed; re-scoring`);
    const model = await this.host.modelScores(job.uri);
    const ranker = await loadFusion(undefined, (m) => client.log(m));
    warnUnpaired(ranker, model?.model, (m) => client.show(MessageType.Warning, `FLARE: ${m}`));
    if (!model || this.host.document(job.uri)?.doc.version !== job.version) {
      progress.end('discarded: the file changed');
      return;
    }
    const body = engineText(text);
    const nLines = body.split('\n').length;
    const rel = relative(root, file).split('\\').join('/');
    let mutation = null;
    if (run.failed > 0 && settings.tests.mutationSec > 0) {
      progress.report(`${run.passed} passed, ${run.failed} failed; trying small changes`);
      mutation = await fileMutation(root, command, rel, body, run, denseScores(model.lines, nLines), {
        ...runOpts, budgetMs: settings.tests.mutationSec * 1000, runTimeoutMs: mutantTimeoutMs(run.seconds, settings.tests.timeoutSec * 1000),
        signal: job.controller.signal, reuseInterpreter: settings.tests.reuseInterpreter, parallel: settings.refine.parallel,
        progress: (done, planned) => progress.report(`trying small changes: ${done}/${planned}`),
      }).catch((e: Error) => {
        client.log(`mutation runs for ${name} failed: ${e.message}`);
        return null;
      });
      if (job.controller.signal.aborted) return this.stopped(job, name, progress);
      client.log(mutation
        ? `tests for ${name}: ${mutation.runs.runs.length} mutant runs on ${mutation.runs.lines.length} lines in ${mutation.runs.seconds.toFixed(1)} s`
        : `tests for ${name}: no small changes to try on the lines the failing tests ran`);
    }
    const fused = await fuseFile(model.lines, nLines, run, rel, ranker, mutation?.evidence);
    if (this.host.document(job.uri)?.doc.version !== job.version) {
      progress.end('discarded: the file changed');
      return;
    }
    const byLine = new Map(model.lines.map((l) => [l.line, l]));
    const view: FileScoresView = {
      ...model,
      lines: fused.lines.map((l) => ({ ...byLine.get(l.line)!, score: l.score, rank: l.rank })),
    };
    this.stored.set(job.uri, { version: job.version, view, evidence: fused.evidence, mutation: mutation?.evidence });
    const what = fused.fused ? `diagnostics re-scored with coverage${mutation ? ', tracebacks and small changes' : ' and tracebacks'}`
      : run.failed ? 'no fusion ranker, scores unchanged (hover shows the evidence)' : 'no failing test, scores unchanged';
    progress.end(`${run.passed} passed, ${run.failed} failed`);
    client.show(MessageType.Info, `FLARE: tests for ${name}: ${run.passed} passed, ${run.failed} failed in ${run.seconds.toFixed(1)} s; ${what}`);
    this.host.republish(job.uri);
  }
}
