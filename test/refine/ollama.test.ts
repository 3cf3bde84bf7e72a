import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Diagnoser } from '../../server/src/diagnose/diagnoser.js';
import { RefineCancelled, refine } from '../../server/src/refine/index.js';
import { type FakeOllama, startFakeOllama } from '../support/fake-ollama.js';
import { cleanupProjects, copyFixture, FIXTURES, snapshot } from '../support/project.js';

const diagnoser = new Diagnoser();
const ORIGINAL = readFileSync(join(FIXTURES, 'stats', 'stats.py'), 'utf8');
const FIXED = ORIGINAL.replace('        lo = min(lo, x)\n', '        lo = min(lo, x)\n        hi = max(hi, x)\n');
const WRONG = [
  ORIGINAL.replace('return hi - lo', 'return lo - hi'),
  ORIGINAL.replace('        lo = min(lo, x)\n', '        lo = max(lo, x)\n'),
  ORIGINAL.replace('hi = xs[0]', 'hi = xs[-1]'),
];
const fence = (code: string) => `Here is the corrected file:\n\n\`\`\`python\n${code}\`\`\`\n`;

describe('refine with Ollama (fake server)', () => {
  let fake: FakeOllama;
  beforeAll(async () => { fake = await startFakeOllama(); });
  afterAll(async () => { await fake.close(); cleanupProjects(); });

  const settings = (extra: Record<string, unknown> = {}) => ({
    refine: { generator: 'ollama', k: 3, rounds: 1 }, tests: { command: 'python3 -m unittest -q' },
    ollama: { host: fake.url, timeoutSec: 20 }, ...extra,
  });

  it('selects the one correct whole-file rewrite among k replies, wherever it comes', async () => {
    for (const correct of [2, 0, 1]) {
      const start = fake.generations().length;
      fake.setReply((req) => {
        const i = req.index - start;
        return { content: fence(i === correct ? FIXED : WRONG[i % WRONG.length]), chunkDelayMs: 2 };
      });
      const dir = copyFixture('stats');
      const before = snapshot(dir);
      const r = await refine({ root: dir, file: 'stats.py', settings: settings(), diagnoser });
      expect(r.status, `correct reply #${correct}`).toBe('fixed');
      expect(r.source).toBe(FIXED);
      expect(r.after).toEqual({ passed: 4, failed: 0 });
      expect(r.fix).toMatchObject({ generator: 'ollama', op: 'ollama-file' });
      expect(r.diff).toContain('+        hi = max(hi, x)');
      expect(snapshot(dir)).toEqual(before);
      const reqs = fake.generations().slice(start);
      expect(reqs.length).toBeGreaterThanOrEqual(correct + 1);
      expect(reqs.length).toBeLessThanOrEqual(3);
      for (const q of reqs) {
        expect(q.path).toBe('/api/chat');
        expect(q.body).toMatchObject({ model: 'qwen2.5-coder:7b', stream: true, keep_alive: '30m', options: { num_ctx: 8192, temperature: 0.2 } });
        const user = (q.body.messages as { role: string; content: string }[]).find((m) => m.role === 'user')!.content;
        expect(user).toContain('test_stats.StatsTest.test_spread');
        expect(user).toMatch(/>> +\d+ \| /);
      }
    }
  });

  it('drops empty, prose, cut-off and too-slow replies and still uses the good one', async () => {
    const start = fake.generations().length;
    const fn = FIXED.slice(FIXED.indexOf('def spread'));
    const scripts = [
      { content: '' },
      { content: 'The bug is that hi is never updated.' },
      { content: fence(FIXED), cutAfter: 4 },
      { content: fence(FIXED), delayMs: 2500 },
      { content: `\`\`\`python\n${fn}\`\`\`` },
    ];
    fake.setReply((req) => scripts[req.index - start] ?? { content: '' });
    const logs: string[] = [];
    const r = await refine({
      root: copyFixture('stats'), file: 'stats.py', diagnoser,
      settings: settings({ refine: { generator: 'ollama', k: 5, rounds: 1, parallel: 1 }, ollama: { host: fake.url, timeoutSec: 1 } }),
    }, { log: (l) => logs.push(l) });
    const regions = fake.generations().length - start;
    expect(regions).toBeGreaterThanOrEqual(5);
    expect(r.status).toBe('fixed');
    expect(r.source).toBe(FIXED);
    expect(r.fix?.op).toBe('ollama-function');
    const text = logs.join('\n');
    expect(text).toMatch(/reply dropped \(empty reply\)/);
    expect(text).toMatch(/reply dropped \(no code block in the reply\)/);
    expect(text).toMatch(/reply dropped \(Ollama request failed/);
    expect(text).toMatch(/no complete reply within 1 s; request aborted/);
  });

  it('auto: templates first, then Ollama when no template passes every test', async () => {
    const start = fake.generations().length;
    fake.setReply((req) => ({ content: fence(req.index - start === 1 ? FIXED : WRONG[0]) }));
    const r = await refine({
      root: copyFixture('stats'), file: 'stats.py', diagnoser,
      settings: settings({ refine: { generator: 'auto', k: 3, rounds: 1, maxCandidates: 15 } }),
    });
    expect(r.status).toBe('fixed');
    expect(r.fix?.generator).toBe('ollama');
    expect(r.candidates).toBeGreaterThan(2);
  });

  it('cancel aborts the streaming request', async () => {
    const start = fake.generations().length;
    fake.setReply(() => ({ content: fence(FIXED).repeat(20), chunkDelayMs: 50 }));
    const controller = new AbortController();
    const job = refine({ root: copyFixture('stats'), file: 'stats.py', settings: settings(), diagnoser }, { signal: controller.signal });
    const t0 = Date.now();
    while (fake.generations().length === start && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 200));
    controller.abort();
    await expect(job).rejects.toBeInstanceOf(RefineCancelled);
    await new Promise((r) => setTimeout(r, 200));
    const req = fake.generations()[start];
    expect(req.aborted).toBe(true);
    expect(req.completed).toBe(false);
  });
});
