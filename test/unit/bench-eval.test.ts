import { beforeAll, describe, expect, it } from 'vitest';
import { byGroup, evaluateCase, falseAlarms, summarize, type CaseResult } from '../../bench/evaluate.js';
import { TrigramModel } from '../../bench/ngram.js';
import { keySequence } from '../../bench/naturalness.js';
import { Diagnoser } from '../../server/src/diagnose/diagnoser.js';
import { faultRank, randomFaultRank } from '../../bench/metrics.js';
import { editOneLine, stdlibFile } from '../../bench/speed-files.js';
import { initPython, parsePython } from '../../server/src/language/python.js';
import { speedTargets } from '../../bench/speed-report.js';
import { summarizeTimes } from '../../bench/timing.js';

function buggy(group: string, scores: number[], faults: number[], noBug: number): CaseResult {
  const scored = scores.map((score, i) => ({ line: i + 1, score }));
  return {
    id: group, group, clean: false, n: scores.length, syntaxError: false, noBug, maxScore: Math.max(...scores), ngramMax: 1,
    ranks: { model: faultRank(scored, faults), ngram: faultRank(scored, faults), random: randomFaultRank(scores.length, faults.length) },
  };
}

function clean(maxScore: number, noBug: number): CaseResult {
  return {
    id: 'c', group: 'clean', clean: true, n: 4, syntaxError: false, noBug, maxScore, ngramMax: 1,
    ranks: { model: null, ngram: null, random: null },
  };
}

describe('summaries', () => {
  const results = [
    buggy('a', [0.6, 0.2, 0.1, 0.1], [1], 0.2), // top 1
    buggy('a', [0.3, 0.2, 0.1, 0.1], [3, 4], 0.5), // tie at rank 3-4: average rank 3
    buggy('b', [0.4, 0.1, 0.1, 0.1], [7], 0.9), // fault line not ranked: a miss
    clean(0.25, 0.6),
    clean(0.05, 0.8),
  ];

  it('averages Top-k over all buggy files and MFR over the ranked ones', () => {
    const s = summarize(results);
    expect(s).toMatchObject({ buggy: 3, clean: 2, unranked: 1 });
    expect(s.methods.model.top1).toBeCloseTo(1 / 3, 12);
    expect(s.methods.model.top3).toBeCloseTo(2 / 3, 12);
    expect(s.methods.model.mfr).toBe(2); // (1 + 3) / 2
    expect(s.methods.model.mfrWorst).toBe(2);
    // 1 - noBug: buggy 0.8, 0.5, 0.1 vs clean 0.4, 0.2 -> 2 + 2 + 0 = 4 of 6 pairs
    expect(s.methods.model.auroc).toBeCloseTo(4 / 6, 12);
    expect(s.methods.random.auroc).toBe(0.5);
  });

  it('counts false alarms on clean files and thresholded Top-1 on buggy ones', () => {
    const [row] = falseAlarms(results, [0.3]);
    expect(row.cleanFlagged).toBe(0);
    expect(row.buggyFlagged).toBe(1);
    expect(row.top1Recall).toBeCloseTo(1 / 3, 12);
    expect(falseAlarms(results, [0.2])[0].cleanFlagged).toBe(0.5);
  });

  it('groups buggy files and compares each group with all clean files', () => {
    const g = byGroup(results);
    expect(g.map((x) => [x.group, x.summary.buggy, x.summary.clean])).toEqual([['a', 2, 2], ['b', 1, 2]]);
  });
});

describe('speed-test inputs', () => {
  beforeAll(() => initPython());

  it('packs stdlib functions to an exact line count and edits one line', () => {
    const text = stdlibFile(150);
    expect(text.split('\n').length - 1).toBe(150);
    const p = parsePython(text);
    expect(p.errorLines).toEqual([]);
    const e = editOneLine(text, 3);
    const a = text.split('\n');
    const b = e.text.split('\n');
    expect(b.length).toBe(a.length);
    expect(a.filter((l, i) => l !== b[i]).length).toBe(1);
    expect(a[e.line - 1]).not.toBe(b[e.line - 1]);
    expect(parsePython(e.text).errorLines).toEqual([]);
  });
});

describe('speed targets', () => {
  it('checks every measured median that has a target, at the limit inclusive', () => {
    const row = (file: string, threads: number, ms: number[]) => ({ file, threads, tokens: 1, full: summarizeTimes(ms), edit: summarizeTimes(ms), windowsPerEdit: 1 });
    const checks = speedTargets({
      scoring: [row('150 lines', 1, [9, 10, 11]), row('150 lines', 0, [12, 12, 13]), row('1000 lines', 1, [101, 99, 150]), row('other', 1, [1])],
      cliColdStart: { command: 'x', ...summarizeTimes([900, 1200, 1100]) },
    });
    expect(checks.map((c) => [c.what, c.limitMs, c.medianMs, c.met])).toEqual([
      ['150 lines, threads 1', 10, 10, true],
      ['150 lines, threads default', 10, 12, false],
      ['1000 lines, threads 1', 100, 101, false],
      ['CLI cold start', 1000, 1100, false],
    ]);
  });
});

describe('evaluateCase with the bundled model', () => {
  beforeAll(() => initPython());

  it('ranks only code lines, with the same lines for every method', async () => {
    const text = 'def f(xs):\n    """Sum.\n\n    Returns the total.\n    """\n    # loop\n    t = 0\n    for x in xs:\n        t += x\n    return t\n';
    const lm = TrigramModel.train([keySequence(parsePython(text)).keys]);
    const d = new Diagnoser();
    const vocab = (await d.scorer('python')).model.meta.vocab;
    const r = await evaluateCase(d, vocab, lm, { id: 't', group: 'g', path: 't.py', text, faults: [9] });
    expect(r.n).toBe(5); // def, t = 0, for, t += x, return
    expect(r.ranks.random?.avgRank).toBe(3);
    expect(r.ranks.model?.n).toBe(5);
    expect(r.ranks.ngram?.n).toBe(5);
    const none = await evaluateCase(d, vocab, lm, { id: 't', group: 'g', path: 't.py', text, faults: [2] });
    expect(none.ranks.model).toBeNull(); // a docstring line is never a candidate
  });
});
