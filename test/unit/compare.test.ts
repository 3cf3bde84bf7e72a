import { describe, expect, it } from 'vitest';
import { compareRuns, comparisonMarkdown } from '../../bench/compare.js';

type Detail = { id: string; model: number | null };
const run = (id: string, sets: Record<string, Detail[]>) => ({
  model: { id, path: '', sha256: '' },
  sets: Object.entries(sets).map(([name, ts]) => ({
    name, tasksDetail: ts.map((t) => ({ ...t, lines: 10, ngram: null, random: null, noBugBuggy: null, noBugFixed: null })),
  })),
}) as unknown as Parameters<typeof compareRuns>[0][number];

describe('compareRuns', () => {
  it('counts each model, the union, the tasks every model finds, and agreement', () => {
    const a = run('a', { qb: [{ id: 't1', model: 1 }, { id: 't2', model: 2 }, { id: 't3', model: 1 }, { id: 't4', model: 7 }] });
    const b = run('b', { qb: [{ id: 't1', model: 1 }, { id: 't2', model: 1 }, { id: 't3', model: 1.5 }, { id: 't4', model: null }] });
    const [s] = compareRuns([a, b]);
    expect(s.tasks).toBe(4);
    expect(s.rows).toEqual([{ model: 'a', first: 2, top5: 3 }, { model: 'b', first: 2, top5: 3 }]);
    expect(s.union).toBe(3);
    expect(s.all).toBe(1);
    expect(s.byAgreement).toEqual([1, 2, 1]);
    const md = comparisonMarkdown([s], ['a.json', 'b.json']);
    expect(md).toContain('Ranked first by at least one model: **3** of 4; by every model: 1; by none: 1.');
  });

  it('keeps only sets and tasks that every report has', () => {
    const a = run('a', { qb: [{ id: 't1', model: 1 }, { id: 't2', model: 1 }], hef: [{ id: 'h', model: 1 }] });
    const b = run('b', { qb: [{ id: 't1', model: 3 }] });
    const out = compareRuns([a, b]);
    expect(out.map((s) => s.name)).toEqual(['qb']);
    expect(out[0].tasks).toBe(1);
    expect(out[0].union).toBe(1);
  });

  it('shows a label in place of the model id when one is given', () => {
    const a = { ...run('same', { qb: [{ id: 't', model: 1 }] }), label: 'first' };
    const b = run('same', { qb: [{ id: 't', model: 2 }] });
    expect(compareRuns([a, b])[0].rows.map((r) => r.model)).toEqual(['first', 'same']);
  });
});
