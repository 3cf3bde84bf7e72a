/**
 * `flare` command line: check (rank suspicious lines) and refine (test-driven repair, in refine/cli.ts).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Diagnoser, InputError } from './diagnose/diagnoser.js';
import { ModelError } from './diagnose/model.js';
import type { TestEvidence } from './cliEvidence.js';

const CHECK_USAGE = `usage:
  flare check [--json] [--top N] [--model PATH] [--tests "CMD" [--root DIR] [--timeout SEC] [--mutation SEC] [--parallel N]] FILE...
      Rank each file's lines by bug suspiciousness (most suspicious first).
      --json       one JSON object per file and line of output
      --top N      lines shown per file in the human format (default 10; 0 = all)
      --model P    model metadata (default: the bundled models/flare-python.json)
      --tests CMD  run the tests once (traced; "" = detect pytest/unittest) and fuse coverage and
                   tracebacks into the scores; adds per-line "evidence" and a "tests" summary
      --root DIR   project root for the tests (default: nearest folder with setup.py/pyproject.toml/.git)
      --timeout S  time limit of the test run (default 120)
      --mutation S when tests fail: time for trying small changes to the lines they ran, one test run
                   each, per file (default 60; 0 = off); a change that makes tests pass marks its line
      --parallel N those test runs at the same time, each in its own scratch copy (default: CPU cores)
`;

/** Refinement and test runs load only when needed: they pull in the test runner and the Ollama client. */
const refineCli = () => import('./refine/cli.js');
const cliEvidence = () => import('./cliEvidence.js');

async function usage(): Promise<string> {
  return CHECK_USAGE + (await refineCli()).REFINE_USAGE;
}

interface CheckArgs {
  json: boolean; top: number; model?: string; files: string[]; tests?: string; root?: string; timeout: number; mutation: number; parallel: number;
}

function parseCheckArgs(argv: string[]): CheckArgs {
  const a: CheckArgs = { json: false, top: 10, files: [], timeout: 120, mutation: 60, parallel: availableParallelism() };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new InputError(`${x} needs a value`);
      return argv[++i];
    };
    if (x === '--json') a.json = true;
    else if (x === '--top') a.top = Number(value());
    else if (x === '--model') a.model = value();
    else if (x === '--tests') a.tests = value();
    else if (x === '--root') a.root = value();
    else if (x === '--timeout') a.timeout = Number(value());
    else if (x === '--mutation') a.mutation = Number(value());
    else if (x === '--parallel') a.parallel = Number(value());
    else if (x.startsWith('--')) throw new InputError(`unknown option ${x}`);
    else a.files.push(x);
  }
  if (!Number.isFinite(a.top) || a.top < 0) throw new InputError('--top needs a number >= 0');
  if (!a.files.length) throw new InputError('no FILE given');
  if (!(a.timeout > 0)) throw new InputError('--timeout needs a number of seconds > 0');
  if (!(a.mutation >= 0)) throw new InputError('--mutation needs a number of seconds >= 0');
  if (!Number.isInteger(a.parallel) || a.parallel < 1 || a.parallel > 64) throw new InputError('--parallel needs a whole number from 1 to 64');
  if (a.tests === undefined && a.root !== undefined) throw new InputError('--root goes with --tests');
  return a;
}

function fmt(n: number): string {
  return n.toFixed(3);
}

async function check(argv: string[]): Promise<number> {
  const args = parseCheckArgs(argv);
  const diagnoser = new Diagnoser({ modelPath: args.model });
  const tests: TestEvidence | undefined = args.tests === undefined ? undefined
    : { command: args.tests, root: args.root, timeoutSec: args.timeout, mutationSec: args.mutation, parallel: args.parallel, runs: new Map() };
  let failed = 0;
  for (const file of args.files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      process.stderr.write(`flare: ${file}: cannot read (${err.code ?? err.message})\n`);
      failed++;
      continue;
    }
    try {
      const d = await diagnoser.diagnose(text, file, { strict: true });
      const ev = tests ? await (await cliEvidence()).evidenceFor(tests, file, text, d.lines, d.model) : undefined;
      const lines = ev ? ev.fused.lines : d.lines.map((l) => ({ ...l, evidence: undefined }));
      if (args.json) {
        process.stdout.write(`${JSON.stringify({
          file, language: d.language, model: d.model, noBug: round(d.noBug),
          ...(ev ? { tests: { passed: ev.run.passed, failed: ev.run.failed, seconds: round(ev.run.seconds) }, fused: ev.fused.fused } : {}),
          lines: lines.map((l) => ({ line: l.line, score: round(l.score), ...(l.evidence ? { evidence: roundAll(l.evidence) } : {}) })),
        })}\n`);
      } else {
        const shown = args.top === 0 ? lines : lines.slice(0, args.top);
        const extra = ev ? `; tests ${ev.run.passed} passed, ${ev.run.failed} failed${ev.fused.fused ? ', fused' : ''}` : '';
        process.stdout.write(`${file}  (${d.lines.length} lines scored, P(no bug) ${fmt(d.noBug)}, model ${d.model}${extra})\n`);
        process.stdout.write(`   rank  line  score${ev ? '  ef/ep  tb mut' : ''}  code\n`);
        for (const l of shown) {
          const code = d.parsed.lines[l.line - 1].trim().slice(0, 70);
          const e = l.evidence ? `  ${`${l.evidence.ef}/${l.evidence.ep}`.padStart(5)}  ${l.evidence.inTraceback > 0 ? (l.evidence.deepest > 0 ? '**' : '* ') : '  '}${mutationMark(l.evidence)}` : '';
          process.stdout.write(`  ${String(l.rank).padStart(5)} ${String(l.line).padStart(5)}  ${fmt(l.score)}${e}  ${code}\n`);
        }
        if (shown.length < lines.length) process.stdout.write(`  ... ${lines.length - shown.length} more (--top 0 shows all)\n`);
        if (ev) process.stdout.write('  ef/ep: failing/passing tests that ran the line; tb: in a failing traceback (** innermost);\n  mut: a small change here made every test pass (fix) or some failing tests pass (part)\n');
      }
    } catch (e) {
      if (e instanceof ModelError) {
        process.stderr.write(`flare: ${e.message}\n`);
        return 2;
      }
      if (!(e instanceof InputError)) throw e;
      process.stderr.write(`flare: ${file}: ${e.message}\n`);
      failed++;
    }
  }
  return failed ? 1 : 0;
}

function mutationMark(e: { mutantPasses: boolean; mutantFix: number }): string {
  return e.mutantPasses ? ' fix' : e.mutantFix > 0 ? ' part' : '    ';
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function roundAll<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v])) as T;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === 'check') return await check(rest);
    if (cmd === 'refine') return await (await refineCli()).refineCommand(rest);
    if (cmd === '--help' || cmd === '-h' || cmd === 'help' || cmd === undefined) {
      process.stdout.write(await usage());
      return cmd === undefined ? 2 : 0;
    }
    throw new InputError(`unknown command '${cmd}'`);
  } catch (e) {
    if (e instanceof InputError || e instanceof ModelError) {
      process.stderr.write(`flare: ${e.message}\n${e instanceof InputError ? await usage() : ''}`);
      return 2;
    }
    throw e;
  }
}
