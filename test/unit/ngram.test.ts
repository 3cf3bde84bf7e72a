import { beforeAll, describe, expect, it } from 'vitest';
import { initPython, parsePython } from '../../server/src/language/python.js';
import { TrigramModel } from '../../bench/ngram.js';
import { keySequence, lineSurprisal } from '../../bench/naturalness.js';

describe('trigram model', () => {
  const corpus = [
    ...Array.from({ length: 10 }, () => ['a', 'b', 'c', 'a', 'b', 'c']),
    ['a', 'b', 'd'],
  ];
  const lm = TrigramModel.train(corpus);

  it('finds a rare continuation more surprising than a common one, and an unseen token most', () => {
    const [, , common] = lm.surprisals(['a', 'b', 'c']);
    const [, , rare] = lm.surprisals(['a', 'b', 'd']);
    const [, , unseen] = lm.surprisals(['a', 'b', 'zzz']);
    expect(common).toBeGreaterThan(0);
    expect(rare).toBeGreaterThan(common);
    expect(unseen).toBeGreaterThan(rare);
  });

  it('is a probability distribution over the vocabulary in every context', () => {
    const ids = ['a', 'b', 'c', 'd'].map((k) => lm.idOf(k));
    const unk = lm.idOf('never seen');
    for (const [u, v] of [[ids[0], ids[1]], [ids[1], ids[2]], [ids[3], ids[0]], [unk, unk]]) {
      let total = lm.p3(unk, u, v);
      for (const w of ids) total += lm.p3(w, u, v);
      expect(total).toBeCloseTo(1, 10);
    }
  });

  it('round-trips through its data', () => {
    const copy = new TrigramModel(lm.data);
    expect(Array.from(copy.surprisals(['a', 'b', 'd']))).toEqual(Array.from(lm.surprisals(['a', 'b', 'd'])));
  });
});

describe('line surprisal over Python token keys', () => {
  beforeAll(() => initPython());

  it('scores the line with an unusual token highest', () => {
    const fn = (op: string) => `def f(items):\n    total = 0\n    for x in items:\n        total ${op} x\n    return total\n`;
    const lm = TrigramModel.train(Array.from({ length: 20 }, () => keySequence(parsePython(fn('+='))).keys));
    const file = parsePython(fn('//='));
    const scores = lineSurprisal(lm, file, [1, 2, 3, 4, 5]);
    const top = [...scores].sort((a, b) => b.score - a.score)[0];
    expect(top.line).toBe(4);
    expect(keySequence(file).keys.slice(0, 3)).toEqual(['<L0>', 'k:def', 'i:f']);
  });
});
