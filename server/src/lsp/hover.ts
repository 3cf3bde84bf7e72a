/**
 * Hover on a line that carries a flare diagnostic: score, rank and the likely kind of bug.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import { codeRange, formatScore, rankedCount, selectLines, type DiagnosticOptions, type FileScoresView } from './diagnostics.js';

/** Hover for 0-based `line0`, or null when the line has no flare diagnostic. */
export function hoverFor(scores: FileScoresView, lines: string[], line0: number, opts: DiagnosticOptions): Hover | null {
  const hit = selectLines(scores, opts).find((l) => l.line === line0 + 1);
  const text = lines[line0];
  const range = text === undefined ? undefined : codeRange(text, line0);
  if (!hit || !range) return null;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const value = [
    `**flare**: suspicious line, score ${formatScore(hit.score)} (rank ${hit.rank} of ${rankedCount(scores)})`,
    '',
    `Likely bug kind: *${hit.kind}* (${pct(hit.kindProb)})`,
    '',
    `Chance the file has no bug: ${pct(scores.noBug)}`,
  ].join('\n');
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}
