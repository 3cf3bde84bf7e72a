import { beforeAll, describe, expect, it } from 'vitest';
import { initPython } from '../../server/src/language/python.js';
import { topRegions } from '../../server/src/refine/regions.js';

const SRC = [
  'def f(xs, n):',                 // 1
  '    """Docstring line.',         // 2
  '    more docstring."""',         // 3
  '    total = 0',                  // 4
  '    for i in range(n):',         // 5
  '        if xs[i] > 0 and',       // 6  (continued condition)
  '                i != 2:',        // 7
  '            total += xs[i]',     // 8
  '    # a comment',                // 9
  '    if total < 0:',              // 10
  '        return 0',               // 11
  '    return total',               // 12
  '',
].join('\n');

describe('regions', () => {
  beforeAll(() => initPython());

  it('grows a line to its statement, a header to itself, a small block to the whole block', () => {
    const r = topRegions(SRC, [{ line: 8, score: 0.9 }, { line: 5, score: 0.5 }, { line: 10, score: 0.4 }], 5);
    expect(r.map((x) => [x.startLine, x.endLine])).toEqual([[8, 8], [5, 5], [10, 11]]);
    expect(r.map((x) => x.rank)).toEqual([0, 1, 2]);
    expect(SRC.slice(r[0].start, r[0].end)).toBe('            total += xs[i]\n');
  });

  it('takes a multi-line header (here with its one-line body: a small block) whole, and merges overlapping regions keeping the best score', () => {
    const r = topRegions(SRC, [{ line: 7, score: 0.3 }, { line: 6, score: 0.8 }], 5);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ startLine: 6, endLine: 8, score: 0.8, lines: [6, 7] });
    expect(topRegions(SRC, [{ line: 5, score: 1 }], 1)[0]).toMatchObject({ startLine: 5, endLine: 5 });
  });

  it('skips docstrings, comments and blank lines, and keeps only k', () => {
    const scores = [2, 3, 9, 13, 4, 12, 11].map((line, i) => ({ line, score: 1 - i / 10 }));
    const r = topRegions(SRC, scores, 2);
    expect(r.map((x) => x.startLine)).toEqual([4, 12]);
  });
});
