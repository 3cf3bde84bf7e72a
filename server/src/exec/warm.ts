/**
 * A warm Python interpreter for test runs of the form `python -m unittest|pytest ...`: the fork
 * server (forkserver-source.ts) imports the runner once and forks one child per run, so a run no
 * longer pays for interpreter start-up. Every child is its own process group: timeouts and
 * cancellation kill that group, as for shell runs. Results have the same shape as runShell's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { join } from 'node:path';
import { FORKSERVER_BOOT, FORKSERVER_PY } from './forkserver-source.js';
import { type RunResult, killGroup, trackGroup, untrackGroup } from './process.js';
import { OUTPUT_LIMIT, type RunLimitsSpec, limitWords } from './rlimits.js';

export interface WarmStartOptions {
  /** Interpreter command (as found on the run environment's PATH, or a path). */
  python: string;
  env: NodeJS.ProcessEnv;
  /** Words put before the interpreter (network namespace). */
  wrapper: string[];
  /** Shell text run first inside the wrapper (bring loopback up). */
  prefix: string;
  /** Modules imported once before any fork (`unittest`, `pytest`). */
  preload: string[];
  /** Folder for the script and the runs' output files. */
  dir: string;
  /** Give up starting after this long (default 30 s). */
  startTimeoutMs?: number;
  /** Limits of the server (CPU time left out) and of every run (CPU time per run). */
  limits?: RunLimitsSpec;
  /** The wrapper starts a PID namespace: run pids mean nothing here, kills go through the server. */
  pidNamespace?: boolean;
}

export interface WarmRunOptions {
  cwd: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  maxOutput?: number;
  /** Limits of this run (the server's own when left out, CPU time unlimited). */
  limits?: RunLimitsSpec;
}

interface Pending {
  pid?: number;
  onPid: (pid: number) => void;
  onEnd: (exit: number | null, signal: string | null) => void;
}

const SIGNAL_NAMES = new Map(Object.entries(constants.signals).map(([name, n]) => [n as number, name]));

function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The last `max` bytes of an output file (as text) and its size; '' when missing. */
async function tailOfFile(path: string, max: number): Promise<{ text: string; size: number }> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch {
    return { text: '', size: 0 };
  }
  try {
    const { size } = await fh.stat();
    const len = Math.min(size, max);
    const buf = Buffer.alloc(len);
    await fh.read(buf, 0, len, size - len);
    const text = buf.toString('utf8');
    return { text: size > len ? `[... ${size - len} bytes cut ...]\n${text}` : text, size };
  } finally {
    await fh.close();
  }
}

function rlimitsOf(l: RunLimitsSpec | undefined): Record<string, number> | undefined {
  return l && { cpu: l.cpuSec, as: l.memoryBytes, fsize: l.fileBytes, nproc: l.processes };
}

export class WarmPython {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private buffer = '';
  private dead = false;
  /** Top-level modules already imported in the server (a project module of the same name would be shadowed). */
  modules = new Set<string>();

  private constructor(
    private readonly proc: ChildProcess,
    private readonly dir: string,
    /** Run pids are host pids (no PID namespace): they can be tracked and killed from here too. */
    private readonly hostPids: boolean,
  ) {}

