/**
 * The fusion runtime with a real (tiny) ONNX ranker written by PyTorch (Debian's python3) in the test:
 * logits match PyTorch's, fused scores are a softmax over code lines, metadata is checked, and with no
 * failing test the model's scores come back exactly.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUSION_FEATURES, FUSION_FEATURE_VERSION, fusionFeatures, lineEvidence } from '../../server/src/diagnose/evidence.js';
import { FusionError, FusionRanker, fuseScores, loadFusion } from '../../server/src/diagnose/fusion.js';
import type { TraceTest } from '../../server/src/exec/trace.js';
import { hasTorch, writeTinyRanker } from '../support/tiny-fusion.js';

const trace = (outcome: TraceTest['outcome'], lines: number[], frames: number[] = []): TraceTest => ({
  id: `t${lines.join('')}${outcome}`, outcome, lines: { 'm.py': lines }, exception: null,
  frames: frames.map((line) => ({ file: 'm.py', line })),
});

describe.skipIf(!hasTorch)('fusion runtime (tiny real ranker)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flare-fusion-'));
  const model = [0.1, 0, 0.5, 0.2, 0.05];
  const ev = lineEvidence({ tests: [trace('fail', [1, 3, 4], [4]), trace('pass', [1, 3]), trace('error', [1, 4])] }, 'm.py', 5);
  const rows = fusionFeatures(model, ev);
  let expected: number[];
  beforeAll(() => {
    expected = writeTinyRanker(dir, 'tiny', rows).expected;
    const meta = { id: 'tiny', featureVersion: FUSION_FEATURE_VERSION, features: [...FUSION_FEATURES], recipe: 'test', metrics: {} };
    writeFileSync(join(dir, 'old.json'), JSON.stringify({ ...meta, onnx: 'tiny.onnx', featureVersion: 0 }));
    writeFileSync(join(dir, 'renamed.json'), JSON.stringify({ ...meta, onnx: 'tiny.onnx', features: [...FUSION_FEATURES].reverse() }));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the ranker like PyTorch and softmaxes over code lines', async () => {
    const ranker = await FusionRanker.load(join(dir, 'tiny.json'));
    const logits = await ranker.logits(rows);
    expected.forEach((v, i) => expect(logits[i]).toBeCloseTo(v, 4));
    const fused = await fuseScores(model, ev, ranker);
    expect(fused[1]).toBe(0);
    expect(fused.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const code = [0, 2, 3, 4];
    const z = code.map((i) => Math.exp(expected[i]));
    const sum = z.reduce((a, b) => a + b, 0);
    code.forEach((i, k) => expect(fused[i]).toBeCloseTo(z[k] / sum, 5));
    await ranker.release();
  });

  it('returns the model scores exactly with no evidence, no failing test or no ranker', async () => {
    const ranker = await FusionRanker.load(join(dir, 'tiny.json'));
    const passing = lineEvidence({ tests: [trace('pass', [1, 3])] }, 'm.py', 5);
    expect(await fuseScores(model, null, ranker)).toEqual(model);
    expect(await fuseScores(model, passing, ranker)).toEqual(model);
    expect(await fuseScores(model, ev, null)).toEqual(model);
    await ranker.release();
  });

  it('refuses a ranker built for other features, with a clear message', async () => {
    await expect(FusionRanker.load(join(dir, 'old.json'))).rejects.toThrow(/feature version 0/);
    await expect(FusionRanker.load(join(dir, 'renamed.json'))).rejects.toThrow(FusionError);
    await expect(FusionRanker.load(join(dir, 'absent.json'))).rejects.toThrow(/not found/);
    const logs: string[] = [];
    expect(await loadFusion(join(dir, 'old.json'), (m) => logs.push(m))).toBeNull();
    expect(logs[0]).toMatch(/does not match.*scores stay the model's/);
  });
});
