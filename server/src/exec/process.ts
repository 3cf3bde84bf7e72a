/**
 * Running one shell command as its own process group, with a timeout and cancellation that kill the
 * whole group (the shell, the test runner and anything they started), and capped output.
 */
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { OUTPUT_LIMIT, type RunLimitsSpec, limitShell, limitWords } from './rlimits.js';

export interface RunOptions {
  cwd: string;
  /** The complete environment of the command (nothing is inherited beyond it). */
  env: NodeJS.ProcessEnv;
  /** Wall-clock limit; the group is killed when it passes. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Characters kept from each of stdout and stderr (the tail is kept). */
  maxOutput?: number;
  /** Words put before `/bin/sh -c` (e.g. `unshare -n`). */
  wrapper?: string[];
  /** Resource limits of the shell and everything it starts. */
  limits?: RunLimitsSpec;
}

export interface RunResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  /** Set when the process could not be spawned at all. */
  spawnError?: string;
  stdout: string;
  stderr: string;
  ms: number;
  /** The run printed more than OUTPUT_LIMIT characters on one stream and was stopped. */
  outputFlood?: boolean;
}

/** Process groups still running; killed when this process exits. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pgid of liveGroups) killGroup(pgid);
  });
}

/** Remember a process group (started elsewhere) so that it is killed if this process exits. */
export function trackGroup(pgid: number): void {
  installExitHook();
  liveGroups.add(pgid);
}

export function untrackGroup(pgid: number): void {
  liveGroups.delete(pgid);
}

/** SIGKILL a process group; true when the group existed. */
export function killGroup(pgid: number): boolean {
  try {
    process.kill(-pgid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}

/** Process groups started by runShell that have not ended (for tests and diagnostics). */
export function runningGroups(): number[] {
  return [...liveGroups];
}

/** The last `max` characters of a stream, and how many came in all. */
export class Tail {
  private text = '';
  total = 0;
  constructor(private readonly max: number) {}

  push(chunk: string): void {
    this.total += chunk.length;
    this.text = (this.text + chunk).slice(-this.max);
  }

  toString(): string {
    const cut = this.total - this.text.length;
    return cut > 0 ? `[... ${cut} characters cut ...]\n${this.text}` : this.text;
  }
}

/** coreutils `timeout`, when present: a backstop that ends a run even if this process dies first. */
const TIMEOUT_BIN = ['/usr/bin/timeout', '/bin/timeout'].find((p) => existsSync(p));

function backstop(timeoutMs: number | undefined): string[] {
  if (!TIMEOUT_BIN || !timeoutMs) return [];
  return [TIMEOUT_BIN, '-k', '2', `${Math.ceil(timeoutMs / 1000) + 5}`];
}

/** Run `command` with /bin/sh in a new process group. Never throws for the command's own failures. */
export async function runShell(command: string, opts: RunOptions): Promise<RunResult> {
  installExitHook();
  const started = Date.now();
  const maxOutput = opts.maxOutput ?? 64_000;
  if (opts.signal?.aborted) {
    return { exitCode: null, signal: null, timedOut: false, cancelled: true, stdout: '', stderr: '', ms: 0 };
  }
  const limits = opts.limits;
  const argv = [
    ...(opts.wrapper ?? []), ...backstop(opts.timeoutMs), ...(limits ? limitWords(limits) : []),
    '/bin/sh', '-c', (limits ? limitShell(limits) : 'ulimit -c 0 2>/dev/null; ') + command,
  ];
  const sub = execa(argv[0], argv.slice(1), {
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: false,
    detached: true,
    cleanup: false,
    stdin: 'ignore',
    reject: false,
    stripFinalNewline: false,
    buffer: false,
    encoding: 'utf8',
  });
  const pgid = sub.pid;
  if (pgid) liveGroups.add(pgid);
  // When the shell ends, what it left running in its group goes (a leftover holding the output pipes
  // open would otherwise keep the run going until it ends by itself).
  sub.once('exit', () => { if (pgid) killGroup(pgid); });
  let timedOut = false;
  let cancelled = false;
  let outputFlood = false;
  // A descendant that left the group could keep the pipes open after the kill: stop waiting for it then.
  let giveUp: (v: null) => void = () => {};
  const gaveUp = new Promise<null>((resolve) => { giveUp = resolve; });
  const stop = (why: 'timeout' | 'cancel') => {
    if (timedOut || cancelled) return;
    if (why === 'timeout') timedOut = true;
    else cancelled = true;
    if (pgid) killGroup(pgid);
    setTimeout(() => giveUp(null), 3000).unref();
  };
  const timer = opts.timeoutMs ? setTimeout(() => stop('timeout'), opts.timeoutMs) : undefined;
  const onAbort = () => stop('cancel');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  // Only a bounded tail of each stream is kept; a run that floods its output is stopped.
  const tails = [new Tail(maxOutput), new Tail(maxOutput)];
  [sub.stdout, sub.stderr].forEach((stream, i) => stream?.on('data', (chunk: string) => {
    tails[i].push(chunk);
    if (tails[i].total > OUTPUT_LIMIT && !outputFlood) {
      outputFlood = true;
      if (pgid) killGroup(pgid);
      setTimeout(() => giveUp(null), 3000).unref();
    }
  }));
  try {
    const result = await Promise.race([sub, gaveUp]);
    if (!result) {
      sub.stdout?.destroy();
      sub.stderr?.destroy();
      return {
        exitCode: null, signal: 'SIGKILL', timedOut, cancelled, outputFlood,
        stdout: String(tails[0]), stderr: String(tails[1]), ms: Date.now() - started,
      };
    }
    const spawnError = result.failed && result.exitCode === undefined && !result.signal && !timedOut && !cancelled
      ? (result.cause instanceof Error ? result.cause.message : result.shortMessage)
      : undefined;
    return {
      exitCode: result.exitCode ?? null,
      signal: result.signal ?? null,
      timedOut,
      cancelled,
      spawnError,
      outputFlood,
      stdout: String(tails[0]),
      stderr: String(tails[1]),
      ms: Date.now() - started,
    };
  } finally {
    if (timer) clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    // Whatever the shell left behind in its group goes too.
    if (pgid) {
      killGroup(pgid);
      liveGroups.delete(pgid);
    }
  }
}
