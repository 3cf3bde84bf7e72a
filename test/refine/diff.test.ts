import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../server/src/refine/diff.js';

describe('unified diff', () => {
  it('prints hunks with context like diff -u', () => {
    const a = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n') + '\n';
    const b = a.replace('c\n', 'C\n').replace('j\n', 'j\nk\n');
    expect(unifiedDiff(a, b, 'x.py')).toBe([
      '--- a/x.py', '+++ b/x.py',
      '@@ -1,6 +1,6 @@', ' a', ' b', '-c', '+C', ' d', ' e', ' f',
      '@@ -8,3 +8,4 @@', ' h', ' i', ' j', '+k', '',
    ].join('\n'));
  });

  it('splits far-apart changes into hunks and is empty for equal texts', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i}`);
    const a = `${lines.join('\n')}\n`;
    const b = a.replace('line 2\n', 'line two\n').replace('line 25\n', '');
    const d = unifiedDiff(a, b, 'f.py');
    expect(d.match(/^@@/gm)).toHaveLength(2);
    expect(d).toContain('@@ -1,6 +1,6 @@');
    expect(d).toContain('@@ -23,7 +23,6 @@');
    expect(unifiedDiff(a, a)).toBe('');
  });
});
