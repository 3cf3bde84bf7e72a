import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Diagnoser } from '../../server/src/diagnose/diagnoser.js';
import { refine, type RefineProgress } from '../../server/src/refine/index.js';
import { closedPort, type FakeOllama, startFakeOllama } from '../support/fake-ollama.js';
import { cleanupProjects, copyFixture, snapshot } from '../support/project.js';

const diagnoser = new Diagnoser();
const templates = { refine: { generator: 'templates', parallel: 2 } };
/** unittest through the warm interpreter: much quicker per run than pytest with its plugins. */
const unittest = { ...templates, tests: { command: 'python3 -m unittest -q' } };

describe('refine with repair templates', () => {
  afterAll(cleanupProjects);

  it('fixes a wrong comparison (pytest found automatically) and leaves the project untouched', { timeout: 300_000 }, async () => {
    const dir = copyFixture('clamp');
    const before = snapshot(dir);
    const events: RefineProgress[] = [];
    const r = await refine({ root: dir, file: 'bounds.py', settings: templates, diagnoser }, { onProgress: (e) => events.push(e) });
    expect(r.status).toBe('fixed');
    expect(r.before).toEqual({ passed: 1, failed: 3 });
    expect(r.after).toEqual({ passed: 4, failed: 0 });
    expect(r.source).toContain('if value > high:');
    expect(r.diff).toContain('-    if value < high:\n+    if value > high:');
    expect(r.rounds).toBe(1);
    expect(r.candidates).toBeGreaterThan(0);
    expect(r.fix).toMatchObject({ generator: 'templates', startLine: 8 });
    expect(r.timings.tests).toBeGreaterThan(0);
    expect(snapshot(dir)).toEqual(before);
    const test = events.filter((e) => e.phase === 'test');
    expect(test.length).toBe(r.candidates);
    expect(test[0].message).toMatch(/^candidate 1\/\d+: \d+\/4 tests pass$/);
    expect(events[0].phase).toBe('prepare');
    expect(events.at(-1)!.phase).toBe('done');
  });

  it('fixes an off-by-one with a unittest command, and a wrong variable in a package layout', async () => {
    const w = copyFixture('windows');
    const r1 = await refine({ root: w, file: 'sliding.py', settings: unittest, diagnoser });
    expect(r1.status).toBe('fixed');
    expect(r1.source).toMatch(/range\(\(?len\(items\) - size\)? \+ 1\)/);
    expect(r1.before.passed).toBeLessThan(4);
    expect(r1.after).toEqual({ passed: 4, failed: 0 });

    const l = copyFixture('ledger');
    const r2 = await refine({ root: l, file: join(l, 'ledger.py'), settings: unittest, diagnoser });
    expect(r2.status).toBe('fixed');
    expect(r2.source).toContain('result[target] = result.get(target, 0) + amount');
  });

  it('goes on with the same regions when their candidates were cut at maxCandidates', async () => {
    // With model scores and k = 2 the fix is past the 10th candidate of round 1; at 10 candidates a
    // round, round 2 must test the rest of the same regions rather than move on to others.
    const r = await refine({
      root: copyFixture('windows'), file: 'sliding.py', diagnoser, scores: 'model',
      settings: { refine: { generator: 'templates', parallel: 1, k: 2, rounds: 2, maxCandidates: 10 }, tests: { command: 'python3 -m unittest -q' } },
    });
    expect(r.status).toBe('fixed');
    expect(r.rounds).toBe(2);
    expect(r.candidates).toBeGreaterThan(10);
    expect(r.fix).toMatchObject({ startLine: 4 });
  });

  it('repairs the text it is given (an unsaved buffer), not the file on disk', async () => {
    const dir = copyFixture('passing');
    const buffer = readFileSync(join(dir, 'greet.py'), 'utf8').replace('"hello "', '"hello"');
    const r = await refine({ root: dir, file: 'greet.py', text: buffer, settings: unittest, diagnoser });
    expect(r.before).toEqual({ passed: 0, failed: 1 });
    expect(['fixed', 'unchanged']).toContain(r.status);
    expect(readFileSync(join(dir, 'greet.py'), 'utf8')).toContain('"hello "');
  });

  it('says so and stops when every test already passes', async () => {
    const r = await refine({ root: copyFixture('passing'), file: 'greet.py', settings: unittest, diagnoser });
    expect(r.status).toBe('unchanged');
    expect(r.message).toMatch(/all 1 tests already pass/);
    expect(r.candidates).toBe(0);
    expect(r.diff).toBe('');
  });
});

describe('refine errors users will hit', () => {
  let fake: FakeOllama;
  beforeAll(async () => { fake = await startFakeOllama({ models: ['llama3.2:1b'] }); });
  afterAll(async () => { await fake.close(); cleanupProjects(); });

  it('no tests: says how to set the test command', async () => {
    const r = await refine({ root: copyFixture('notests'), file: 'calc.py', settings: templates, diagnoser });
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/no tests found/);
    expect(r.message).toMatch(/--tests "CMD"/);
    expect(r.message).toMatch(/flare\.tests\.command/);
  });

  it('tests that cannot start', async () => {
    const r = await refine({ root: copyFixture('clamp'), file: 'bounds.py', settings: { ...templates, tests: { command: 'no-such-test-runner --all' } }, diagnoser });
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/the tests could not start \(`no-such-test-runner --all`, exit status 127\)/);
    expect(r.message).toMatch(/not found/);
  });

  it('tests that hang: every run times out', async () => {
    const r = await refine({
      root: copyFixture('hanging'), file: 'waits.py', diagnoser,
      settings: { refine: { generator: 'templates', k: 1, maxCandidates: 3 }, tests: { timeoutSec: 1.5 } },
    });
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/every test run timed out/);
    expect(r.message).toMatch(/--timeout/);
  });

  it('Ollama not running: says how to start it', async () => {
    const host = await closedPort();
    const r = await refine({ root: copyFixture('stats'), file: 'stats.py', settings: { refine: { generator: 'ollama' }, ollama: { host } }, diagnoser });
    expect(r.status).toBe('error');
    expect(r.message).toContain(`Ollama is not reachable at ${host}`);
    expect(r.message).toContain('`ollama serve`');
  });

  it('Ollama model not pulled: says which pull to run', async () => {
    const r = await refine({ root: copyFixture('stats'), file: 'stats.py', settings: { refine: { generator: 'ollama' }, ollama: { host: fake.url, model: 'qwen2.5-coder:7b' } }, diagnoser });
    expect(r.status).toBe('error');
    expect(r.message).toContain('`ollama pull qwen2.5-coder:7b`');
  });

  it('auto: with Ollama down, says so once and returns the template result', async () => {
    const host = await closedPort();
    const logs: string[] = [];
    const r = await refine({
      root: copyFixture('stats'), file: 'stats.py', diagnoser,
      settings: { refine: { generator: 'auto', rounds: 2, maxCandidates: 30 }, tests: { command: 'python3 -m unittest -q' }, ollama: { host } },
    }, { log: (l) => logs.push(l) });
    expect(['unchanged', 'improved']).toContain(r.status);
    expect(r.message).toContain('Ollama was not used');
    expect(r.message).toContain('ollama serve');
    expect(logs.filter((l) => l.includes('not reachable'))).toHaveLength(1);
  });
});
