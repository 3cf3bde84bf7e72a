/**
 * The project's Python: a virtualenv inside the project, an active one, or python3 on PATH; whether it
 * can import pytest; and, when PATH only holds pyenv shims (half a second per start), the real
 * executables behind them so that hundreds of test runs do not pay for the shim each time.
 */
import { execFile } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';

export interface PythonInfo {
  /** What to invoke: an absolute path, or a name looked up on PATH. */
  command: string;
  /** sys.executable as the interpreter reports it. */
  executable: string;
  version: string;
  hasPytest: boolean;
  /** The bin folder of a virtualenv inside the project (put first on PATH for test runs). */
  venvBin?: string;
}

const PROBE = [
  'import sys, importlib.util as u',
  'print(sys.executable)',
  "print('%d.%d.%d' % sys.version_info[:3])",
  "print(int(u.find_spec('pytest') is not None))",
].join('\n');

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env, timeout: 30_000 }, (err, stdout) => resolve(err ? null : stdout));
  });
}

/** The first existing virtualenv interpreter inside the project. */
export function projectVenv(root: string): string | undefined {
  for (const dir of ['.venv', 'venv', 'env', '.env']) {
    const py = join(root, dir, 'bin', 'python');
    if (existsSync(join(root, dir, 'pyvenv.cfg')) && existsSync(py)) return py;
  }
  return undefined;
}

/** Find and probe the project's interpreter (an explicit one first). Null when none runs. */
export async function probePython(root: string, env: NodeJS.ProcessEnv, explicit?: string): Promise<PythonInfo | null> {
  const venv = projectVenv(root);
  const active = env.VIRTUAL_ENV ? join(env.VIRTUAL_ENV, 'bin', 'python') : undefined;
  const choices = [explicit, venv, active && existsSync(active) ? active : undefined, 'python3', 'python']
    .filter((c): c is string => !!c);
  for (const command of explicit ? [explicit] : choices) {
    const out = await run(command, ['-c', PROBE], root, env);
    if (!out) continue;
    const [executable, version, pytest] = out.trim().split('\n');
    return {
      command, executable, version, hasPytest: pytest === '1',
      venvBin: command === venv ? dirname(venv) : undefined,
    };
  }
  return null;
}

/** Absolute path of `name` on PATH, if any. */
export function which(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** Does `token` (a command name or path) start the same interpreter as `info`? */
export function sameInterpreter(token: string, info: PythonInfo, env: NodeJS.ProcessEnv, pinned?: Pinned): boolean {
  if (token === info.command || token === info.executable) return true;
  if (!/^python[\d.]*$/.test(token.split('/').pop() ?? '')) return false;
  const found = token.includes('/') ? token : which(token, env);
  if (!found) return false;
  if (info.venvBin) return dirname(found) === info.venvBin;
  try {
    return realpathSync(pinned?.targets.get(found) ?? found) === realpathSync(info.executable);
  } catch {
    return false;
  }
}

function isShim(path: string): boolean {
  return path.split('/').includes('shims');
}

export interface Pinned {
  /** The folder to put first on PATH. */
  dir: string;
  /** Wrapper name → the executable it runs. */
  targets: Map<string, string>;
}

/**
 * When `python3` on PATH is a pyenv-style shim, write small wrappers that exec the interpreter the shim
 * picks for this project (and its python, pytest, ...) into `binDir`. Undefined when nothing needed pinning.
 */
export async function pinShims(info: PythonInfo, env: NodeJS.ProcessEnv, binDir: string, extra: string[] = []): Promise<Pinned | undefined> {
  // Only when the interpreter is the one `python3` on PATH names (not an explicit or virtualenv one).
  const onPath = which('python3', env);
  if (info.command !== 'python3' || !onPath || !isShim(onPath) || info.venvBin) return undefined;
  let real: string;
  try {
    real = realpathSync(info.executable);
  } catch {
    return undefined;
  }
  if (isShim(real)) return undefined;
  const realBin = dirname(info.executable);
  const names = new Set(['python3', 'python', 'pytest', 'py.test', ...extra]);
  const wrappers: [string, string][] = [];
  for (const name of names) {
    if (!/^[\w.+-]+$/.test(name)) continue;
    const shim = which(name, env);
    if (!shim || !isShim(shim)) continue;
    const target = name === 'python3' ? info.executable : join(realBin, name);
    if (existsSync(target)) wrappers.push([name, target]);
  }
  if (!wrappers.length) return undefined;
  await mkdir(binDir, { recursive: true });
  for (const [name, target] of wrappers) {
    const file = join(binDir, name);
    await writeFile(file, `#!/bin/sh\nexec '${target.replace(/'/g, `'\\''`)}' "$@"\n`);
    await chmod(file, 0o755);
  }
  return { dir: binDir, targets: new Map(wrappers.map(([name, target]) => [join(binDir, name), target])) };
}
