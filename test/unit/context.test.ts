/**
 * Module context for training samples (models/gen/context.ts) and the invariance check built on it
 * (bench/invariance.ts): pieces come from a file's top level, labels follow the function, and the
 * placed text still parses.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initPython, parsePython } from '../../server/src/language/python.js';
import { collectContext, contextOf, drawPlacement, placeInModule, type ContextPool } from '../../models/gen/context.js';
import { Rng } from '../../models/gen/rng.js';
import { INVARIANCE_VARIANTS, placeVariant } from '../../bench/invariance.js';

const MODULE = `#!/usr/bin/env python3
"""Tools for small sums.

Nothing here is fast.
"""
from __future__ import annotations
import os
import sys as system
from collections import (
    OrderedDict,
)

LIMIT = 3
import re


def total(xs):
    return sum(xs)


if __name__ == "__main__":
    print(total([1, 2]))
`;

const UNIT = 'def smallest(a, b):\n    if a < b:\n        return a\n    return b\n';

beforeAll(async () => { await initPython(); });

describe('contextOf', () => {
  it('takes the module docstring, the first run of imports and the main block', () => {
    const c = contextOf(MODULE);
    expect(c.doc).toBe('"""Tools for small sums.\n\nNothing here is fast.\n"""');
    expect(c.imports).toBe('from __future__ import annotations\nimport os\nimport sys as system\nfrom collections import (\n    OrderedDict,\n)');
    expect(c.main).toBe('if __name__ == "__main__":\n    print(total([1, 2]))');
  });
  it('finds nothing in a file without them, or with a syntax error', () => {
    expect(contextOf('x = 1\n"""not first"""\nif __name__ == "other":\n    pass\n')).toEqual({});
    expect(contextOf('"""doc"""\ndef f(:\n')).toEqual({});
  });
  it('skips pieces longer than 24 lines or with tabs', () => {
    const long = `"""${'line\n'.repeat(30)}"""\nimport os\n`;
    expect(contextOf(long)).toEqual({ imports: 'import os' });
    expect(contextOf('if __name__ == "__main__":\n\tmain()\n')).toEqual({});
  });
});

describe('collectContext', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flare-context-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('reads each file once and keeps at most cap pieces of a kind', () => {
    const a = join(dir, 'a.py');
    const b = join(dir, 'b.py');
    writeFileSync(a, MODULE);
    writeFileSync(b, '"""Other."""\n');
    const pool = collectContext([a, a, b, join(dir, 'missing.py')]);
    expect(pool.doc).toEqual([contextOf(MODULE).doc, '"""Other."""']);
    expect(pool.imports).toHaveLength(1);
    expect(pool.main).toHaveLength(1);
    expect(collectContext([a, b], 1).doc).toHaveLength(1);
  });
});

describe('placeInModule', () => {
  const pool: ContextPool = { doc: ['"""A module."""'], imports: ['import os\nimport re'], main: ['if __name__ == "__main__":\n    main()'] };
  it('keeps the labels on the same function lines and the text parseable', () => {
    const rng = new Rng(11);
    for (let i = 0; i < 40; i++) {
      const p = drawPlacement(pool, rng);
      expect(p.before.length + p.after.length).toBeGreaterThan(0);
      const s = placeInModule({ text: UNIT, lines: [1, 2], op: 'x', kind: 0 }, p);
      const lines = s.text.split('\n');
      expect(s.lines.map((l) => lines[l])).toEqual(['    if a < b:', '        return a']);
      expect(parsePython(s.text).errorLines).toEqual([]);
      if (p.before.length) expect(s.text.startsWith(p.before[0])).toBe(true);
      if (p.after.length) expect(s.text.trimEnd().endsWith(p.after[0])).toBe(true);
    }
  });
  it('draws the same placements from the same seed', () => {
    const draw = () => { const r = new Rng(5); return Array.from({ length: 10 }, () => drawPlacement(pool, r)); };
    expect(draw()).toEqual(draw());
  });
  it('leaves a sample alone when there is nothing to place', () => {
    const s = { text: UNIT, lines: [2], op: 'x', kind: 0 };
    expect(placeInModule(s, { before: [], after: [] })).toBe(s);
  });
});

describe('invariance variants', () => {
  it('put piece i of the variant kind on the side the variant names, with 1-based labels shifted', () => {
    const pool: ContextPool = { doc: ['"""One."""', '"""Two."""'], imports: ['import os'], main: [] };
    const samples = [0, 1, 2].map((i) => ({ text: UNIT, lines: [2 + (i % 2)], op: 'x', pkg: 'p' }));
    const before = placeVariant(samples, pool, INVARIANCE_VARIANTS[0]);
    expect(before.map((s) => s.text.split('\n')[0])).toEqual(['"""One."""', '"""Two."""', '"""One."""']);
    before.forEach((s, i) => expect(s.text.split('\n')[s.lines[0] - 1]).toBe(UNIT.split('\n')[samples[i].lines[0] - 1]));
    const after = placeVariant(samples, pool, INVARIANCE_VARIANTS[2]);
    expect(after[1].text.startsWith(UNIT)).toBe(true);
    expect(after[1].text.trimEnd().endsWith('"""Two."""')).toBe(true);
    expect(after[1].lines).toEqual(samples[1].lines);
  });
});
