import { beforeAll, describe, expect, it } from 'vitest';
import { initPython } from '../../server/src/language/python.js';
import { buildPrompt } from '../../server/src/refine/prompt.js';
import { topRegions } from '../../server/src/refine/regions.js';
import { applyReply, extractCode } from '../../server/src/refine/reply.js';

const SRC = [
  'import math',
  '',
  '',
  'def area(r):',
  '    """Area of a circle."""',
  '    return math.pi * r * 2',
  '',
  '',
  'def double(x):',
  '    return x * 2',
  '',
].join('\n');

describe('model replies', () => {
  beforeAll(() => initPython());
  const region = () => topRegions(SRC, [{ line: 6, score: 1 }], 1)[0];

  it('takes a fenced rewrite of the region and re-indents it', () => {
    const r = applyReply('Here is the fix:\n```python\nreturn math.pi * r ** 2\n```\n', SRC, region());
    expect(r).toMatchObject({ ok: true, kind: 'region' });
    expect(r.ok && r.text).toBe(SRC.replace('r * 2', 'r ** 2'));
  });

  it('takes the whole function, or the whole file', () => {
    const fn = applyReply('```py\ndef area(r):\n    """Area of a circle."""\n    return math.pi * r ** 2\n```', SRC, region());
    expect(fn).toMatchObject({ ok: true, kind: 'function' });
    expect(fn.ok && fn.text).toBe(SRC.replace('r * 2', 'r ** 2'));
    const file = applyReply(`\`\`\`python\n${SRC.replace('r * 2', 'r ** 2')}\`\`\``, SRC, region());
    expect(file).toMatchObject({ ok: true, kind: 'file' });
    expect(file.ok && file.text).toBe(SRC.replace('r * 2', 'r ** 2'));
  });

  it('removes line numbers copied from the prompt', () => {
    const r = applyReply('```python\n>>  6 |     return math.pi * r ** 2\n```', SRC, region());
    expect(r.ok && r.text).toBe(SRC.replace('r * 2', 'r ** 2'));
  });

  it('rejects empty, prose, cut-off, unparsable and foreign replies with a reason', () => {
    const reasons = ['', 'I think the bug is in line 6.', '```python\nreturn math.pi * (r ** 2\n```', '```python\nreturn math.pi', '```python\ndef nowhere(x):\n    return x\n```', '```python\nreturn math.pi * r * 2\n```']
      .map((reply) => applyReply(reply, SRC, region()));
    for (const r of reasons) expect(r.ok).toBe(false);
    expect(reasons.map((r) => (r.ok ? '' : r.reason))).toEqual([
      'empty reply', 'no code block in the reply', 'the region from the reply does not parse',
      'unterminated code block (reply cut off?)', 'reply defines nowhere(), which is not a function of the file', 'reply changes nothing',
    ]);
  });

  it('prefers the Python block when there are several', () => {
    expect(extractCode('```text\nlog\n```\n```python\nx = 1\n```')).toEqual({ code: 'x = 1' });
  });

  it('builds a prompt with numbered lines, the marked region and the failing tests', () => {
    const p = buildPrompt({
      file: 'geo.py', text: SRC, region: region(), tests: { passed: 1, failed: 1 },
      failures: [{ name: 'test_geo.T.test_area', kind: 'failure', message: 'AssertionError: 6.28 != 3.14', traceback: 'Traceback...\nAssertionError: 6.28 != 3.14' }],
    });
    expect(p.user).toContain('>>  6 |     return math.pi * r * 2');
    expect(p.user).toContain('    4 | def area(r):');
    expect(p.user).toContain('test_geo.T.test_area: AssertionError: 6.28 != 3.14');
    expect(p.user).toContain('line 6 of `geo.py`');
    expect(p.system).toMatch(/fenced code block/);
  });
});
