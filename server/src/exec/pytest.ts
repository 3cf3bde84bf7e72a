/**
 * Reading pytest's console output when no JUnit report is available (a custom command): the final
 * `3 passed, 1 failed in 0.12s` line and the `FAILED path::test - message` short-summary lines.
 */
import { type ParsedOutcomes, type TestFailure, emptyOutcomes } from './outcomes.js';

const SUMMARY = /^(?:=+ )?((?:\d+ (?:passed|failed|errors?|skipped|xfailed|xpassed|deselected|warnings?|rerun)(?:, )?)+) in [\d.]+s/m;
const SHORT = /^(FAILED|ERROR) (\S+?)(?: - (.*))?$/gm;

export function parsePytestConsole(output: string): ParsedOutcomes {
  const result = emptyOutcomes();
  const m = SUMMARY.exec(output);
  if (!m) return result;
  const count = (re: RegExp) => {
    const x = re.exec(m[1]);
    return x ? Number(x[1]) : 0;
  };
  const failures: TestFailure[] = [];
  for (const f of output.matchAll(SHORT)) {
    failures.push({ name: f[2], kind: f[1] === 'ERROR' ? 'error' : 'failure', message: f[3] ?? '', traceback: '' });
    result.outcomes.set(f[2], f[1] === 'ERROR' ? 'error' : 'failed');
  }
  result.granularity = 'summary';
  result.passed = count(/(\d+) passed/) + count(/(\d+) xfailed/) + count(/(\d+) xpassed/);
  result.failed = count(/(\d+) failed/) + count(/(\d+) errors?/);
  result.skipped = count(/(\d+) skipped/);
  result.failures = failures;
  return result;
}
