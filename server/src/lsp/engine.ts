/**
 * The server's handle on the engine: a worker thread (worker.ts) that hosts the Diagnoser.
 * Requests go out one message each and come back by id; if the worker dies, pending calls fail
 * and the next call starts a fresh worker (a few times, then the engine gives up).
 */
import { Worker } from 'node:worker_threads';
import type { LineThresholds } from '../diagnose/threshold.js';
import type { ScoredLine } from './diagnostics.js';

export interface ScoreResult {
  model: string;
  noBug: number;
  lines: ScoredLine[];
  encoded: number;
  /** The model's calibrated line thresholds, from its metadata. */
  modelThreshold?: LineThresholds;
  /** Time spent in the worker (parse + featurize + encode + head). */
  ms: number;
}

export interface WarmResult {
  model: string;
}

export interface EngineError {
  kind: 'model' | 'input' | 'internal' | 'crash';
  message: string;
}

export type EngineRequest =
  | { type: 'configure'; modelPath?: string; cacheSize?: number }
  | { type: 'warm'; id: number; language: string }
  | { type: 'score'; id: number; text: string; language: string }
  | { type: 'close'; id: number };

export type EngineReply =
  | { id: number; ok: true; value: ScoreResult | WarmResult | null }
  | { id: number; ok: false; error: EngineError };

export class EngineFailure extends Error {
  constructor(readonly error: EngineError) {
    super(error.message);
  }
}

/** Window encodings the worker keeps (about 32 KB each): bounds the cache at ~32 MB. */
export const ENGINE_CACHE = 1024;

export interface EngineOptions {
  /** Window encodings kept per worker (LRU), bounding memory. */
  cacheSize?: number;
  maxRestarts?: number;
}

export class Engine {
  private worker: Worker | undefined;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private modelPath: string | undefined;
  private restarts = 0;
  private disposed = false;
  private closing: Promise<void> | undefined;
  /** Bumped whenever the model changes: results from an older generation are stale. */
  generation = 0;
  /** Worker output (stdout/stderr of the thread) and lifecycle notes. */
  onLog: (message: string) => void = () => undefined;

  constructor(private readonly opts: EngineOptions = {}) {}

  /** Use another model (undefined: the bundled one). Returns true when it changed. */
  setModelPath(path: string | undefined): boolean {
    if (path === this.modelPath) return false;
    this.modelPath = path;
    this.generation++;
    this.worker?.postMessage(this.configureMessage());
    return true;
  }

  warm(language: string): Promise<WarmResult> {
    return this.call({ type: 'warm', id: this.nextId++, language }) as Promise<WarmResult>;
  }

  score(text: string, language: string): Promise<ScoreResult> {
    return this.call({ type: 'score', id: this.nextId++, text, language }) as Promise<ScoreResult>;
  }

  /**
   * Stop the worker once its current job is done (at most `timeoutMs`). Tearing a thread down while
   * onnxruntime is inside a native call aborts the whole process, so exits go through here.
   */
  close(timeoutMs = 3000): Promise<void> {
    this.closing ??= (async () => {
      this.disposed = true;
      const w = this.worker;
      if (!w) return;
      const idle = new Promise<void>((resolve) => {
        const id = this.nextId++;
        this.pending.set(id, { resolve: () => resolve(), reject: () => resolve() });
        w.postMessage({ type: 'close', id } satisfies EngineRequest);
      });
      await Promise.race([idle, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
      this.worker = undefined;
      await w.terminate();
    })();
    return this.closing;
  }

  private configureMessage(): EngineRequest {
    return { type: 'configure', modelPath: this.modelPath, cacheSize: this.opts.cacheSize ?? ENGINE_CACHE };
  }

  private call(req: EngineRequest & { id: number }): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let w: Worker;
      try {
        w = this.ensure();
      } catch (e) {
        reject(e);
        return;
      }
      this.pending.set(req.id, { resolve, reject });
      w.postMessage(req);
    });
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    if (this.disposed) throw new EngineFailure({ kind: 'crash', message: 'the engine was shut down' });
    if (this.restarts > (this.opts.maxRestarts ?? 3)) {
      throw new EngineFailure({ kind: 'crash', message: 'the scoring worker keeps failing; diagnostics are off until restart' });
    }
    const w = new Worker(new URL('./worker.js', import.meta.url), { stdout: true, stderr: true });
    // The thread's console must never reach our stdout (it carries the protocol).
    w.stdout.on('data', (d: Buffer) => this.onLog(`worker: ${d.toString().trimEnd()}`));
    w.stderr.on('data', (d: Buffer) => this.onLog(`worker: ${d.toString().trimEnd()}`));
    w.on('message', (r: EngineReply) => this.settle(r));
    w.on('error', (e) => this.onLog(`worker error: ${e.stack ?? e.message}`));
    w.on('exit', (code) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      if (!this.disposed) {
        this.restarts++;
        this.onLog(`scoring worker exited (code ${code})`);
      }
      const err = new EngineFailure({ kind: 'crash', message: `the scoring worker stopped (code ${code})` });
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
    w.unref();
    w.postMessage(this.configureMessage());
    this.worker = w;
    return w;
  }

  private settle(r: EngineReply): void {
    const p = this.pending.get(r.id);
    if (!p) return;
    this.pending.delete(r.id);
    if (r.ok) p.resolve(r.value);
    else p.reject(new EngineFailure(r.error));
  }
}
