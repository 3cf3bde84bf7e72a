/**
 * Traced test runs: the tracer (python/flare_trace.py, standard library only) is copied into the
 * scratch area, put on PYTHONPATH, and hooked into the planned command (`python -m unittest` becomes
 * `python -m flare_trace unittest`; pytest gets `-p flare_trace`, also through PYTEST_PLUGINS for
 * commands that start pytest in other ways). Each run writes its per-test matrix to TRACE_FILE in the
 * run folder, read back here.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestPlan } from './tests.js';

/** The tracer's output, as flare_trace.py writes it (format version 1). */
export interface TraceTest {
  id: string;
  outcome: 'pass' | 'fail' | 'error' | 'skip';
  /** Path relative to the root -> 1-based executed lines. */
  lines: Record<string, number[]>;
  exception: string | null;
  /** Traceback frames in project files, outermost first. */
  frames: { file: string; line: number }[];
}

export interface TraceMatrix {
  version: 1;
  framework: 'unittest' | 'pytest';
  tests: TraceTest[];
}

export const TRACE_FILE = '.flare-trace.json';
const MODULE = 'flare_trace';
const SOURCE = 'flare_trace.py';

/** Where flare_trace.py is: next to this module (sources), or in server/src of the package (dist/). */
export function tracerSource(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'python', SOURCE), join(here, '..', '..', '..', '..', 'server', 'src', 'exec', 'python', SOURCE)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`the test tracer ${SOURCE} is missing (looked in ${candidates.join(', ')})`);
  return found;
}

/** Copy the tracer into `dir` (a folder of the scratch area); returns the folder for PYTHONPATH. */
export async function installTracer(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await copyFile(tracerSource(), join(dir, SOURCE));
  return dir;
}

const UNITTEST = /(^|\s)-m\s+unittest(?=\s|$)/g;
const PYTEST = /(^|\s)-m\s+pytest(?=\s|$)/g;

/**
 * Make a plan traced (before its warm interpreter starts, which inherits the environment). Returns
 * false when the command has no form the tracer hooks into (then runs are plain).
 */
export function traceCommand(plan: TestPlan, tracerDir: string, lines = true): boolean {
  const env = plan.env;
  if (!lines) env.FLARE_TRACE_LINES = '0';
  env.PYTHONPATH = [tracerDir, env.PYTHONPATH].filter(Boolean).join(delimiter);
  env.FLARE_TRACE_OUT = TRACE_FILE;
  env.PYTEST_PLUGINS = [env.PYTEST_PLUGINS, MODULE].filter(Boolean).join(',');
  const before = plan.template;
  let template = before.replace(UNITTEST, `$1-m ${MODULE} unittest`).replace(PYTEST, `$1-m pytest -p ${MODULE}`);
  const hooked = template !== before || /(^|[\s/])py\.?test(\s|$)/.test(before);
  // The shell's folder at the start is the project root, even if the command changes folder.
  template = `FLARE_TRACE_ROOT="$PWD"; export FLARE_TRACE_ROOT; ${template}`;
  plan.template = template;
  if (plan.warm?.module === 'unittest') plan.warm = { module: MODULE, args: ['unittest', ...plan.warm.args] };
  else if (plan.warm?.module === 'pytest') plan.warm = { module: 'pytest', args: ['-p', MODULE, ...plan.warm.args] };
  return hooked;
}

function isTest(x: unknown): x is TraceTest {
  const t = x as TraceTest;
  return !!t && typeof t.id === 'string' && ['pass', 'fail', 'error', 'skip'].includes(t.outcome)
    && typeof t.lines === 'object' && t.lines !== null && Array.isArray(t.frames);
}

/** Read and check a run folder's trace (null when the run left none, e.g. it was killed). */
export async function readTrace(runDir: string): Promise<TraceMatrix | null> {
  const file = join(runDir, TRACE_FILE);
  const text = await readFile(file, 'utf8').catch(() => null);
  await rm(file, { force: true });
  if (text === null) return null;
  let data: TraceMatrix;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (data?.version !== 1 || !Array.isArray(data.tests) || !data.tests.every(isTest)) return null;
  return data;
}
