/**
 * Reading the JUnit XML that pytest writes with `--junitxml`: one <testcase> per test, with a
 * <failure>, <error> or <skipped> child when it did not pass. A small scanner, not a full XML parser:
 * the format is flat and pytest escapes attribute and text content.
 */
import {
  type Outcome, type ParsedOutcomes, type TestFailure, countOutcomes, emptyOutcomes, exceptionLine, trimTraceback,
} from './outcomes.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (all, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? all;
  });
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out[m[1]] = unescapeXml(m[3] ?? m[4] ?? '');
  return out;
}

function stripCdata(s: string): string {
  return s.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
}

export function parseJunit(xml: string): ParsedOutcomes {
  const result = emptyOutcomes();
  const outcomes = new Map<string, Outcome>();
  const failures: TestFailure[] = [];
  const cases = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const m of xml.matchAll(cases)) {
    const a = attrs(m[1]);
    const cls = a.classname ?? '';
    const id = cls ? `${cls}::${a.name ?? ''}` : (a.name ?? '');
    const body = m[3] ?? '';
    const bad = /<(failure|error)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/.exec(body);
    if (bad) {
      const kind = bad[1] === 'error' ? 'error' : 'failure';
      const ba = attrs(bad[2]);
      const tb = trimTraceback(unescapeXml(stripCdata(bad[3] ?? '')));
      failures.push({ name: id, kind, message: ba.message ? ba.message.split('\n')[0] : exceptionLine(tb), traceback: tb });
      // A teardown error after a pass shows up as a second testcase with the same id: worst wins.
      outcomes.set(id, kind === 'error' ? 'error' : 'failed');
    } else if (/<skipped\b/.test(body)) {
      if (!outcomes.has(id)) outcomes.set(id, 'skipped');
    } else if (!outcomes.has(id)) {
      outcomes.set(id, 'passed');
    }
  }
  if (!outcomes.size) return result;
  result.granularity = 'per-test';
  result.outcomes = outcomes;
  result.failures = failures;
  Object.assign(result, countOutcomes(outcomes));
  return result;
}
