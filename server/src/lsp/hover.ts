/**
 * Hover on a line that carries a flare diagnostic: score, rank and the likely kind of bug; with test
 * evidence also how many failing and passing tests ran the line, whether it is in their tracebacks and
 * what small changes to it did to the tests (then lines without a diagnostic that failing tests ran or
 * raised in get a hover too).
 */
import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import type { LineEvidence } from '../diagnose/evidence.js';
import type { LineMutation } from '../diagnose/mutation.js';
import { codeRange, formatScore, rankedCount, selectLines, type DiagnosticOptions, type FileScoresView } from './diagnostics.js';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Hover for 0-based `line0`, or null when the line has no flare diagnostic. */
export function hoverFor(
  scores: FileScoresView, lines: string[], line0: number, opts: DiagnosticOptions, evidence?: LineEvidence[], mutation?: LineMutation[],
): Hover | null {
  const hit = selectLines(scores, opts).find((l) => l.line === line0 + 1);
  const text = lines[line0];
  const range = text === undefined ? undefined : codeRange(text, line0);
  const ev = evidence?.[line0];
  const tested = ev && (ev.ef > 0 || ev.inTraceback > 0);
  if (!range || (!hit && !tested)) return null;
  const value = hit ? [
    `**flare**: suspicious line, score ${formatScore(hit.score)} (rank ${hit.rank} of ${rankedCount(scores)})`,
    '',
    `Likely bug kind: *${hit.kind}* (${pct(hit.kindProb)})`,
    '',
    `Chance the file has no bug: ${pct(scores.noBug)}`,
  ] : ['**flare**: test evidence'];
  if (ev) value.push('', ...evidenceLines(ev, mutation?.[line0]));
  return { contents: { kind: MarkupKind.Markdown, value: value.join('\n') }, range };
}

/** Coverage and traceback evidence of one line, in words. */
export function evidenceLines(e: LineEvidence, m?: LineMutation): string[] {
  const failing = e.ef + e.nf;
  const passing = e.ep + e.np;
  const out = [`Tests: run by ${e.ef} of ${failing} failing and ${e.ep} of ${passing} passing tests (Ochiai ${e.ochiai.toFixed(2)})`];
  if (e.inTraceback > 0) {
    out.push('', `In the traceback of ${pct(e.inTraceback)} of failing tests${e.deepest > 0 ? ` (where ${pct(e.deepest)} raised, innermost frame in this file)` : ''}`);
  }
  if (m?.mutants) {
    const what = m.allPass ? 'one made every test pass'
      : m.fix > 0 ? `the best made ${pct(m.fix)} of failing tests pass` : 'none made a failing test pass';
    out.push('', `Small changes tried here: ${m.mutants}; ${what}`);
  }
  return out;
}
