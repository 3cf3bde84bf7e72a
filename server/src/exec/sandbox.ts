/**
 * How test runs are fenced in, detected once by trying each level for real:
 *  - `bwrap`: bubblewrap with a read-only view of the whole file system (the project included), the
 *    scratch area bound writable (its base copy read-only), a private /tmp, /proc and /dev, every namespace unshared
 *    (no network but loopback, own PID namespace) and --die-with-parent;
 *  - `unshare`: util-linux unshare with a private network and PID namespace (user namespace when not
 *    root) and --kill-child; the file system is not fenced;
 *  - `none`: no namespaces at all.
 * Every level adds resource limits (rlimits.ts) and an environment built from an allow-list.
 * FLARE_CONTAINMENT=unshare|none caps the level (tests of the fallbacks, machines where bwrap misbehaves).
 */
import { execFile } from 'node:child_process';
import { dirname } from 'node:path';

export type ContainmentLevel = 'bwrap' | 'unshare' | 'none';

export interface Containment {
  level: ContainmentLevel;
  /** For `unshare`: the options that worked here. */
  options: string[];
  /** One line for logs. */
  description: string;
}

const LEVELS: ContainmentLevel[] = ['bwrap', 'unshare', 'none'];
const detected = new Map<ContainmentLevel, Promise<Containment>>();

function works(cmd: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 10_000 }, (err, stdout) => resolve(!err && stdout.trim() === 'ok'));
  });
}

const PROBE = ['/bin/sh', '-c', 'echo ok'];

function bwrapProbeArgs(): string[] {
  return [...bwrapArgs('/tmp', {}).slice(1), ...PROBE];
}

function unshareVariants(): string[][] {
  const pid = ['--pid', '--fork', '--kill-child', '--mount-proc'];
  return process.getuid?.() === 0
    ? [['--net', ...pid], ['--net']]
    : [['--user', '--map-root-user', '--net', ...pid], ['--user', '--map-root-user', '--net']];
}

/** The highest level this machine allows, at most `cap` (default: FLARE_CONTAINMENT, else bwrap). */
export function detectContainment(cap?: ContainmentLevel): Promise<Containment> {
  const env = process.env.FLARE_CONTAINMENT as ContainmentLevel | undefined;
  const max = cap ?? (env && LEVELS.includes(env) ? env : 'bwrap');
  let p = detected.get(max);
  if (!p) {
    p = (async (): Promise<Containment> => {
      const forced = max !== 'bwrap' ? ` (capped at ${max})` : '';
      if (process.platform !== 'linux') return { level: 'none', options: [], description: 'none (not Linux): resource limits only' };
      if (max === 'bwrap' && await works('bwrap', bwrapProbeArgs())) {
        return { level: 'bwrap', options: [], description: 'bubblewrap: read-only file system except the scratch copy, private /tmp, no network, own PID namespace' };
      }
      if (max !== 'none') {
        for (const v of unshareVariants()) {
          if (await works('unshare', [...v, '--', ...PROBE])) {
            const pid = v.includes('--pid') ? ', own PID namespace' : '';
            return { level: 'unshare', options: v, description: `unshare ${v.join(' ')}: no network${pid}; the file system is NOT fenced${forced}` };
          }
        }
      }
      return { level: 'none', options: [], description: `none: resource limits only; network and file system are NOT fenced${forced}` };
    })();
    detected.set(max, p);
  }
  return p;
}

function bwrapArgs(area: string, opts: { readOnly?: string; visible?: string; network?: boolean }): string[] {
  const ro = (p: string | undefined) => (p ? ['--ro-bind', p, p] : []);
  // Later mounts cover earlier ones: the project (read-only, it may live under /tmp), then the area, then its base.
  return [
    'bwrap', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp', ...ro(opts.visible),
    '--bind', area, area, ...ro(opts.readOnly),
    '--unshare-all', ...(opts.network ? ['--share-net'] : []), '--cap-drop', 'ALL', '--die-with-parent', '--new-session', '--',
  ];
}

export interface FenceOptions {
  /** The scratch area: the only place runs may write. */
  area: string;
  /** A folder inside the area that stays read-only (the base copy). */
  readOnly?: string;
  /** A folder shown read-only even where it would be hidden (the project, which may live under /tmp). */
  visible?: string;
  /** Keep the network (the `tests.isolateNetwork` setting off). */
  network?: boolean;
}

export interface Fence {
  /** Words put before the command. */
  wrapper: string[];
  /** Shell text run first inside the wrapper (bring loopback up in a fresh network namespace). */
  prefix: string;
  /** Runs live in their own PID namespace (their pids are not this process's to signal). */
  pidNamespace: boolean;
  description: string;
}

/** Commands run inside a fresh network namespace first: loopback up, so that local servers in tests work. */
export const LOOPBACK_UP = '(ip link set lo up || ifconfig lo up) >/dev/null 2>&1; ';

/** The wrapper for runs at level `c`. */
export function fence(c: Containment, opts: FenceOptions): Fence {
  if (c.level === 'bwrap') {
    const net = opts.network ? '; network allowed (tests.isolateNetwork off)' : '';
    return { wrapper: bwrapArgs(opts.area, opts), prefix: '', pidNamespace: true, description: c.description + net };
  }
  if (c.level === 'unshare' && !opts.network) {
    return { wrapper: ['unshare', ...c.options, '--'], prefix: LOOPBACK_UP, pidNamespace: c.options.includes('--pid'), description: c.description };
  }
  const why = c.level === 'unshare' ? 'none: network allowed (tests.isolateNetwork off); resource limits only' : c.description;
  return { wrapper: [], prefix: '', pidNamespace: false, description: why };
}

/** Variables that pass into test runs (plus LC_*, PYTHON* and PYENV_*); everything else is dropped. */
const ALLOW = new Set([
  'PATH', 'LANG', 'LANGUAGE', 'TZ', 'TERM', 'VIRTUAL_ENV', 'CONDA_PREFIX', 'CONDA_DEFAULT_ENV', 'PIPENV_ACTIVE', 'POETRY_ACTIVE',
  'USER', 'LOGNAME', 'SHELL',
]);
const ALLOW_PREFIX = ['LC_', 'PYTHON', 'PYENV_'];
const SECRET = /(TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|SESSION|AUTH)/i;

/**
 * The environment of test runs, from an allow-list: PATH, locale, the project's virtualenv / pyenv /
 * conda variables and Python's own; HOME and TMPDIR point into the scratch area. Names that look like
 * secrets are dropped even when allowed. Byte-code settings stay as the user has them.
 */
export function scrubbedEnv(base: NodeJS.ProcessEnv = process.env, home?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (v === undefined || SECRET.test(k)) continue;
    if (ALLOW.has(k) || ALLOW_PREFIX.some((p) => k.startsWith(p))) env[k] = v;
  }
  // pyenv shims find their root through HOME when PYENV_ROOT is not set: keep them working.
  const shims = (env.PATH ?? '').split(':').find((d) => d.endsWith('/shims') && d.includes('pyenv'));
  if (shims && !env.PYENV_ROOT) env.PYENV_ROOT = dirname(shims.replace(/\/plugins\/[^/]+\/shims$/, '/shims'));
  if (home) {
    env.HOME = home;
    env.TMPDIR = `${home}/tmp`;
  }
  return env;
}
