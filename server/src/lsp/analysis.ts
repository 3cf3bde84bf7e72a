/**
 * When and what to score. Each document has a trailing debounce; due documents wait in a queue and
 * the engine scores one at a time, always the document's newest text. A result counts only if the
 * document is still open at the very version that was scored (and the model did not change
 * meanwhile); anything else is dropped, so an outdated version is never reported.
 */
import { engineText, type Documents } from './documents.js';
import { EngineFailure, type Engine, type ScoreResult } from './engine.js';

export type Outcome =
  | { version: number; state: 'scored'; scores: ScoreResult }
  | { version: number; state: 'skipped'; reason: Skip }
  | { version: number; state: 'failed'; error: EngineFailure };

export interface AnalysisHooks {
  /** A new outcome for the document's current version. */
  onOutcome(uri: string, outcome: Outcome): void;
  maxFileBytes(): number;
  debug(message: string): void;
}

interface DocState {
  timer?: NodeJS.Timeout;
  outcome?: Outcome;
  waiters: (() => void)[];
}

export class Analysis {
  private state = new Map<string, DocState>();
  private queue = new Set<string>();
  private busy = false;

  constructor(
    private readonly docs: Documents,
    private readonly engine: Engine,
    private readonly hooks: AnalysisHooks,
  ) {}

  /** The outcome for the document's current version, if there is one yet. */
  current(uri: string): Outcome | undefined {
    const od = this.docs.get(uri);
    const o = this.state.get(uri)?.outcome;
    return od && o && o.version === od.doc.version ? o : undefined;
  }

  /** Score the document after `delayMs` of quiet (0: as soon as the engine is free). */
  schedule(uri: string, delayMs: number): void {
    const st = this.stateOf(uri);
    if (st.timer) clearTimeout(st.timer);
    st.timer = undefined;
    if (delayMs <= 0) {
      this.enqueue(uri);
      return;
    }
    st.timer = setTimeout(() => {
      st.timer = undefined;
      this.enqueue(uri);
    }, delayMs);
  }

  /** Score now unless the current version already has an outcome. */
  ensure(uri: string): void {
    if (!this.current(uri)) this.schedule(uri, 0);
  }

  /** Forget outcomes (the model or the limits changed). */
  invalidate(uri: string): void {
    const st = this.state.get(uri);
    if (st) st.outcome = undefined;
  }

  /** Wait for the outcome of the document's current version; undefined when it closes. */
  async settled(uri: string, cancelled: () => boolean): Promise<Outcome | undefined> {
    for (;;) {
      if (!this.docs.get(uri) || cancelled()) return undefined;
      const o = this.current(uri);
      if (o) return o;
      this.ensure(uri);
      await new Promise<void>((resolve) => this.stateOf(uri).waiters.push(resolve));
    }
  }

  /** Wake waiters of a document (cancellation, close). */
  wake(uri: string): void {
    const st = this.state.get(uri);
    if (!st) return;
    const ws = st.waiters.splice(0);
    for (const w of ws) w();
  }

  closed(uri: string): void {
    const st = this.state.get(uri);
    if (st?.timer) clearTimeout(st.timer);
    this.queue.delete(uri);
    this.state.delete(uri);
    if (st) for (const w of st.waiters) w();
  }

  private stateOf(uri: string): DocState {
    let st = this.state.get(uri);
    if (!st) {
      st = { waiters: [] };
      this.state.set(uri, st);
    }
    return st;
  }

  private enqueue(uri: string): void {
    this.queue.add(uri);
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (const uri of this.queue) {
        this.queue.delete(uri);
        await this.run(uri);
      }
    } finally {
      this.busy = false;
    }
  }

  private async run(uri: string): Promise<void> {
    const od = this.docs.get(uri);
    if (!od) return;
    const { version } = od.doc;
    const text = od.doc.getText();
    const skip = skipReason(text, this.hooks.maxFileBytes());
    if (skip) {
      this.settle(uri, { version, state: 'skipped', reason: skip });
      return;
    }
    const generation = this.engine.generation;
    let outcome: Outcome;
    try {
      // The engine splits lines on \n only; a lone \r ends a line in LSP, so make it a \n (same length).
      const scores = await this.engine.score(engineText(text), od.language);
      outcome = { version, state: 'scored', scores };
      this.hooks.debug(`scored ${uri} v${version}: ${scores.lines.length} lines, ${scores.encoded} windows encoded, ${scores.ms.toFixed(1)} ms in worker`);
    } catch (e) {
      outcome = { version, state: 'failed', error: e instanceof EngineFailure ? e : new EngineFailure({ kind: 'internal', message: String(e) }) };
    }
    const now = this.docs.get(uri);
    if (generation !== this.engine.generation) {
      if (now) this.queue.add(uri); // model changed meanwhile: score again with the new one
      return;
    }
    if (!now || now.doc.version !== version) {
      this.hooks.debug(`dropped result for ${uri} v${version} (document ${now ? `is at v${now.doc.version}` : 'closed'})`);
      this.wake(uri);
      return;
    }
    this.settle(uri, outcome);
  }

  private settle(uri: string, outcome: Outcome): void {
    const st = this.stateOf(uri);
    st.outcome = outcome;
    this.hooks.onOutcome(uri, outcome);
    this.wake(uri);
  }
}

export interface Skip {
  kind: 'size' | 'binary';
  message: string;
}

/** Why a text is not scored (too large, binary), or undefined. */
export function skipReason(text: string, maxFileBytes: number): Skip | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxFileBytes) return { kind: 'size', message: `file is ${bytes} bytes, over flare.maxFileBytes (${maxFileBytes}); not scored` };
  if (text.includes('\0')) return { kind: 'binary', message: 'binary content (NUL bytes); not scored' };
  return undefined;
}
