/**
 * The project's tests: which command runs them (a configured command wins; else pytest when the
 * project's Python can import it; else `python -m unittest discover`), running that command in a
 * scratch folder under a time limit, and reading per-test outcomes from it (pytest's JUnit XML,
 * unittest's result lines and summary, and the exit status as the last resort).
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { type ParsedOutcomes, type Outcome, type TestFailure, emptyOutcomes } from './outcomes.js';
import { parseJunit } from './junit.js';
import { parsePytestConsole } from './pytest.js';
import { parseUnittest } from './unittest.js';
import { type Pinned, type PythonInfo, pinShims, probePython, sameInterpreter } from './python.js';
import { runShell } from './process.js';
import { type RunLimitsSpec, OUTPUT_LIMIT, describeLimits, runLimits } from './rlimits.js';
import { type ContainmentLevel, detectContainment, fence, scrubbedEnv } from './sandbox.js';
import type { Scratch } from './scratch.js';
import { traceCommand } from './trace.js';
import { WarmPython } from './warm.js';

export type { Outcome, TestFailure };

export interface TestOptions {
  /** A shell command that runs the tests (the `tests.command` setting); empty = detect. */
  command?: string;
  /** Interpreter to use instead of the detected one. */
  python?: string;
  /** Run tests in a private network namespace when the OS allows (default true). */
  isolateNetwork?: boolean;
  /** Environment to start from (default process.env); secrets are removed from it. */
  env?: NodeJS.ProcessEnv;
  /** Run `python -m unittest|pytest` commands in a warm interpreter that forks per run (default true). */
  reuseInterpreter?: boolean;
  /** Address-space limit of every test process, MB (default 4096). */
  memoryMb?: number;
  /** Highest containment level to use (default: the best the machine allows). */
  containment?: ContainmentLevel;
  /** A folder holding the tracer (exec/trace.ts): runs then record per-test coverage and tracebacks. */
  trace?: string;
  /** With `trace`: record per-test executed lines (default true); false = outcomes and tracebacks only. */
  traceLines?: boolean;
}

export interface TestPlan {
  kind: 'custom' | 'pytest' | 'unittest';
  /** The command as shown to users. */
  display: string;
  /** The shell command; `{junit}` stands for a report path chosen per run. */
  template: string;
  junit: boolean;
  env: NodeJS.ProcessEnv;
  wrapper: string[];
  python?: PythonInfo;
  /** How runs are fenced, in words. */
  isolation: string;
  /** The containment level in use. */
  level: ContainmentLevel;
  /** Runs get their own PID namespace. */
  pidNamespace: boolean;
  /** Address-space limit, MB. */
  memoryMb: number;
  /** The command as `python -m <module> <args>` when it has that simple form (`{junit}` allowed in args). */
  warm?: { module: string; args: string[] };
  /** The warm interpreter that runs it, when one started. */
  server?: WarmPython;
  /** Remarks for logs (why no warm interpreter, ...). */
  notes: string[];
  /** Runs write a trace (TRACE_FILE) into their folder. */
  traced?: boolean;
}

export type TestStatus = 'passed' | 'failed' | 'timeout' | 'cancelled' | 'no-tests' | 'cannot-start';

export interface TestReport {
  status: TestStatus;
  exitCode: number | null;
  passed: number;
  failed: number;
  skipped: number;
  /** How the counts were read. */
  granularity: 'per-test' | 'summary' | 'exit-status';
  outcomes: Map<string, Outcome>;
  failures: TestFailure[];
  ms: number;
  /** The tail of stderr and stdout, for messages. */
  output: string;
}

