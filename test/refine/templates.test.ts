import { beforeAll, describe, expect, it } from 'vitest';
import { initPython } from '../../server/src/language/python.js';
import { templateCandidates } from '../../server/src/refine/generators/templates.js';
import { topRegions } from '../../server/src/refine/regions.js';

const regionsFor = (text: string, lines: number[]) => topRegions(text, lines.map((line, i) => ({ line, score: 1 - i / 10 })), lines.length);

describe('template candidates', () => {
  beforeAll(() => initPython());

  it('repair a comparison, an off-by-one, a swapped argument and a wrong variable inside the regions', () => {
    const cases: [string, number, string][] = [
      ['def f(v, hi):\n    if v < hi:\n        return hi\n    return v\n', 2, 'if v > hi:'],
      ['def f(xs, n):\n    return [xs[i:i + n] for i in range(len(xs) - n)]\n', 2, 'range((len(xs) - n) + 1)'],
      ['def g(a, b):\n    return a - b\n\n\ndef f(a, b):\n    return g(b, a)\n', 6, 'return g(a, b)'],
      ['def f(d, src, dst):\n    d[dst] = d.get(src, 0) + 1\n    return d\n', 2, 'd.get(dst, 0)'],
      ['def f(n):\n    c = 0\n    while n:\n        n ^= n - 1\n        c += 1\n    return c\n', 4, 'n &= n - 1'],
    ];
    for (const [src, line, fix] of cases) {
      const list = templateCandidates(src, regionsFor(src, [line]));
      expect(list.some((c) => c.text.includes(fix)), `${fix} in ${list.length} candidates`).toBe(true);
    }
  });

  it('only changes the regions, drops what does not parse, and has no duplicates', () => {
    const src = 'def f(a, b):\n    x = a + b\n    y = a * b\n    return x - y\n';
    const list = templateCandidates(src, regionsFor(src, [3]));
    expect(list.length).toBeGreaterThan(3);
    const lines = src.split('\n');
    for (const c of list) {
      const got = c.text.split('\n');
      expect(got[1]).toBe(lines[1]);
      expect(got[got.length - 2]).toBe(lines[lines.length - 2]);
      expect(c.region.startLine).toBe(3);
    }
    expect(new Set(list.map((c) => c.text)).size).toBe(list.length);
  });

  it('puts the better region and the smaller changes first, and honours the limit', () => {
    const src = 'def f(a, b):\n    if a < b:\n        return a\n    return b + 1\n';
    const list = templateCandidates(src, regionsFor(src, [4, 2]));
    expect(list[0].region.startLine).toBe(4);
    expect(templateCandidates(src, regionsFor(src, [4, 2]), { limit: 5 })).toHaveLength(5);
  });
});
