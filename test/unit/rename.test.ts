/**
 * The renaming augmentation of the training data: local names change consistently, nothing else
 * does, line numbers hold, and the program still computes the same thing (run with python3).
 * Parameters are renamed too, so a caller that passes them by keyword would need the same change:
 * training samples are read by the model, never run.
 */
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { initPython } from '../../server/src/language/python.js';
import { Renamer, namePool } from '../../models/gen/rename.js';
import { Rng } from '../../models/gen/rng.js';

const PROGRAM = `import math


def stats(values, scale=2, *extra, **opts):
    total = 0
    best = None
    for i, (a, b) in enumerate(values):
        if (d := a - b) > 0:
            total += d * scale
        best = d if best is None else max(best, d)
    squares = [v * v for v, _ in sorted(values, key=sum) if v]
    return {"total": total, "best": best, "n": len(squares), "root": math.sqrt(sum(squares)), "extra": len(extra) + len(opts)}


class Box:
    def __init__(self, items):
        self.items = list(items)

    def pick(self, key):
        found = [item for item in self.items if item == key]
        return self.items.count(key) + len(found)


counter = 0


def bump(step):
    global counter
    counter += step
    return counter


print(stats([(3, 1), (2, 5), (4, 4)], 3), Box([1, 2, 2]).pick(2), bump(4))
`;

const run = (code: string) => execFileSync('python3', ['-c', code], { encoding: 'utf8' });

describe('renaming augmentation', () => {
  beforeAll(initPython);

  it('renames locals consistently and keeps lines, attributes, keywords, builtins and globals', () => {
    const renamer = new Renamer(['alpha', 'beta', 'gamma', 'total']);
    const out = renamer.rename(PROGRAM, new Rng(3));
    expect(out).not.toBe(PROGRAM);
    const before = PROGRAM.split('\n');
    const after = out.split('\n');
    expect(after.length).toBe(before.length);
    // Parameters and assigned names are gone from their function.
    const statsFn = after.slice(3, 13).join('\n');
    for (const name of ['values', 'total', 'best', 'squares']) expect(statsFn).not.toMatch(new RegExp(`\\b${name}\\b(?!")`));
    // Attributes, call keywords, builtins, self, imports and a function that declares a global stay.
    expect(out).toContain('self.items = list(');
    expect(out).toContain('math.sqrt(sum(');
    expect(out).toMatch(/in sorted\(\w+, key=sum\)/);
    expect(out).toContain('def bump(step):\n    global counter\n    counter += step');
    // The renamed program computes the same.
    expect(run(out)).toBe(run(PROGRAM));
  });

  it('is reproducible from the seed and draws from the pool', () => {
    const renamer = new Renamer(namePool(['i:x', 'i:value', 'i:self', 'i:len', 'k:if', 'i:__init__', 'i:Node']));
    const a = renamer.rename(PROGRAM, new Rng(9));
    expect(renamer.rename(PROGRAM, new Rng(9))).toBe(a);
    expect(renamer.rename(PROGRAM, new Rng(10))).not.toBe(a);
    expect(namePool(['i:x', 'i:value', 'i:self', 'i:len', 'k:if', 'i:__init__', 'i:Node'])).toEqual(['x', 'value']);
  });

  it('leaves a file it cannot parse as it is', () => {
    const bad = 'def f(a):\n    return a +\n';
    expect(new Renamer(['x']).rename(bad, new Rng(1))).toBe(bad);
  });
});
