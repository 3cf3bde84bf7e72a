/**
 * The pure conversions: scores → diagnostics and hover, and the settings parser.
 */
import { describe, expect, it } from 'vitest';
import { defaultSettings, FALLBACK_THRESHOLD, levelFor, merge, parseSettings, sectionOf } from '../../server/src/lsp/config.js';
import { codeRange, selectLines, splitLines, toDiagnostics, type FileScoresView } from '../../server/src/lsp/diagnostics.js';
import { hoverFor } from '../../server/src/lsp/hover.js';

const text = 'def f(x):\n    if x > 1:  \n\n        return x\r\n\treturn 0\n# note\n';
const scores: FileScoresView = {
  noBug: 0.1,
  lines: [
    { line: 2, score: 0.6, rank: 1, kind: 'comparison or condition', kindProb: 0.7 },
    { line: 4, score: 0.2, rank: 2, kind: 'wrong variable or operand', kindProb: 0.4 },
    { line: 5, score: 0.07, rank: 3, kind: 'wrong literal value', kindProb: 0.5 },
    { line: 1, score: 0.03, rank: 4, kind: 'extra logic', kindProb: 0.3 },
    { line: 6, score: 0, rank: 5, kind: 'extra logic', kindProb: 0.3 }, // not code: never a diagnostic
  ],
};
const opts = { threshold: 0, maxPerFile: 100, severity: { warning: null, information: 0.4 } };

describe('diagnostics from scores', () => {
  it('makes one diagnostic per line over the threshold, most suspicious first', () => {
    const d = toDiagnostics(scores, splitLines(text), { ...opts, threshold: 0.1 });
    expect(d.map((x) => x.range.start.line)).toEqual([1, 3]);
    expect(d[0]).toEqual({
      range: { start: { line: 1, character: 4 }, end: { line: 1, character: 13 } },
      severity: 3,
      source: 'flare',
      code: 'suspicious-line',
      message: 'Suspicious line (score 0.60, rank 1 of 4)',
      data: { score: 0.6, rank: 1 },
    });
    expect(d[1].severity).toBe(4);
    expect(d[1].range).toEqual({ start: { line: 3, character: 8 }, end: { line: 3, character: 16 } });
  });

  it('never reports lines scored 0 (comments, docstrings), even at threshold 0', () => {
    const d = toDiagnostics(scores, splitLines(text), opts);
    expect(d.map((x) => x.range.start.line)).toEqual([1, 3, 4, 0]);
    expect(d.every((x) => x.message.endsWith('of 4)'))).toBe(true);
  });

  it('caps the count and falls back to the model threshold, then the constant', () => {
    expect(toDiagnostics(scores, splitLines(text), { ...opts, maxPerFile: 2 })).toHaveLength(2);
    expect(toDiagnostics(scores, splitLines(text), { ...opts, maxPerFile: 0 })).toHaveLength(0);
    expect(selectLines({ ...scores, modelThreshold: { line: 0.05 } }, { ...opts, threshold: null }).map((l) => l.line)).toEqual([2, 4, 5]);
    // Per file length: 4 ranked lines fall in the first bucket (up to 4), not in the second.
    const byLines = { line: 0.5, byLines: [{ upTo: 4, line: 0.1 }, { upTo: null, line: 0.05 }] };
    expect(selectLines({ ...scores, modelThreshold: byLines }, { ...opts, threshold: null }).map((l) => l.line)).toEqual([2, 4]);
    expect(selectLines({ ...scores, modelThreshold: byLines }, { ...opts, threshold: 0.5 }).map((l) => l.line)).toEqual([2]);
    expect(selectLines(scores, { ...opts, threshold: null }).every((l) => l.score >= FALLBACK_THRESHOLD)).toBe(true);
  });

  it('trims tabs and CR, and counts lines like LSP', () => {
    expect(splitLines('a\r\nb\rc\nd')).toEqual(['a', 'b', 'c', 'd']);
    expect(codeRange('\treturn 0', 4)).toEqual({ start: { line: 4, character: 1 }, end: { line: 4, character: 9 } });
    expect(codeRange('   ', 0)).toBeUndefined();
  });

  it('maps scores to severity bands', () => {
    const bands = { warning: 0.8, information: 0.4 };
    expect(levelFor(0.9, bands)).toBe('warning');
    expect(levelFor(0.5, bands)).toBe('information');
    expect(levelFor(0.1, bands)).toBe('hint');
    expect(levelFor(0.99, { warning: null, information: null })).toBe('hint');
  });

  it('hovers only on lines with a diagnostic', () => {
    const lines = splitLines(text);
    const h = hoverFor(scores, lines, 1, opts)!;
    expect(h.contents).toEqual({
      kind: 'markdown',
      value: '**flare**: suspicious line, score 0.60 (rank 1 of 4)\n\nLikely bug kind: *comparison or condition* (70%)\n\nChance the file has no bug: 10%',
    });
    expect(h.range).toEqual({ start: { line: 1, character: 4 }, end: { line: 1, character: 13 } });
    expect(hoverFor(scores, lines, 2, opts)).toBeNull();
    expect(hoverFor(scores, lines, 4, { ...opts, threshold: 0.1 })).toBeNull();
  });
});

describe('settings', () => {
  it('defaults', () => {
    const s = parseSettings(undefined);
    expect(s).toEqual({ settings: defaultSettings(), unknown: [], invalid: [] });
    expect(s.settings.diagnostics.threshold).toBeNull();
  });

  it('accepts the section bare or wrapped in "flare", and merges sources deeply', () => {
    expect(sectionOf({ flare: { logLevel: 'debug' } })).toEqual({ logLevel: 'debug' });
    expect(sectionOf({ logLevel: 'debug' })).toEqual({ logLevel: 'debug' });
    const raw = merge({ diagnostics: { threshold: 0.3, maxPerFile: 9 } }, { diagnostics: { maxPerFile: 2 } }, undefined);
    expect(parseSettings(raw).settings.diagnostics).toMatchObject({ threshold: 0.3, maxPerFile: 2 });
  });

  it('reads severity as a level name or as bands', () => {
    expect(parseSettings({ diagnostics: { severity: 'warning' } }).settings.diagnostics.severity).toEqual({ warning: 0, information: null });
    expect(parseSettings({ diagnostics: { severity: 'hint' } }).settings.diagnostics.severity).toEqual({ warning: null, information: null });
    expect(parseSettings({ diagnostics: { severity: { warning: 0.7 } } }).settings.diagnostics.severity).toEqual({ warning: 0.7, information: 0.4 });
  });

  it('reports unknown keys and invalid values, keeping defaults', () => {
    const p = parseSettings({
      diagnostics: { enable: 'yes', threshold: 2, maxPerFile: 1.5, debounceMs: -1, severity: { error: 0.9, information: 'x' }, extra: 1 },
      model: { path: 3 }, maxFileBytes: '1MB', logLevel: 'verbose', other: true,
    });
    expect(p.settings).toEqual(defaultSettings());
    expect(p.unknown.sort()).toEqual(['flare.diagnostics.extra', 'flare.diagnostics.severity.error', 'flare.other']);
    expect(p.invalid).toHaveLength(8);
    expect(p.invalid[0]).toMatch(/^flare\.diagnostics\.enable: "yes" is not true or false; using the default$/);
    expect(parseSettings('nonsense').invalid).toHaveLength(1);
  });
});
