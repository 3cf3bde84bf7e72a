import { beforeAll, describe, expect, it } from 'vitest';
import { initPython, parsePython } from '../../server/src/language/python.js';
import {
  FEATURE_VERSION, LINE_FEATURES, WINDOW_LINES, WINDOW_TOKENS, featurize, tokenKey, vocabHash, type Vocab,
} from '../../server/src/diagnose/featurizer.js';

const vocab: Vocab = { language: 'python', tokens: ['i:x', 'k:def', 'k:return', 'n:1'], hashBuckets: 16 };

describe('featurizer', () => {
  beforeAll(() => initPython());

  it('keys tokens by kind', () => {
    const p = parsePython('def f(x):\n    return x + 1 == "ab"\n');
    const keys = p.tokens.map(tokenKey);
    expect(keys).toEqual(['k:def', 'i:f', 'k:(', 'i:x', 'k:)', 'k::', 'k:return', 'i:x', 'k:+', 'n:1', 'k:==', 's:ab']);
  });

  it('puts every non-blank line in a window slot and keeps windows within bounds', () => {
    const body = Array.from({ length: 150 }, (_, i) => `    v${i} = v${i} + ${i} * (a + b - c)`).join('\n');
    const text = `import os\n\n\ndef f(a, b, c):\n${body}\n    return a\n\n# comment\nx = 1\n`;
    const f = featurize(parsePython(text), vocab);
    expect(f.lineFeats.length).toBe(f.nLines * LINE_FEATURES);
    for (const w of f.windows) {
      expect(w.ids.length).toBeLessThanOrEqual(WINDOW_TOKENS);
      expect(w.lines.length).toBeLessThanOrEqual(WINDOW_LINES);
    }
    const lines = text.split('\n');
    lines.forEach((l, r) => {
      if (l.trim() && !l.trim().startsWith('#')) expect(f.lineRef[r]).toBeGreaterThanOrEqual(0);
    });
    expect(f.candidates).toContain(lines.indexOf('# comment'));
    expect(f.code[lines.indexOf('# comment')]).toBe(0);
    expect(f.code[lines.indexOf('x = 1')]).toBe(1);
  });

  it('marks docstrings and string continuation lines as not code', () => {
    const text = 'def f(x):\n    """Doc.\n\n    More.\n    """\n    return x\n\n\n"""\nTrailing notes\n"""\n';
    const f = featurize(parsePython(text), vocab);
    const lines = text.split('\n');
    const code = lines.map((_, r) => f.code[r]);
    expect(code.slice(0, 6)).toEqual([1, 0, 0, 0, 0, 1]);
    expect(code.slice(8, 11)).toEqual([0, 0, 0]);
  });

  it('keeps windows of untouched definitions identical after an edit elsewhere', () => {
    const a = 'def f(x):\n    return x + 1\n\n\ndef g(y):\n    return y * 2\n';
    const b = a.replace('x + 1', 'x + 2');
    const fa = featurize(parsePython(a), vocab);
    const fb = featurize(parsePython(b), vocab);
    expect(fa.windows.length).toBe(2);
    expect(fa.windows[0].key).not.toBe(fb.windows[0].key);
    expect(fa.windows[1].key).toBe(fb.windows[1].key);
  });

  it('hashes the vocabulary with the feature contract', () => {
    expect(FEATURE_VERSION).toBeGreaterThan(0);
    expect(vocabHash(vocab)).toMatch(/^[0-9a-f]{16}$/);
    expect(vocabHash({ ...vocab, tokens: [...vocab.tokens, 'i:y'] })).not.toBe(vocabHash(vocab));
  });
});
