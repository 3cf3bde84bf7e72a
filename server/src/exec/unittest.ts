/**
 * Reading Python unittest output: verbose result lines (`test_x (mod.Class.test_x) ... ok`), the
 * FAIL/ERROR sections with their tracebacks, and the `Ran N tests` / `FAILED (failures=2)` summary,
 * which is all that `-q` prints.
 */
import {
  type Outcome, type ParsedOutcomes, type TestFailure, countOutcomes, emptyOutcomes, exceptionLine, trimTraceback,
} from './outcomes.js';

const RESULT = /^(\w+) \(([\w.]+)\)(?:\n[^\n]*?)? \.\.\. (ok|FAIL|ERROR|skipped.*|expected failure|unexpected success)$/gm;
const SECTION = /^={60,}\n(FAIL|ERROR|UNEXPECTED SUCCESS): (\S+)(?: \(([\w.]+)\))?[^\n]*\n-{60,}\n([\s\S]*?)(?=\n={60,}\n|\n-{60,}\nRan \d|(?![\s\S]))/gm;
const RAN = /^Ran (\d+) tests? in [\d.]+s/m;
const VERDICT = /^(OK|FAILED)(?: \(([^)]*)\))?\s*$/m;

/** Full test id from the name and the parenthesised part (3.11+ puts the whole id there). */
function testId(method: string, paren: string | undefined): string {
  if (!paren) return method;
  return paren.endsWith(`.${method}`) ? paren : `${paren}.${method}`;
}

function verdictCounts(text: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (text ?? '').split(',')) {
    const m = /^\s*([\w ]+)=(\d+)/.exec(part);
    if (m) out[m[1].trim()] = Number(m[2]);
  }
  return out;
}

export function parseUnittest(output: string): ParsedOutcomes {
  const text = output.replace(/\r\n/g, '\n');
  const result = emptyOutcomes();
  const outcomes = new Map<string, Outcome>();
  for (const m of text.matchAll(RESULT)) {
    const id = testId(m[1], m[2]);
    const r = m[3];
    outcomes.set(id, r === 'ok' || r === 'expected failure' ? 'passed'
      : r === 'FAIL' || r === 'unexpected success' ? 'failed'
        : r === 'ERROR' ? 'error' : 'skipped');
  }
  const failures: TestFailure[] = [];
  for (const m of text.matchAll(SECTION)) {
    const id = testId(m[2], m[3]);
    const kind = m[1] === 'ERROR' ? 'error' : 'failure';
    const tb = trimTraceback(m[4]);
    failures.push({ name: id, kind, message: exceptionLine(tb), traceback: tb });
    if (!outcomes.has(id) || outcomes.get(id) === 'passed') outcomes.set(id, kind === 'error' ? 'error' : 'failed');
  }
  result.failures = failures;
  const ran = RAN.exec(text);
  const verdict = VERDICT.exec(text.slice(ran ? ran.index : 0));
  if (ran) {
    const total = Number(ran[1]);
    const v = verdictCounts(verdict?.[2]);
    const skipped = v.skipped ?? 0;
    const failed = (v.failures ?? 0) + (v.errors ?? 0) + (v['unexpected successes'] ?? 0);
    if (outcomes.size >= total && total > 0) {
      result.granularity = 'per-test';
      Object.assign(result, countOutcomes(outcomes));
    } else {
      result.granularity = 'summary';
      result.failed = verdict ? failed : Math.max(failed, failures.length);
      result.skipped = skipped;
      result.passed = Math.max(0, total - result.failed - skipped);
    }
    result.outcomes = outcomes;
    return result;
  }
  if (outcomes.size || failures.length) {
    // Cut short (timeout, crash): what was printed is all we know.
    result.granularity = 'per-test';
    result.outcomes = outcomes;
    Object.assign(result, countOutcomes(outcomes));
  }
  return result;
}
