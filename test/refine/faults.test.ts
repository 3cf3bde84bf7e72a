/**
 * Ollama misbehaving in every way at once, through the real refinement engine and a fake Ollama on
 * 127.0.0.1: an HTTP 500, a stream of garbage, a request that hangs past ollama.timeoutSec, a stream
 * cut in the middle, a stream far too long, and a reply without the final `done`; the last reply is good.
 * Each bad reply is dropped with a log line saying why; the good reply still wins; nothing crashes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Diagnoser } from '../../server/src/diagnose/diagnoser.js';
import { refine } from '../../server/src/refine/index.js';
import { type FakeOllama, type ReplyScript, startFakeOllama } from '../support/fake-ollama.js';
import { cleanupProjects, copyFixture, FIXTURES, snapshot } from '../support/project.js';

const ORIGINAL = readFileSync(join(FIXTURES, 'stats', 'stats.py'), 'utf8');
const FIXED = ORIGINAL.replace('        lo = min(lo, x)\n', '        lo = min(lo, x)\n        hi = max(hi, x)\n');
const fence = (code: string) => `\`\`\`python\n${code}\`\`\`\n`;

describe('Ollama faults during a refinement', () => {
  let fake: FakeOllama;
  beforeAll(async () => { fake = await startFakeOllama(); });
  afterAll(async () => { await fake.close(); cleanupProjects(); });

  it('drops each broken reply with a reason and still finds the fix', { timeout: 180_000 }, async () => {
    const start = fake.generations().length;
    const faults: ReplyScript[] = [
      { status: 500, error: 'llama runner process has terminated' },
      { rawLines: ['this is not json\n', '{"model": "qwen2.5-coder:7b", "message": \n', '\u0000\u0001\u0002\n'] },
      { content: fence(FIXED), delayMs: 6000 },
      { content: fence(FIXED), cutAfter: 3 },
      { content: 'x'.repeat(400_000), chunks: Array.from({ length: 400 }, () => 'x'.repeat(1000)) },
      { content: fence(FIXED), noDone: true },
      { content: `Here it is:\n\n${fence(FIXED)}`, chunkDelayMs: 1 },
    ];
    fake.setReply((req) => faults[req.index - start] ?? { content: '' });
    const dir = copyFixture('stats');
    const before = snapshot(dir);
    const logs: string[] = [];
    const r = await refine({
      root: dir, file: 'stats.py', diagnoser: new Diagnoser(),
      settings: {
        refine: { generator: 'ollama', k: 7, rounds: 1, parallel: 1 }, tests: { command: 'python3 -m unittest -q' },
        ollama: { host: fake.url, timeoutSec: 2 },
      },
    }, { log: (l) => logs.push(l) });
    const text = logs.join('\n');
    expect(fake.generations().length - start, text).toBeGreaterThanOrEqual(7);
    expect(r.status, text).toBe('fixed');
    expect(r.source).toBe(FIXED);
    expect(text).toMatch(/reply dropped \(Ollama answered 500: llama runner process has terminated\)/);
    expect(text).toMatch(/reply dropped \(Ollama request failed: Did not receive done/);
    expect(text).toMatch(/reply dropped \(Ollama request failed: UND_ERR_SOCKET/);
    expect(text).toMatch(/no complete reply within 2 s; request aborted/);
    expect(text).toMatch(/reply dropped \(longer than 200000 characters\)/);
    expect(snapshot(dir)).toEqual(before);
  });
});
