/**
 * The scheduler with a fake engine whose results we release by hand: results for outdated
 * versions are dropped, a model change re-queues, debounce coalesces edits.
 */
import { describe, expect, it } from 'vitest';
import { Analysis, type Outcome } from '../../server/src/lsp/analysis.js';
import { Documents } from '../../server/src/lsp/documents.js';
import type { Engine, ScoreResult } from '../../server/src/lsp/engine.js';

class FakeEngine {
  generation = 0;
  calls: { text: string; release: () => void }[] = [];
  score(text: string): Promise<ScoreResult> {
    return new Promise((resolve) => {
      this.calls.push({ text, release: () => resolve({ model: 'fake', noBug: 0.5, lines: [], encoded: 0, ms: 1 }) });
    });
  }
}

const tick = () => new Promise((r) => setTimeout(r, 5));
const URI = 'file:///x.py';

function setup(maxFileBytes = 1000) {
  const docs = new Documents();
  const engine = new FakeEngine();
  const outcomes: Outcome[] = [];
  const analysis = new Analysis(docs, engine as unknown as Engine, {
    onOutcome: (_uri, o) => outcomes.push(o),
    maxFileBytes: () => maxFileBytes,
    debug: () => undefined,
  });
  return { docs, engine, outcomes, analysis };
}

describe('analysis scheduling', () => {
  it('never reports a result for a version the document has left', async () => {
    const { docs, engine, outcomes, analysis } = setup();
    docs.open(URI, 'python', 1, 'a = 1\n');
    analysis.schedule(URI, 0);
    await tick();
    expect(engine.calls.map((c) => c.text)).toEqual(['a = 1\n']);
    docs.change(URI, 2, [{ text: 'a = 2\n' }]);
    analysis.schedule(URI, 0);
    docs.change(URI, 3, [{ text: 'a = 3\n' }]);
    analysis.schedule(URI, 0);
    engine.calls[0].release(); // v1 finishes after the document moved on
    await tick();
    expect(outcomes).toEqual([]);
    expect(engine.calls.map((c) => c.text)).toEqual(['a = 1\n', 'a = 3\n']); // v2 never scored
    engine.calls[1].release();
    await tick();
    expect(outcomes.map((o) => [o.version, o.state])).toEqual([[3, 'scored']]);
    expect(analysis.current(URI)?.version).toBe(3);
  });

  it('scores again when the model changes while a job is in flight', async () => {
    const { docs, engine, outcomes, analysis } = setup();
    docs.open(URI, 'python', 1, 'a = 1\n');
    analysis.schedule(URI, 0);
    await tick();
    engine.generation++;
    engine.calls[0].release();
    await tick();
    expect(outcomes).toEqual([]);
    expect(engine.calls).toHaveLength(2);
    engine.calls[1].release();
    await tick();
    expect(outcomes.map((o) => o.version)).toEqual([1]);
  });

  it('debounces, skips large or binary text, and lets waiters know about closes', async () => {
    const { docs, engine, outcomes, analysis } = setup(20);
    docs.open(URI, 'python', 1, 'a = 1\n');
    for (let v = 2; v <= 4; v++) {
      docs.change(URI, v, [{ text: `a = ${v}\n` }]);
      analysis.schedule(URI, 30);
    }
    await new Promise((r) => setTimeout(r, 80));
    expect(engine.calls.map((c) => c.text)).toEqual(['a = 4\n']);
    engine.calls[0].release();
    await tick();

    docs.change(URI, 5, [{ text: 'x = 1\n'.repeat(10) }]);
    analysis.schedule(URI, 0);
    docs.open('file:///b.py', 'python', 1, 'x\0');
    analysis.schedule('file:///b.py', 0);
    await tick();
    expect(outcomes.map((o) => (o.state === 'skipped' ? o.reason.kind : o.state))).toEqual(['scored', 'size', 'binary']);
    expect(engine.calls).toHaveLength(1);

    docs.change(URI, 6, [{ text: 'b = 1\n' }]);
    const waiting = analysis.settled(URI, () => false);
    await tick();
    docs.close(URI);
    analysis.closed(URI);
    expect(await waiting).toBeUndefined();
  });
});
