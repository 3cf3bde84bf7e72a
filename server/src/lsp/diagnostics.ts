/**
 * Line scores → LSP diagnostics. Pure: the same scores, text and options always give the same list.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { LineScore } from '../diagnose/scorer.js';
import { thresholdFor, type LineThresholds } from '../diagnose/threshold.js';
import { FALLBACK_THRESHOLD, levelFor, type Level, type SeverityBands } from './config.js';

/** One scored line as the engine reports it (1-based line). */
export type ScoredLine = Omit<LineScore, 'raw'>;

export interface FileScoresView {
  /** Every scored line, most suspicious first. */
  lines: ScoredLine[];
  noBug: number;
  /** The model's calibrated line thresholds (one, or one per file length), when its metadata has them. */
  modelThreshold?: LineThresholds;
  /** The line model's id. */
  model?: string;
}

export interface DiagnosticOptions {
  /** null: the model's threshold, else FALLBACK_THRESHOLD. */
  threshold: number | null;
  maxPerFile: number;
  severity: SeverityBands;
}

export const SOURCE = 'flare';
export const CODE = 'suspicious-line';

const SEVERITY: Record<Level, DiagnosticSeverity> = {
  hint: DiagnosticSeverity.Hint,
  information: DiagnosticSeverity.Information,
  warning: DiagnosticSeverity.Warning,
};

/** The user's threshold, else the model's for a file of this many ranked lines, else FALLBACK_THRESHOLD. */
export function effectiveThreshold(scores: FileScoresView, opts: DiagnosticOptions): number {
  return opts.threshold ?? (scores.modelThreshold ? thresholdFor(scores.modelThreshold, rankedCount(scores)) : FALLBACK_THRESHOLD);
}

/**
 * The lines that get a diagnostic: score ≥ threshold, most suspicious first, at most maxPerFile.
 * Lines scored 0 (comments, docstrings: the engine says they cannot hold the bug) never do.
 */
export function selectLines(scores: FileScoresView, opts: DiagnosticOptions): ScoredLine[] {
  const t = effectiveThreshold(scores, opts);
  const out: ScoredLine[] = [];
  for (const l of scores.lines) {
    if (out.length >= opts.maxPerFile) break;
    if (l.score > 0 && l.score >= t) out.push(l);
  }
  return out;
}

/** How many lines could be suspicious (score > 0): the "of N" in messages. */
export function rankedCount(scores: FileScoresView): number {
  let n = 0;
  for (const l of scores.lines) if (l.score > 0) n++;
  return n;
}

/** Split text into lines the way LSP counts them (\n, \r\n and a lone \r end a line). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The line's code without leading and trailing whitespace, or undefined for a blank line. */
export function codeRange(lineText: string, line0: number): Diagnostic['range'] | undefined {
  const start = lineText.length - lineText.trimStart().length;
  const end = lineText.trimEnd().length;
  if (end <= start) return undefined;
  return { start: { line: line0, character: start }, end: { line: line0, character: end } };
}

export function formatScore(score: number): string {
  return score.toFixed(2);
}

export function toDiagnostics(scores: FileScoresView, lines: string[], opts: DiagnosticOptions): Diagnostic[] {
  const total = rankedCount(scores);
  const out: Diagnostic[] = [];
  for (const l of selectLines(scores, opts)) {
    const text = lines[l.line - 1];
    const range = text === undefined ? undefined : codeRange(text, l.line - 1);
    if (!range) continue;
    out.push({
      range,
      severity: SEVERITY[levelFor(l.score, opts.severity)],
      source: SOURCE,
      code: CODE,
      message: `Suspicious line (score ${formatScore(l.score)}, rank ${l.rank} of ${total})`,
      data: { score: l.score, rank: l.rank },
    });
  }
  return out;
}
