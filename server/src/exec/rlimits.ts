/**
 * Resource limits of test runs (setrlimit): CPU seconds, address space, size of any file written,
 * processes, no core dumps. Shell runs get them through util-linux `prlimit` (or the shell's
 * `ulimit` where prlimit is missing); the warm interpreter sets them in every forked run.
 * RLIMIT_NPROC counts every process of the user and is not enforced for root: the process count is
 * then bounded by killing the run's process group / PID namespace when the run ends.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';

export interface RunLimitsSpec {
  /** CPU seconds of each process. */
  cpuSec: number;
  /** Address space of each process, bytes. */
  memoryBytes: number;
  /** Largest file a process may write, bytes. */
  fileBytes: number;
  /** Processes of the user (not enforced for root). */
  processes: number;
}

export const DEFAULT_MEMORY_MB = 4096;
export const FILE_LIMIT_BYTES = 512 * 1024 * 1024;
/** Processes a run may add to those the user already has. */
export const EXTRA_PROCESSES = 512;
/** Characters of stdout or stderr one run may print before it is stopped. */
export const OUTPUT_LIMIT = 8 * 1024 * 1024;

const PRLIMIT = ['/usr/bin/prlimit', '/bin/prlimit'].find((p) => existsSync(p));

let userProcesses: number | undefined;

/** Processes this user runs now (counted once). */
function countUserProcesses(): number {
  if (userProcesses !== undefined) return userProcesses;
  const uid = process.getuid?.() ?? -1;
  let n = 0;
  try {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        if (statSync(`/proc/${name}`).uid === uid) n++;
      } catch { /* gone */ }
    }
  } catch { /* no /proc */ }
  userProcesses = n;
  return n;
}

/** Limits for runs with a wall-clock limit of `timeoutMs`. */
export function runLimits(timeoutMs: number, memoryMb = DEFAULT_MEMORY_MB): RunLimitsSpec {
  return {
    cpuSec: Math.ceil(timeoutMs / 1000) + 5,
    memoryBytes: memoryMb * 1024 * 1024,
    fileBytes: FILE_LIMIT_BYTES,
    processes: countUserProcesses() + EXTRA_PROCESSES,
  };
}

/** Words that start a command under the limits (`cpu: false` leaves CPU time unlimited: a long-lived server). */
export function limitWords(l: RunLimitsSpec, cpu = true): string[] {
  if (!PRLIMIT) return [];
  return [
    PRLIMIT, ...(cpu ? [`--cpu=${l.cpuSec}`] : []), `--as=${l.memoryBytes}`, `--fsize=${l.fileBytes}`,
    `--nproc=${l.processes}`, '--core=0', '--',
  ];
}

/** Shell text with the same limits, for machines without prlimit (dash knows -t, -v, -f and -c). */
export function limitShell(l: RunLimitsSpec, cpu = true): string {
  if (PRLIMIT) return 'ulimit -c 0 2>/dev/null; ';
  const kb = (b: number) => Math.floor(b / 1024);
  const parts = [cpu ? `ulimit -t ${l.cpuSec}` : '', `ulimit -v ${kb(l.memoryBytes)}`, `ulimit -f ${Math.floor(l.fileBytes / 512)}`, 'ulimit -c 0'];
  return parts.filter(Boolean).map((p) => `${p} 2>/dev/null; `).join('');
}

export function describeLimits(l: RunLimitsSpec): string {
  return `CPU time of the run's time limit + 5 s, memory ${Math.round(l.memoryBytes / 1048576)} MB, files ${Math.round(l.fileBytes / 1048576)} MB, `
    + `processes ${process.getuid?.() === 0 ? 'not limited for root (the run\'s group/namespace is killed at its end)' : l.processes}, `
    + `output ${OUTPUT_LIMIT / 1048576} MB`;
}
