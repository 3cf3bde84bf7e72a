import { beforeAll, describe, expect, it } from 'vitest';
import { initPython } from '../../server/src/language/python.js';
import { OPERATORS } from '../../server/src/mutate/apply.js';
import { MAX_FACTOR, applicable, corpusMix, expectedShares, fitWeights } from '../../models/gen/balance.js';
import { injectBug } from '../../models/gen/samples.js';
import { Rng } from '../../models/gen/rng.js';
import type { Unit } from '../../models/gen/corpus.js';

const unit = (text: string, i: number): Unit => ({ text, file: `f${i}.py`, pkg: `p${i}` } as Unit);

const FUNCTIONS = [
  'def total(xs):\n    s = 0\n    for x in xs:\n        s += x\n    return s\n',
  'def first_big(xs, limit):\n    for i in range(len(xs)):\n        if xs[i] > limit and i > 0:\n            return i\n    return -1\n',
  'def name(user):\n    return user.name.strip().lower()\n',
  'def clamp(v, lo, hi):\n    if v < lo:\n        return lo\n    if v > hi:\n        return hi\n    return v\n',
];

describe('corpus-level operator mix (--op-mix corpus)', () => {
  beforeAll(async () => { await initPython(); });

  it('refits weights so that the expected shares over the units match the targets', () => {
    // Operator 0 applies in four units of six, operators 1 and 2 in three each.
    const rows = [[true, false, false], [true, true, false], [true, true, true], [true, false, true], [false, true, false], [false, false, true]];
    const target = [1, 1, 1];
    expect(expectedShares(rows, target)[0]).toBeCloseTo(0.3889, 3); // the per-unit draw favours operator 0
    const w = fitWeights(rows, target);
    const got = expectedShares(rows, w);
    for (const g of got) expect(g).toBeCloseTo(1 / 3, 3);
    expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(100, 6);
    expect(got.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
  });

  it('keeps every weight within the bound of the table, leaving an unreachable share short', () => {
    // Operator 1 applies in 1 unit of 100: matching its share would need a huge weight.
    const rows = Array.from({ length: 100 }, (_, i) => [true, i === 0]);
    const w = fitWeights(rows, [1, 1]);
    expect(w[1] / w[0]).toBeLessThanOrEqual(MAX_FACTOR * MAX_FACTOR + 1e-9);
    expect(w[1] / w[0]).toBeGreaterThan(1);
    expect(expectedShares(rows, w)[1]).toBeLessThan(0.5);
    // An operator that applies nowhere gets no weight.
    expect(fitWeights([[true, false], [true, false]], [1, 1])[1]).toBe(0);
  });

  it('measures applicability with the real operators and gives the table shares on real code', () => {
    const row = applicable(FUNCTIONS[0]);
    expect(row).toHaveLength(OPERATORS.length);
    expect(row[OPERATORS.findIndex((o) => o.name === 'augassign')]).toBe(true);
    expect(row[OPERATORS.findIndex((o) => o.name === 'return')]).toBe(true);
    const mix = corpusMix(FUNCTIONS.map(unit), 10, 1);
    expect(mix.sampled).toBe(FUNCTIONS.length);
    const ret = mix.before.return;
    expect(mix.after.return).toBeLessThan(ret); // return applies in every unit: its share falls toward the table's
    expect(Object.values(mix.after).reduce((s, x) => s + x, 0)).toBeCloseTo(100, 1);
  });

  it('draws only from operators with weight, and the table when no weights are given', () => {
    const text = FUNCTIONS[1];
    const only = Object.fromEntries(OPERATORS.map((o) => [o.name, o.name === 'off-by-one' ? 1 : 0]));
    for (let s = 1; s <= 5; s++) expect(injectBug(text, new Rng(s), only)?.op).toBe('off-by-one');
    const a = injectBug(text, new Rng(7));
    const b = injectBug(text, new Rng(7), undefined);
    expect(a).toEqual(b);
  });
});

describe('synthetic Top-k in the operator table\'s mix (bench/evaluate.ts)', () => {
  it('weights each operator\'s Top-k by the given weights, not by its count, and skips unknown operators', async () => {
    const { weightedTopK } = await import('../../bench/evaluate.js');
    const summary = (buggy: number, top1: number) => ({
      buggy, clean: 0, unranked: 0, syntaxErrors: 0, meanLines: 5,
      methods: { model: { top1, top3: top1, top5: 1 } },
    }) as never;
    const byOp = [
      { group: 'return', summary: summary(90, 1) },
      { group: 'compare', summary: summary(10, 0) },
      { group: 'clean-only', summary: summary(5, 0.5) },
    ];
    const t = weightedTopK(byOp, { return: 1, compare: 3 });
    expect(t.top1).toBeCloseTo(0.25, 9);
    expect(t.top5).toBeCloseTo(1, 9);
    expect(weightedTopK(byOp, {})).toEqual({ top1: 0, top3: 0, top5: 0 });
  });
});
