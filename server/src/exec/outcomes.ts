/**
 * Per-test outcomes as every parser reports them, and the counts derived from them.
 */

export type Outcome = 'passed' | 'failed' | 'error' | 'skipped';

export interface TestFailure {
  /** Test id (`module.Class.test_x`, `file.py::test_x`). */
  name: string;
  kind: 'failure' | 'error';
  /** One line: the exception and its message. */
  message: string;
  /** The traceback text as the runner printed it (trimmed). */
  traceback: string;
}

export interface ParsedOutcomes {
  /** How much the output told: every test, only the failures and a total, or nothing. */
  granularity: 'per-test' | 'summary' | 'none';
  outcomes: Map<string, Outcome>;
  passed: number;
  failed: number;
  skipped: number;
  failures: TestFailure[];
}

export function emptyOutcomes(): ParsedOutcomes {
  return { granularity: 'none', outcomes: new Map(), passed: 0, failed: 0, skipped: 0, failures: [] };
}

/** Counts from a complete per-test map. */
export function countOutcomes(outcomes: Map<string, Outcome>): { passed: number; failed: number; skipped: number } {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const o of outcomes.values()) {
    if (o === 'passed') passed++;
    else if (o === 'skipped') skipped++;
    else failed++;
  }
  return { passed, failed, skipped };
}

/** Keep the last `maxLines` lines of a traceback. */
export function trimTraceback(text: string, maxLines = 40): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  if (lines.length <= maxLines) return lines.join('\n');
  return [`... (${lines.length - maxLines} lines cut)`, ...lines.slice(-maxLines)].join('\n');
}

/** The last line that names an exception, or the last non-empty line. */
export function exceptionLine(traceback: string): string {
  const lines = traceback.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^[A-Za-z_][\w.]*(Error|Exception|Exceeded|Interrupt|Exit|Failure)\b/.test(lines[i].trim())) return lines[i].trim();
  }
  return lines.length ? lines[lines.length - 1].trim() : '';
}
