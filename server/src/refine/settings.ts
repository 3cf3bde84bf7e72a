/**
 * Refinement settings (section `flare`): defaults, validation and the environment fallbacks, in one
 * place for the CLI and the language server. Accepts nested objects (`{refine: {k: 3}}`) and dotted
 * keys (`{"refine.k": 3}`); unknown or invalid values are reported and replaced by the default.
 */
import { availableParallelism } from 'node:os';

export type GeneratorName = 'auto' | 'templates' | 'ollama';

export interface RefineSettings {
  refine: {
    generator: GeneratorName;
    /** Regions (suspicious statements) tried per round, 1..10. */
    k: number;
    /** Rounds: an improved but not fixed file becomes the base of the next round. */
    rounds: number;
    /** The editor applies a fix without asking (read by the language server only). */
    autoApply: boolean;
    /** Test runs at the same time. */
    parallel: number;
    /** Template candidates tested per round at most. */
    maxCandidates: number;
    /** Wall-clock budget of one refinement job; when spent, the best result so far is returned. */
    timeBudgetSec: number;
  };
  tests: {
    /** Shell command that runs the tests in the project root; empty = detect pytest / unittest. */
    command: string;
    /** Limit of one test run. */
    timeoutSec: number;
    /** Run tests without network (private network namespace) where the OS allows. */
    isolateNetwork: boolean;
    /** Run `python -m unittest|pytest` through a warm interpreter that forks per run. */
    reuseInterpreter: boolean;
    /** Address-space limit of every test process, MB. */
    memoryMb: number;
    /** "Run tests and re-score": time for mutant runs when tests fail, seconds (0 = none). */
    mutationSec: number;
  };
  ollama: {
    host: string;
    model: string;
    temperature: number;
    /** Context window; kept the same on every request (a change reloads the model). */
    numCtx: number;
    /** Limit of one request. */
    timeoutSec: number;
    keepAlive: string;
  };
}

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

interface Spec {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'enum';
  def: (env: NodeJS.ProcessEnv) => string | number | boolean;
  min?: number;
  max?: number;
  values?: string[];
  doc: string;
}

/** Every key with its type, default and meaning (also used to write the settings table in README.md). */
export const SETTINGS: Record<string, Spec> = {
  'refine.generator': { type: 'enum', values: ['auto', 'templates', 'ollama'], def: () => 'auto', doc: 'Where candidate fixes come from: `templates` (repair patterns, no model), `ollama` (a local LLM), `auto` (templates first, then Ollama when no template passes every test).' },
  'refine.k': { type: 'integer', min: 1, max: 10, def: () => 5, doc: 'Suspicious regions (statements or small blocks) tried per round; also the number of Ollama requests per round.' },
  'refine.rounds': { type: 'integer', min: 1, max: 10, def: () => 3, doc: 'Rounds: when the best candidate passes more tests than its base but not all, it becomes the base of the next round; when no candidate is better, the next round tries the next k regions.' },
  'refine.autoApply': { type: 'boolean', def: () => false, doc: 'Apply a fix that passes every test without asking (language server only).' },
  'refine.parallel': { type: 'integer', min: 1, max: 64, def: () => availableParallelism(), doc: 'Test runs at the same time: refinement candidates, and the small changes that "Run tests and re-score" tries (default: number of CPU cores).' },
  'refine.maxCandidates': { type: 'integer', min: 1, max: 2000, def: () => 80, doc: 'Template candidates tested per round at most (best-ranked first).' },
  'refine.timeBudgetSec': { type: 'number', min: 1, max: 86400, def: () => 600, doc: 'Wall-clock budget of one refinement; when spent, no new candidate starts and the best result so far is returned.' },
  'tests.command': { type: 'string', def: () => '', doc: 'Shell command that runs the tests from the project root. Empty: `python -m pytest` when the project\'s Python can import pytest, else `python -m unittest discover`.' },
  'tests.timeoutSec': { type: 'number', min: 1, max: 3600, def: () => 60, doc: 'Limit of one test run (the original and every candidate); the run\'s process group is killed when it passes.' },
  'tests.isolateNetwork': { type: 'boolean', def: () => true, doc: 'Run tests without network (loopback only) where the OS allows it (bubblewrap or `unshare`; see "Safety: what is contained").' },
  'tests.reuseInterpreter': { type: 'boolean', def: () => true, doc: 'Run `python -m unittest` / `python -m pytest` test commands in a warm interpreter that forks once per run (saves the interpreter start-up on every candidate); off runs every command through the shell.' },
  'tests.memoryMb': { type: 'integer', min: 256, max: 1048576, def: () => 4096, doc: 'Address-space limit (RLIMIT_AS) of every test process, in MB; an allocation beyond it fails at once instead of swapping the machine.' },
  'tests.mutationSec': { type: 'number', min: 0, max: 3600, def: () => 60, doc: '"Run tests and re-score" and `flare check --tests`: when tests fail, time spent trying small changes to the lines they ran (one test run each); a change that makes failing tests pass marks its line. 0 turns it off.' },
  'ollama.host': { type: 'string', def: (env) => ollamaHostFromEnv(env), doc: 'Ollama server; default `OLLAMA_HOST` when set, else `http://127.0.0.1:11434`.' },
  'ollama.model': { type: 'string', def: () => 'qwen2.5-coder:7b', doc: 'Model name as `ollama list` shows it (pull it first: `ollama pull <model>`).' },
  'ollama.temperature': { type: 'number', min: 0, max: 2, def: () => 0.2, doc: 'Sampling temperature of every request.' },
  'ollama.numCtx': { type: 'integer', min: 512, max: 262144, def: () => 8192, doc: 'Context window (`num_ctx`), the same on every request so that Ollama does not reload the model.' },
  'ollama.timeoutSec': { type: 'number', min: 1, max: 3600, def: () => 120, doc: 'Limit of one Ollama request (the HTTP request is aborted when it passes).' },
  'ollama.keepAlive': { type: 'string', def: () => '30m', doc: 'How long Ollama keeps the model loaded after a request (`keep_alive`).' },
};

