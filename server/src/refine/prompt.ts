/**
 * The request to a language model: the file with line numbers and the region marked, the failing
 * tests with their messages and tracebacks, and the instruction to rewrite that region.
 */
import type { TestFailure } from '../exec/outcomes.js';
import type { Region } from './regions.js';

export interface PromptInput {
  file: string;
  text: string;
  region: Region;
  failures: TestFailure[];
  tests: { passed: number; failed: number };
}

export interface ChatPrompt {
  system: string;
  user: string;
}

/** Characters of file text shown at most (the rest is cut around the region). */
const MAX_FILE_CHARS = 14_000;
const MAX_FAILURES = 5;
const MAX_TRACEBACK_LINES = 16;

export const SYSTEM_PROMPT = [
  'You are an expert Python developer who fixes bugs with small, precise edits.',
  'Answer with exactly one fenced code block (```python ... ```) and nothing else: no explanation, no line numbers.',
].join(' ');

/** The file with right-aligned line numbers; `>>` marks region lines; far-away lines are cut. */
export function numberedFile(text: string, region: Region): string {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const width = String(lines.length).length;
  let first = 0;
  let last = lines.length - 1;
  if (text.length > MAX_FILE_CHARS) {
    // Keep a window around the region that fits.
    const avg = Math.max(20, text.length / Math.max(1, lines.length));
    const keep = Math.floor(MAX_FILE_CHARS / avg);
    const mid = Math.floor((region.startLine + region.endLine) / 2) - 1;
    first = Math.max(0, mid - Math.floor(keep / 2));
    last = Math.min(lines.length - 1, first + keep);
  }
  const out: string[] = [];
  if (first > 0) out.push(`${' '.repeat(width + 3)}... (lines 1-${first} not shown)`);
  for (let i = first; i <= last; i++) {
    const n = i + 1;
    const mark = n >= region.startLine && n <= region.endLine ? '>>' : '  ';
    out.push(`${mark} ${String(n).padStart(width)} | ${lines[i]}`);
  }
  if (last < lines.length - 1) out.push(`${' '.repeat(width + 3)}... (lines ${last + 2}-${lines.length} not shown)`);
  return out.join('\n');
}

function failureText(failures: TestFailure[]): string {
  return failures.slice(0, MAX_FAILURES).map((f) => {
    const tb = f.traceback.split('\n');
    const shown = tb.length > MAX_TRACEBACK_LINES ? ['...', ...tb.slice(-MAX_TRACEBACK_LINES)] : tb;
    const body = f.traceback.trim() ? `\n${shown.map((l) => `    ${l}`).join('\n')}` : '';
    return `- ${f.name}: ${f.message || f.kind}${body}`;
  }).join('\n') + (failures.length > MAX_FAILURES ? `\n- ... and ${failures.length - MAX_FAILURES} more failing tests` : '');
}

export function buildPrompt(input: PromptInput): ChatPrompt {
  const { region, file } = input;
  const span = region.startLine === region.endLine ? `line ${region.startLine}` : `lines ${region.startLine}-${region.endLine}`;
  const total = input.tests.passed + input.tests.failed;
  const user = [
    `The tests of a Python project fail (${input.tests.failed} of ${total}). The bug is most likely in ${span} of \`${file}\`, marked with >> below.`,
    '',
    `File \`${file}\` (line numbers and markers are for reference only, they are not part of the code):`,
    '```',
    numberedFile(input.text, region),
    '```',
    '',
    'Failing tests:',
    input.failures.length ? failureText(input.failures) : '- (the test runner reported failures without details)',
    '',
    `Rewrite ${span} so that all tests pass. Change as little as possible and keep the indentation.`,
    'Reply with one ```python fenced block holding only the new code for those lines. If the fix needs changes',
    'elsewhere in the same function, give the whole corrected function instead. No line numbers, no explanation.',
  ].join('\n');
  return { system: SYSTEM_PROMPT, user };
}
