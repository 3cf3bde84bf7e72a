/**
 * What the OS offers to fence test runs in: a private network namespace (no network, loopback up
 * where possible) through util-linux `unshare`, and a scrubbed environment. Detected once.
 */
import { execFile } from 'node:child_process';

export interface Isolation {
  /** Words to put before the command, empty when no isolation is available. */
  wrapper: string[];
  description: string;
}

let detected: Promise<Isolation> | undefined;

function works(cmd: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 5000 }, (err) => resolve(!err));
  });
}

/** The best network isolation this machine allows (cached). */
export function detectIsolation(): Promise<Isolation> {
  detected ??= (async () => {
    if (process.platform !== 'linux') return { wrapper: [], description: 'none (not Linux)' };
    // As root a plain network namespace works; otherwise a user namespace that keeps our uid.
    const isRoot = process.getuid?.() === 0;
    const variants: string[][] = isRoot ? [['-n']] : [['--user', '--map-current-user', '--net'], ['-r', '-n']];
    for (const v of variants) {
      if (await works('unshare', [...v, 'true'])) {
        return { wrapper: ['unshare', ...v, '--'], description: `no network (unshare ${v.join(' ')})` };
      }
    }
    return { wrapper: [], description: 'none (unshare not available)' };
  })();
  return detected;
}

/** Commands run inside the namespace first: bring loopback up so local servers in tests still work. */
export const LOOPBACK_UP = '(ip link set lo up || ifconfig lo up) >/dev/null 2>&1; ';

const SECRET = /(TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|SESSION)/i;
const DROP = new Set(['SSH_AUTH_SOCK', 'GPG_AGENT_INFO', 'OLLAMA_HOST', 'NODE_OPTIONS']);
const DROP_PREFIX = ['AWS_', 'AZURE_', 'GOOGLE_', 'GCP_', 'GH_', 'GITHUB_', 'NPM_CONFIG_', 'DOCKER_', 'KUBE'];

/**
 * The environment for test runs: secrets and credentials removed. Byte code writes stay as the user
 * has them: every run folder starts without __pycache__, so no stale .pyc can come from a scratch copy,
 * and caches in site-packages (pytest's rewritten plugins) save much time on every run.
 */
export function scrubbedEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (v === undefined || DROP.has(k) || SECRET.test(k)) continue;
    if (DROP_PREFIX.some((p) => k.toUpperCase().startsWith(p))) continue;
    env[k] = v;
  }
  return env;
}