export class TestSetupError extends Error {}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const PYTEST_IN_COMMAND = /(^|[\s/])(py\.?test|-m\s+pytest)(\s|$)/;
const SHELL_SYNTAX = /[;&|<>`$()\n]/;

/** Decide how to run the project's tests. */
export async function planTests(root: string, scratch: Scratch, opts: TestOptions = {}): Promise<TestPlan> {
  const home = scratch.path('home');
  await mkdir(join(home, 'tmp'), { recursive: true });
  const env = scrubbedEnv(opts.env ?? process.env, home);
  const containment = await detectContainment(opts.containment);
  const fenced = fence(containment, {
    area: scratch.area, readOnly: scratch.base, visible: scratch.root, network: opts.isolateNetwork === false,
  });
  const memoryMb = opts.memoryMb ?? 4096;
  const isolation = { wrapper: fenced.wrapper, description: `${fenced.description}; limits: ${describeLimits(runLimits(60_000, memoryMb))}` };
  const common = { env, wrapper: fenced.wrapper, pidNamespace: fenced.pidNamespace, isolation: isolation.description, level: containment.level, memoryMb, notes: [] as string[] };
  const custom = opts.command?.trim();
  const python = await probePython(root, env, opts.python);
  if (!python && !custom) {
    throw new TestSetupError('no Python interpreter found (tried a project virtualenv, python3 and python); set --tests / flare.tests.command');
  }
  let pinned: Pinned | undefined;
  if (python) {
    const firstWord = custom?.split(/\s+/)[0];
    pinned = await pinShims(python, env, scratch.path('bin'), firstWord ? [firstWord] : []);
    const front = [pinned?.dir, python.venvBin].filter((x): x is string => !!x);
    if (front.length) env.PATH = [...front, env.PATH ?? ''].join(delimiter);
    if (python.venvBin) env.VIRTUAL_ENV = python.venvBin.replace(/\/bin$/, '');
  }
  const prefix = fenced.prefix;
  let plan: TestPlan;
  if (custom) {
    const addJunit = PYTEST_IN_COMMAND.test(custom) && !custom.includes('--junitxml') && !SHELL_SYNTAX.test(custom);
    plan = {
      kind: 'custom', display: custom, junit: addJunit,
      template: prefix + (addJunit ? `${custom} --junitxml={junit}` : custom),
      ...common, python: python ?? undefined,
      warm: python ? simpleModuleCommand(custom, python, env, pinned, addJunit) : undefined,
    };
  } else if (python!.hasPytest) {
    const py = shellQuote(python!.command);
    const args = ['-q', '-p', 'no:cacheprovider', '--junitxml={junit}'];
    plan = {
      kind: 'pytest', display: `${python!.command} -m pytest`, junit: true,
      template: `${prefix}${py} -m pytest ${args.join(' ')}`,
      ...common, python: python!,
      warm: { module: 'pytest', args },
    };
  } else {
    const py = shellQuote(python!.command);
    plan = {
      kind: 'unittest', display: `${python!.command} -m unittest discover`, junit: false,
      template: `${prefix}${py} -m unittest discover -v`,
      ...common, python: python!,
      warm: { module: 'unittest', args: ['discover', '-v'] },
    };
  }
  if (opts.trace) {
    plan.traced = traceCommand(plan, opts.trace, opts.traceLines !== false);
    if (!plan.traced) plan.notes.push('the test command is neither pytest nor python -m unittest: no coverage is recorded');
  }
  if (plan.warm && plan.python && opts.reuseInterpreter !== false) {
    plan.server = await startWarm(plan, root, scratch, prefix) ?? undefined;
  }
  return plan;
}

/** `python -m unittest|pytest args` with plain words only, run by the probed interpreter. */
function simpleModuleCommand(cmd: string, python: PythonInfo, env: NodeJS.ProcessEnv, pinned: Pinned | undefined, addJunit: boolean): TestPlan['warm'] {
  if (/["'\\$`;&|<>(){}*?[\]~\n]/.test(cmd)) return undefined;
  const words = cmd.trim().split(/\s+/);
  if (words.length < 3 || words[1] !== '-m' || !['unittest', 'pytest'].includes(words[2])) return undefined;
  if (!sameInterpreter(words[0], python, env, pinned)) return undefined;
  return { module: words[2], args: [...words.slice(3), ...(addJunit ? ['--junitxml={junit}'] : [])] };
}

/** Top-level module names the project defines (a warm interpreter must not have imported them already). */
function projectModules(root: string): string[] {
  try {
    return readdirSync(root, { withFileTypes: true }).flatMap((d) => {
      if (d.isFile() && d.name.endsWith('.py')) return [d.name.slice(0, -3)];
      if (d.isDirectory() && existsSync(join(root, d.name, '__init__.py'))) return [d.name];
      return [];
    });
  } catch {
    return [];
  }
}

async function startWarm(plan: TestPlan, root: string, scratch: Scratch, prefix: string): Promise<WarmPython | null> {
  const server = await WarmPython.start({
    python: plan.python!.command, env: plan.env, wrapper: plan.wrapper, prefix, preload: [plan.warm!.module],
    dir: scratch.path('warm'), limits: runLimits(60_000, plan.memoryMb), pidNamespace: plan.pidNamespace,
  });
  if (!server) {
    plan.notes.push('the warm interpreter did not start; tests run through the shell');
    return null;
  }
  const clash = projectModules(root).filter((m) => server.modules.has(m));
  if (clash.length) {
    server.close();
    plan.notes.push(`no warm interpreter: the project's ${clash.join(', ')} would be shadowed by modules it already imported`);
    return null;
  }
  return server;
}

