import { Ollama } from 'ollama';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOllama, startFakeOllama } from '../support/fake-ollama.js';

describe('fake Ollama server (wire format, through the real ollama client)', () => {
  let fake: FakeOllama;
  let client: Ollama;

  beforeAll(async () => {
    fake = await startFakeOllama({ reply: () => ({ content: 'hello from the model' }) });
    client = new Ollama({ host: fake.url });
  });
  afterAll(() => fake.close());

  it('streams chat as NDJSON parts and a final done object with stats', async () => {
    const stream = await client.chat({ model: 'qwen2.5-coder:7b', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const parts = [];
    for await (const p of stream) parts.push(p);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.map((p) => p.message.content).join('')).toBe('hello from the model');
    const last = parts[parts.length - 1];
    expect(last).toMatchObject({ model: 'qwen2.5-coder:7b', done: true, done_reason: 'stop', message: { role: 'assistant', content: '' } });
    expect(typeof last.created_at).toBe('string');
    expect(last.eval_count).toBeGreaterThan(0);
    expect(last.total_duration).toBeGreaterThan(0);
    expect(parts[0]).toMatchObject({ done: false, message: { role: 'assistant' } });
  });

  it('answers chat and generate without streaming', async () => {
    const chat = await client.chat({ model: 'qwen2.5-coder:7b', messages: [{ role: 'user', content: 'hi' }] });
    expect(chat).toMatchObject({ done: true, message: { role: 'assistant', content: 'hello from the model' } });
    const gen = await client.generate({ model: 'qwen2.5-coder:7b', prompt: 'hi' });
    expect(gen).toMatchObject({ done: true, response: 'hello from the model' });
    expect(Array.isArray(gen.context)).toBe(true);
  });

  it('streams generate', async () => {
    const stream = await client.generate({ model: 'qwen2.5-coder:7b', prompt: 'hi', stream: true });
    let text = '';
    for await (const p of stream) text += p.response;
    expect(text).toBe('hello from the model');
  });

  it('lists models and tells its version', async () => {
    const list = await client.list();
    expect(list.models[0]).toMatchObject({ name: 'qwen2.5-coder:7b', details: { format: 'gguf' } });
    const v = await (await fetch(`${fake.url}/api/version`)).json();
    expect(v.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('answers 404 with Ollama\'s error for a model it does not have', async () => {
    const err = await client.chat({ model: 'nope:1b', messages: [] }).catch((e) => e);
    expect(err.name).toBe('ResponseError');
    expect(err.status_code).toBe(404);
    expect(err.message).toBe('model "nope:1b" not found, try pulling it first');
  });

  it('can cut a stream in the middle and see a client abort', async () => {
    fake.setReply(() => ({ content: 'x'.repeat(200), cutAfter: 3 }));
    const stream = await client.chat({ model: 'qwen2.5-coder:7b', stream: true, messages: [] });
    await expect((async () => { for await (const _ of stream) { /* drain */ } })()).rejects.toThrow();
    fake.setReply(() => ({ content: 'y'.repeat(400), chunkDelayMs: 50 }));
    const slow = await client.chat({ model: 'qwen2.5-coder:7b', stream: true, messages: [] });
    let n = 0;
    await expect((async () => { for await (const _ of slow) { if (++n === 2) slow.abort(); } })()).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.generations().at(-1)!.aborted).toBe(true);
  });
});
