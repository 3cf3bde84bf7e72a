/**
 * Refinement jobs of the language server. A job runs in the server's main thread: the engine's
 * work is child processes (test runs) and async I/O, and the line scores it needs come from the
 * scoring worker through `scorer`, so diagnostics stay responsive while a job runs.
 *
 * One job per document at a time (a second request is refused with a message), at most MAX_JOBS
 * in all. Each job reports through server-created work-done progress, can be cancelled three ways
 * (the progress's cancel button, flare.cancel / its code action, editing or closing the document),
 * and its result counts only for the document version it started from: a changed document makes the
 * result stale, and a stale result is never applied nor offered.
 */
import { MessageType, type Range, type WorkspaceEdit } from 'vscode-languageserver/node';
import { RefineCancelled, refine, type LineScorer, type RefineResult, type RefineSettings } from '../refine/index.js';
import { jobTarget, type OpenDocument } from './documents.js';
import { WorkDone, type ProgressSink } from './progress.js';
import { applyTitle, lineEdit, workspaceEdit, type ReadyFix } from './refineActions.js';

export const MAX_JOBS = 2;

/** Outbound calls a job makes; the server implements them on its connection. */
export interface RefineClient extends ProgressSink {
  applyEdit(label: string, edit: WorkspaceEdit): Promise<{ applied: boolean; failureReason?: string }>;
  show(type: MessageType, message: string): void;
  log(message: string): void;
}

export interface RefineHost {
  client: RefineClient;
  document(uri: string): OpenDocument | undefined;
  settings(): RefineSettings;
  root(file: string): string;
  scorer(language: string): LineScorer;
  capabilities(): { progress: boolean; applyEdit: boolean; documentChanges: boolean };
}

export interface StartRequest {
  uri: string;
  /** The version the action was offered for; undefined: the current one. */
  version?: number;
  range: Range;
}

export type StartAnswer = { started: true } | { started: false; message: string };

type StopReason = 'user' | 'changed' | 'closed' | 'shutdown';

interface Job {
  uri: string;
  name: string;
  version: number;
  range: Range;
  controller: AbortController;
  reason?: StopReason;
  progress?: WorkDone;
  token: string;
  done: Promise<void>;
}

export class RefineJobs {
  private jobs = new Map<string, Job>();
  private ready = new Map<string, ReadyFix>();
  private nextId = 1;

  constructor(private readonly host: RefineHost) {}

  running(uri: string): boolean {
    return this.jobs.has(uri);
  }

  /** The finished fix for the document's current version, if any. */
  readyFix(uri: string): ReadyFix | undefined {
    const fix = this.ready.get(uri);
    return fix && this.host.document(uri)?.doc.version === fix.version ? fix : undefined;
  }

