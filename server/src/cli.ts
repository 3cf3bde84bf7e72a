/**
 * `flare` command line: check (rank suspicious lines) and refine (test-driven repair, in refine/cli.ts).
 */
import { readFileSync } from 'node:fs';
import { Diagnoser, InputError } from './diagnose/diagnoser.js';
import { ModelError } from './diagnose/model.js';

const CHECK_USAGE = `usage:
  flare check [--json] [--top N] [--model PATH] FILE...
      Rank each file's lines by bug suspiciousness (most suspicious first).
      --json     one JSON object per file and line of output
      --top N    lines shown per file in the human format (default 10; 0 = all)
      --model P  model metadata (default: the bundled models/flare-python.json)
`;

/** The refine command and its usage load only when needed: they pull in the test runner and Ollama client. */
const refineCli = () => import('./refine/cli.js');

async function usage(): Promise<string> {
  return CHECK_USAGE + (await refineCli()).REFINE_USAGE;
}

interface CheckArgs { json: boolean; top: number; model?: string; files: string[] }

function parseCheckArgs(argv: string[]): CheckArgs {
  const a: CheckArgs = { json: false, top: 10, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === '--json') a.json = true;
    else if (x === '--top') a.top = Number(argv[++i]);
    else if (x === '--model') a.model = argv[++i];
    else if (x.startsWith('--')) throw new InputError(`unknown option ${x}`);
    else a.files.push(x);
  }
  if (!Number.isFinite(a.top) || a.top < 0) throw new InputError('--top needs a number >= 0');
  if (!a.files.length) throw new InputError('no FILE given');
  return a;
}

function fmt(n: number): string {
  return n.toFixed(3);
}

async function check(argv: string[]): Promise<number> {
  const args = parseCheckArgs(argv);
  const diagnoser = new Diagnoser({ modelPath: args.model });
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
      if (args.json) {
        process.stdout.write(`${JSON.stringify({
          file, language: d.language, model: d.model, noBug: round(d.noBug),
          lines: d.lines.map((l) => ({ line: l.line, score: round(l.score) })),
        })}\n`);
      } else {
        const shown = args.top === 0 ? d.lines : d.lines.slice(0, args.top);
        process.stdout.write(`${file}  (${d.lines.length} lines scored, P(no bug) ${fmt(d.noBug)}, model ${d.model})\n`);
        process.stdout.write('   rank  line  score  code\n');
        for (const l of shown) {
          const code = d.parsed.lines[l.line - 1].trim().slice(0, 70);
          process.stdout.write(`  ${String(l.rank).padStart(5)} ${String(l.line).padStart(5)}  ${fmt(l.score)}  ${code}\n`);
        }
        if (shown.length < d.lines.length) process.stdout.write(`  ... ${d.lines.length - shown.length} more (--top 0 shows all)\n`);
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

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
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
