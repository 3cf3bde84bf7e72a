/**
 * The scorer's window cache must not change results: after a series of edits, scores from the cached
 * path equal a full re-score (useCache: false) of the same text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Diagnoser } from '../../server/src/diagnose/diagnoser.js';
import { languageFor } from '../../server/src/language/index.js';
import { fixture, FIXTURES, TestClient } from './client.js';

/** A file long enough for several windows: the two fixtures and some generated functions. */
function base(): string {
  const parts = [readFileSync(join(FIXTURES, 'buggy.py'), 'utf8'), readFileSync(join(FIXTURES, 'second.py'), 'utf8')];
  for (let i = 0; i < 12; i++) {
    parts.push(`def step_${i}(state, k):\n    if state[k] > ${i}:\n        state[k] -= ${i + 1}\n    return state\n`);
  }
  return parts.join('\n\n');
}

const EDITS: ((t: string) => string)[] = [
  (t) => t.replace('range(1, len(values))', 'range(len(values))'),
  (t) => t.replace('state[k] -= 3', 'state[k] += 3'),
  (t) => `import os\n${t}`,
  (t) => t.replace('def step_5(state, k):\n', 'def step_5(state, k):\n    k = k % len(state)\n'),
  (t) => t.replace('return self.items[-1]', 'return self.items[0]'),
];

beforeAll(async () => {
  await languageFor('python')!.init();
});

describe('incremental scoring', () => {
  it('gives the same scores as full scoring after edits', async () => {
    const d = new Diagnoser();
    let text = base();
    const first = await d.diagnose(text, 'python');
    expect(first.encoded).toBeGreaterThan(3);
    for (const edit of EDITS) {
      const next = edit(text);
      expect(next).not.toBe(text);
      text = next;
      const cached = await d.diagnose(text, 'python');
      const full = await d.diagnose(text, 'python', { useCache: false });
      expect(cached.encoded).toBeLessThan(full.encoded);
      expect(cached.lines.length).toBe(full.lines.length);
      expect(cached.noBug).toBeCloseTo(full.noBug, 6);
      const byLine = new Map(full.lines.map((l) => [l.line, l]));
      for (const c of cached.lines) {
        const f = byLine.get(c.line)!;
        expect(c.score).toBeCloseTo(f.score, 6);
        expect(c.kind).toBe(f.kind);
        expect(c.kindProb).toBeCloseTo(f.kindProb, 5);
      }
      // Same ranking wherever scores are not within float noise of each other.
      for (let i = 1; i < cached.lines.length; i++) {
        const a = byLine.get(cached.lines[i - 1].line)!;
        const b = byLine.get(cached.lines[i].line)!;
        expect(a.score).toBeGreaterThan(b.score - 1e-6);
      }
    }
  });
});

describe('server and engine agree', () => {
  it('publishes the scores that the Diagnoser computes for the same text', async () => {
    const f = fixture('second.py');
    const direct = await new Diagnoser().diagnose(f.text, f.path, { useCache: false });
    const client = await TestClient.start({ initializationOptions: { diagnostics: { threshold: 0, maxPerFile: 1000, debounceMs: 0 } } });
    try {
      await client.open(f.uri, f.text);
      const got = await client.diagnostics(f.uri, 1);
      const ranked = direct.lines.filter((l) => l.score > 0);
      expect(got.diagnostics.map((x) => x.range.start.line + 1)).toEqual(ranked.map((l) => l.line));
      got.diagnostics.forEach((x, i) => {
        expect(x.data.score).toBeCloseTo(ranked[i].score, 6);
        expect(x.data.rank).toBe(ranked[i].rank);
      });
      expect(await client.stop()).toBe(0);
      expect(client.leftovers()).toEqual([]);
    } finally {
      client.kill();
    }
  });
});