  start(req: StartRequest): StartAnswer {
    const refuse = (message: string): StartAnswer => {
      this.host.client.show(MessageType.Warning, `FLARE: ${message}`);
      return { started: false, message };
    };
    const target = jobTarget(this.host.document(req.uri), req.uri, 'refinement', 'refine it');
    if ('error' in target) return refuse(target.error);
    const { od, file, name } = target;
    const version = od.doc.version;
    if (req.version !== undefined && req.version !== version) {
      return refuse(`${name} changed since the action was offered (version ${req.version}, now ${version}); ask for the action again`);
    }
    if (this.jobs.has(req.uri)) return refuse(`a refinement of ${name} is already running; cancel it first (FLARE: cancel refinement)`);
    if (this.jobs.size >= MAX_JOBS) return refuse(`${this.jobs.size} refinements are already running; wait for one to finish or cancel one`);

    this.ready.delete(req.uri);
    const token = `flare-refine-${this.nextId++}`;
    const job: Job = { uri: req.uri, name, version, range: req.range, controller: new AbortController(), token, done: Promise.resolve() };
    this.jobs.set(req.uri, job);
    job.done = this.run(job, file, od.doc.getText(), od.language).catch((e: unknown) => {
      this.host.client.log(`refinement of ${name}: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }).finally(() => {
      if (this.jobs.get(job.uri) === job) this.jobs.delete(job.uri);
    });
    return { started: true };
  }

  /** Cancel the job of `uri` (all jobs when undefined); the number cancelled. */
  cancel(uri?: string, reason: StopReason = 'user'): number {
    let n = 0;
    for (const job of this.jobs.values()) {
      if (uri !== undefined && job.uri !== uri) continue;
      this.stop(job, reason);
      n++;
    }
    return n;
  }

  /** `window/workDoneProgress/cancel`: true when the token was one of ours. */
  cancelToken(token: unknown): boolean {
    for (const job of this.jobs.values()) {
      if (job.token === token) {
        this.stop(job, 'user');
        return true;
      }
    }
    return false;
  }

  /** The document changed: its running job and its finished fix are stale now. */
  changed(uri: string): void {
    this.ready.delete(uri);
    const job = this.jobs.get(uri);
    if (job && this.host.document(uri)?.doc.version !== job.version) this.stop(job, 'changed');
  }

  closed(uri: string): void {
    this.ready.delete(uri);
    const job = this.jobs.get(uri);
    if (job) this.stop(job, 'closed');
  }

  /** Cancel everything and wait (at most `timeoutMs`) for the jobs to clean up. */
  async shutdown(timeoutMs = 5000): Promise<void> {
    const pending = [...this.jobs.values()];
    for (const job of pending) this.stop(job, 'shutdown');
    await Promise.race([Promise.all(pending.map((j) => j.done)), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }

  private stop(job: Job, reason: StopReason): void {
    if (job.controller.signal.aborted) return;
    job.reason = reason;
    job.controller.abort();
  }

  private async run(job: Job, file: string, text: string, language: string): Promise<void> {
    const { client } = this.host;
    const caps = this.host.capabilities();
    const settings = this.host.settings();
    const root = this.host.root(file);
    client.log(`refining ${file} (version ${job.version}) in ${root}`);
    job.progress = await WorkDone.create(client, job.token, caps.progress);
    const progress = job.progress;
    progress.begin(`FLARE: refining ${job.name}`, 'starting');
    // Without a progress UI the user would hear nothing until the end.
    if (!progress.token) client.show(MessageType.Info, `FLARE: refining ${job.name} in the background; "FLARE: cancel refinement" stops it`);
    let result: RefineResult;
    try {
      if (job.controller.signal.aborted) throw new RefineCancelled();
      result = await refine(
        { root, file, text, settings, diagnoser: this.host.scorer(language) },
        { signal: job.controller.signal, onProgress: (e) => progress.report(e.message), log: (l) => client.log(`refine ${job.name}: ${l}`) },
      );
    } catch (e) {
      if (!(e instanceof RefineCancelled)) {
        progress.end('failed');
        client.show(MessageType.Error, `FLARE: refinement of ${job.name} failed: ${(e as Error).message}`);
        return;
      }
      progress.end('cancelled');
      this.cancelled(job);
      return;
    }
    this.jobs.delete(job.uri);
    await this.finish(job, text, result, settings, caps);
  }

  private cancelled(job: Job): void {
    const { client } = this.host;
    switch (job.reason) {
      case 'changed': {
        const now = this.host.document(job.uri)?.doc.version;
        client.show(MessageType.Info, `FLARE: refinement of ${job.name} stopped: the file changed while it ran (version ${job.version} → ${now}), so its result would be stale. Run it again on the new text.`);
        break;
      }
      case 'closed':
        client.log(`refinement of ${job.name} cancelled: the file was closed`);
        break;
      case 'shutdown':
        break;
      default:
        client.show(MessageType.Info, `FLARE: refinement of ${job.name} cancelled`);
    }
  }

  private async finish(job: Job, text: string, r: RefineResult, settings: RefineSettings, caps: ReturnType<RefineHost['capabilities']>): Promise<void> {
    const { client } = this.host;
    const progress = job.progress!;
    const od = this.host.document(job.uri);
    if (!od) {
      progress.end('the file was closed');
      client.log(`refinement of ${job.name} finished after the file was closed; result dropped`);
      return;
    }
    if (od.doc.version !== job.version) {
      progress.end('discarded: the file changed');
      client.show(MessageType.Warning, `FLARE: the refinement result for ${job.name} was discarded as stale: the file changed while it ran (version ${job.version} → ${od.doc.version}).`);
      return;
    }
    const total = r.after.passed + r.after.failed;
    if ((r.status !== 'fixed' && r.status !== 'improved') || r.source === text) {
      progress.end(r.status === 'error' ? 'failed' : 'no fix found');
      client.show(r.status === 'error' ? MessageType.Warning : MessageType.Info, `FLARE: ${job.name}: ${r.message}`);
      return;
    }
    const fix: ReadyFix = {
      uri: job.uri, version: job.version, requested: job.range, edit: lineEdit(text, r.source),
      passed: r.after.passed, tests: total, fixed: r.status === 'fixed',
    };
    const lines = lineSpan(fix.edit.range);
    progress.end(`${r.status}: ${r.after.passed}/${total} tests pass`);
    // Only a versioned TextDocumentEdit is sent unasked: the editor refuses it if the user typed meanwhile.
    if (fix.fixed && settings.refine.autoApply && caps.applyEdit && caps.documentChanges) {
      const edit = workspaceEdit(job.uri, job.version, fix.edit, caps.documentChanges);
      const answer = await client.applyEdit(`FLARE: fix ${job.name}`, edit).catch((e: Error) => ({ applied: false, failureReason: e.message }));
      if (answer.applied) {
        client.show(MessageType.Info, `FLARE: applied a fix to ${job.name} (${lines}): ${r.message}`);
        return;
      }
      if (this.host.document(job.uri)?.doc.version !== job.version) {
        client.show(MessageType.Warning, `FLARE: the fix for ${job.name} was not applied: the file changed meanwhile, so the result is stale.`);
        return;
      }
      client.log(`applyEdit for ${job.name} refused: ${answer.failureReason ?? 'no reason given'}`);
    }
    this.ready.set(job.uri, fix);
    client.show(MessageType.Info, `FLARE: ${job.name}: ${r.message}. Choose the code action "${applyTitle(fix)}" at ${lines} to apply it.`);
  }
}

/** `line 9` or `lines 9-11` (1-based) for an edit over whole lines. */
function lineSpan(range: Range): string {
  const first = range.start.line + 1;
  const last = range.end.character === 0 && range.end.line > range.start.line ? range.end.line : range.end.line + 1;
  return first === last ? `line ${first}` : `lines ${first}-${last}`;
}