/** What every test run takes from the `tests.*` settings: the command, network fencing and memory limit. */
export function testRunOptions(t: RefineSettings['tests']): { command: string; isolateNetwork: boolean; memoryMb: number } {
  return { command: t.command, isolateNetwork: t.isolateNetwork, memoryMb: t.memoryMb };
}

/** OLLAMA_HOST as a client URL (`0.0.0.0` is where a server listens, not an address to call). */
export function ollamaHostFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.OLLAMA_HOST?.trim();
  if (!raw) return DEFAULT_OLLAMA_HOST;
  let host = raw.includes('://') ? raw : `http://${raw.startsWith(':') ? `127.0.0.1${raw}` : raw}`;
  host = host.replace('//0.0.0.0', '//127.0.0.1').replace('//localhost', '//127.0.0.1');
  try {
    const u = new URL(host);
    if (!u.port && !raw.includes('://')) u.port = '11434';
    return u.toString().replace(/\/$/, '');
  } catch {
    return DEFAULT_OLLAMA_HOST;
  }
}

function lookup(input: unknown, key: string): unknown {
  if (!input || typeof input !== 'object') return undefined;
  const obj = input as Record<string, unknown>;
  if (key in obj) return obj[key];
  const [head, ...rest] = key.split('.');
  return rest.length ? lookup(obj[head], rest.join('.')) : undefined;
}

function coerce(spec: Spec, key: string, value: unknown, warnings: string[]): string | number | boolean | undefined {
  if (value === undefined || value === null) return undefined;
  const bad = (why: string) => { warnings.push(`flare.${key}: ${why}; using the default`); return undefined; };
  switch (spec.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return bad(`expected true or false, got ${JSON.stringify(value)}`);
    case 'string':
      return typeof value === 'string' ? value : bad(`expected a string, got ${JSON.stringify(value)}`);
    case 'enum':
      return typeof value === 'string' && spec.values!.includes(value) ? value : bad(`expected one of ${spec.values!.join(', ')}, got ${JSON.stringify(value)}`);
    default: {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
      if (!Number.isFinite(n)) return bad(`expected a number, got ${JSON.stringify(value)}`);
      if (spec.type === 'integer' && !Number.isInteger(n)) return bad(`expected a whole number, got ${n}`);
      if (spec.min !== undefined && n < spec.min) return bad(`${n} is below the minimum ${spec.min}`);
      if (spec.max !== undefined && n > spec.max) return bad(`${n} is above the maximum ${spec.max}`);
      return n;
    }
  }
}

export interface ResolvedSettings {
  settings: RefineSettings;
  /** One line per ignored value. */
  warnings: string[];
}

/** Defaults overlaid with `input` (the `flare` section, nested or dotted keys). */
export function resolveSettings(input: unknown = {}, env: NodeJS.ProcessEnv = process.env): ResolvedSettings {
  const warnings: string[] = [];
  const out: Record<string, Record<string, unknown>> = { refine: {}, tests: {}, ollama: {} };
  for (const [key, spec] of Object.entries(SETTINGS)) {
    const [group, name] = key.split('.');
    let v = coerce(spec, key, lookup(input, key), warnings);
    if (v === undefined) v = spec.def(env);
    if (key === 'ollama.host' && typeof v === 'string') v = v.trim() || ollamaHostFromEnv(env);
    out[group][name] = v;
  }
  return { settings: out as unknown as RefineSettings, warnings };
}

/** The refinement rows of the settings table in README.md (with the `flare.` prefix). */
export function settingsTable(): string {
  const rows = Object.entries(SETTINGS).map(([key, s]) => {
    const type = s.type === 'enum' ? s.values!.map((v) => `\`${v}\``).join(' \\| ') : s.type;
    const range = s.min !== undefined ? ` (${s.min}–${s.max})` : '';
    let def: string;
    if (key === 'refine.parallel') def = 'CPU cores';
    else if (key === 'ollama.host') def = '`OLLAMA_HOST` or `http://127.0.0.1:11434`';
    else { const d = s.def({}); def = d === '' ? '(empty)' : `\`${String(d)}\``; }
    return `| \`flare.${key}\` | ${type}${range} | ${def} | ${s.doc} |`;
  });
  return ['| key | type | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