  /** Kill run `id`'s process group: through the server, and directly when its pid is one of ours. */
  private kill(id: number, pid: number | undefined): void {
    if (!this.dead) this.proc.stdin!.write(`${JSON.stringify({ kill: id })}\n`);
    if (pid && this.hostPids) killGroup(pid);
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** Start the server; null when it does not come up (the caller runs tests through the shell instead). */
  static async start(opts: WarmStartOptions): Promise<WarmPython | null> {
    const script = join(opts.dir, 'flare_forkserver.py');
    await mkdir(opts.dir, { recursive: true });
    await writeFile(script, FORKSERVER_PY);
    const preload = [...opts.preload, ...(opts.pidNamespace ? ['--pidns'] : [])];
    const cmd = `${opts.prefix}exec ${shq(opts.python)} -u -c ${shq(FORKSERVER_BOOT)} ${shq(script)} ${preload.map(shq).join(' ')}`;
    const argv = [...opts.wrapper, ...(opts.limits ? limitWords(opts.limits, false) : []), '/bin/sh', '-c', cmd];
    let proc: ChildProcess;
    try {
      proc = spawn(argv[0], argv.slice(1), { cwd: opts.dir, env: opts.env, detached: true, stdio: ['pipe', 'pipe', 'ignore'] });
    } catch {
      return null;
    }
    if (proc.pid) trackGroup(proc.pid);
    const server = new WarmPython(proc, opts.dir, !opts.pidNamespace);
    proc.stdout!.setEncoding('utf8');
    server.attach();
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), opts.startTimeoutMs ?? 30_000);
      server.onReady = (modules) => { clearTimeout(timer); server.modules = new Set(modules); resolve(true); };
      proc.once('exit', () => { clearTimeout(timer); resolve(false); });
      proc.once('error', () => { clearTimeout(timer); resolve(false); });
    });
    if (!ready) {
      server.close();
      return null;
    }
    return server;
  }

  private onReady: (modules: string[]) => void = () => undefined;

  private attach(): void {
    this.proc.stdout!.on('data', (chunk: string) => this.receive(chunk));
    this.proc.on('exit', () => this.fail());
    this.proc.on('error', () => this.fail());
    this.proc.stdin!.on('error', () => this.fail());
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      let msg: { ready?: boolean; modules?: string[]; id?: number; pid?: number; exit?: number; signal?: number };
      try {
        msg = JSON.parse(line);
      } catch {
        continue;
      }
      if (msg.ready) { this.onReady(msg.modules ?? []); continue; }
      const p = msg.id !== undefined ? this.pending.get(msg.id) : undefined;
      if (!p) continue;
      if (msg.pid !== undefined) p.onPid(msg.pid);
      else if (msg.exit !== undefined || msg.signal !== undefined) {
        this.pending.delete(msg.id!);
        p.onEnd(msg.exit ?? null, msg.signal !== undefined ? SIGNAL_NAMES.get(msg.signal) ?? String(msg.signal) : null);
      }
    }
  }

  /** The server is gone: every run still waiting ends with an error. */
  private fail(): void {
    if (this.dead) return;
    this.dead = true;
    for (const [, p] of this.pending) {
      if (p.pid && this.hostPids) killGroup(p.pid);
      p.onEnd(null, 'server-died');
    }
    this.pending.clear();
  }

  /** Run `python -m module args...` in `cwd`. */
  async run(module: string, args: string[], opts: WarmRunOptions): Promise<RunResult> {
    const started = Date.now();
    const none = (extra: Partial<RunResult>): RunResult => ({
      exitCode: null, signal: null, timedOut: false, cancelled: false, stdout: '', stderr: '', ms: Date.now() - started, ...extra,
    });
    if (opts.signal?.aborted) return none({ cancelled: true });
    if (this.dead) return none({ spawnError: 'the warm interpreter is not running' });
    const id = ++this.nextId;
    const out = join(this.dir, `run-${id}.out`);
    const err = join(this.dir, `run-${id}.err`);
    let timedOut = false;
    let cancelled = false;
    const ended = await new Promise<{ exit: number | null; signal: string | null }>((resolve) => {
      const entry: Pending = {
        onPid: (pid) => {
          entry.pid = pid;
          if (this.hostPids) trackGroup(pid);
          if (timedOut || cancelled) this.kill(id, pid);
        },
        onEnd: (exit, signal) => resolve({ exit, signal }),
      };
      this.pending.set(id, entry);
      const stop = (why: 'timeout' | 'cancel') => {
        if (why === 'timeout') timedOut = true;
        else cancelled = true;
        if (entry.pid) this.kill(id, entry.pid);
      };
      const timer = opts.timeoutMs ? setTimeout(() => stop('timeout'), opts.timeoutMs) : undefined;
      const onAbort = () => stop('cancel');
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const done = entry.onEnd;
      entry.onEnd = (exit, signal) => {
        if (timer) clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        if (entry.pid && this.hostPids) {
          killGroup(entry.pid);
          untrackGroup(entry.pid);
        }
        done(exit, signal);
      };
      const limits = rlimitsOf(opts.limits);
      this.proc.stdin!.write(`${JSON.stringify({ id, cwd: opts.cwd, module, args, stdout: out, stderr: err, limits })}\n`);
    });
    const max = opts.maxOutput ?? 64_000;
    const [stdout, stderr] = await Promise.all([out, err].map((f) => tailOfFile(f, max)));
    await Promise.all([out, err].map((f) => rm(f, { force: true })));
    if (ended.signal === 'server-died') return none({ spawnError: 'the warm interpreter stopped', timedOut, cancelled });
    return {
      exitCode: ended.exit, signal: ended.signal, timedOut, cancelled,
      outputFlood: Math.max(stdout.size, stderr.size) > OUTPUT_LIMIT,
      stdout: stdout.text, stderr: stderr.text, ms: Date.now() - started,
    };
  }

  /** Stop the server and every run it started. */
  close(): void {
    for (const [id, p] of this.pending) if (p.pid) this.kill(id, p.pid);
    this.fail();
    this.proc.stdin?.end();
    if (this.proc.pid) {
      killGroup(this.proc.pid);
      untrackGroup(this.proc.pid);
    }
  }
}