/** Stop what a plan started (the warm interpreter). */
export function closePlan(plan: TestPlan | undefined): void {
  plan?.server?.close();
}

const CANNOT_START = /(command not found|: not found|No module named|Permission denied|No such file or directory|can't open file|is not recognized)/;

function tailOf(s: string, n: number): string {
  return s.length > n ? s.slice(-n) : s;
}

function parseOutput(plan: TestPlan, stdout: string, stderr: string, junitXml: string | null): ParsedOutcomes {
  if (junitXml) {
    const j = parseJunit(junitXml);
    if (j.granularity !== 'none') return j;
  }
  const both = `${stderr}\n${stdout}`;
  const u = parseUnittest(both);
  if (u.granularity !== 'none') return u;
  if (plan.kind !== 'unittest') {
    const p = parsePytestConsole(both);
    if (p.granularity !== 'none') return p;
  }
  return emptyOutcomes();
}

export interface RunTestsOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Where a JUnit report may be written for this run. */
  reportPath: string;
}

/** Run the planned tests in `dir` (a scratch folder) and read the outcomes. */
export async function runTests(plan: TestPlan, dir: string, opts: RunTestsOptions): Promise<TestReport> {
  const limits: RunLimitsSpec = runLimits(opts.timeoutMs, plan.memoryMb);
  let res = plan.server?.alive && plan.warm
    ? await plan.server.run(plan.warm.module, plan.warm.args.map((a) => a.replaceAll('{junit}', opts.reportPath)), {
      cwd: dir, timeoutMs: opts.timeoutMs, signal: opts.signal, limits,
    })
    : null;
  if (!res || (res.spawnError && !res.cancelled)) {
    const command = plan.template.replaceAll('{junit}', shellQuote(opts.reportPath));
    res = await runShell(command, {
      cwd: dir, env: plan.env, timeoutMs: opts.timeoutMs, signal: opts.signal, wrapper: plan.wrapper, limits,
    });
  }
  let xml: string | null = null;
  if (plan.junit) {
    xml = await readFile(opts.reportPath, 'utf8').catch(() => null);
    await rm(opts.reportPath, { force: true });
  }
  const parsed = res.cancelled ? emptyOutcomes() : parseOutput(plan, res.stdout, res.stderr, xml);
  const flood = res.outputFlood ? `\n[flare: the run printed more than ${OUTPUT_LIMIT / 1048576} MB and was stopped]` : '';
  const output = tailOf(`${res.stderr}${res.stderr && res.stdout ? '\n' : ''}${res.stdout}`, 6000) + flood;
  const base = {
    exitCode: res.exitCode, outcomes: parsed.outcomes, failures: parsed.failures, ms: res.ms, output,
    skipped: parsed.skipped,
  };
  const counts = parsed.granularity === 'none'
    ? { granularity: 'exit-status' as const, passed: res.exitCode === 0 ? 1 : 0, failed: res.exitCode === 0 ? 0 : 1 }
    : { granularity: parsed.granularity, passed: parsed.passed, failed: parsed.failed };
  let status: TestStatus;
  if (res.cancelled) status = 'cancelled';
  else if (res.timedOut) status = 'timeout';
  else if (res.outputFlood) status = 'failed';
  else if (res.spawnError || res.exitCode === 126 || res.exitCode === 127) status = 'cannot-start';
  else if (plan.kind === 'pytest' && (res.exitCode === 3 || res.exitCode === 4)) status = 'cannot-start';
  else if (parsed.granularity === 'none' && res.exitCode !== 0 && CANNOT_START.test(output)) status = 'cannot-start';
  else if (res.exitCode === 5 && (plan.kind === 'pytest' || PYTEST_IN_COMMAND.test(plan.display))) status = 'no-tests';
  else if (parsed.granularity !== 'none' && parsed.passed + parsed.failed === 0) status = 'no-tests';
  else if (/^NO TESTS RAN/m.test(output)) status = 'no-tests';
  else if (res.exitCode === 0 && counts.failed === 0) status = 'passed';
  else status = 'failed';
  if (status === 'timeout' || status === 'cancelled' || status === 'cannot-start' || res.outputFlood) {
    // Whatever was printed before the end does not make a complete count.
    return { ...base, status, granularity: counts.granularity, passed: 0, failed: Math.max(1, counts.failed) };
  }
  return { ...base, status, ...counts };
}

/** Total tests counted in a report (skipped ones left out). */
export function reportTotal(r: TestReport): number {
  return r.passed + r.failed;
}
