import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initPython, parsePython } from '../../server/src/language/python.js';
import { LineModel, ModelError, defaultModelPath } from '../../server/src/diagnose/model.js';
import { Scorer } from '../../server/src/diagnose/scorer.js';

const dir = mkdtempSync(join(tmpdir(), 'flare-model-'));
const meta = JSON.parse(readFileSync(defaultModelPath(), 'utf8'));

describe('model loading', () => {
  beforeAll(() => initPython());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses metadata whose feature version differs from the featurizer', async () => {
    const bad = join(dir, 'v.json');
    writeFileSync(bad, JSON.stringify({ ...meta, featureVersion: meta.featureVersion + 1 }));
    await expect(LineModel.load(bad)).rejects.toThrow(ModelError);
    await expect(LineModel.load(bad)).rejects.toThrow(/feature version/);
  });

  it('refuses a vocabulary that does not match its recorded hash', async () => {
    const bad = join(dir, 'h.json');
    writeFileSync(bad, JSON.stringify({ ...meta, vocab: { ...meta.vocab, tokens: meta.vocab.tokens.slice(1) } }));
    await expect(LineModel.load(bad)).rejects.toThrow(/vocabulary hash/);
  });

  it('says clearly when the model file is missing or corrupt', async () => {
    await expect(LineModel.load(join(dir, 'none.json'))).rejects.toThrow(/model file not found/);
    const corrupt = join(dir, 'c.json');
    writeFileSync(corrupt, '{"id": ');
    await expect(LineModel.load(corrupt)).rejects.toThrow(/not valid JSON/);
    const graph = join(dir, 'g.json');
    writeFileSync(join(dir, 'g.encoder.onnx'), 'not an onnx file');
    writeFileSync(join(dir, 'g.head.onnx'), 'not an onnx file');
    writeFileSync(graph, JSON.stringify({ ...meta, encoder: 'g.encoder.onnx', head: 'g.head.onnx' }));
    await expect(LineModel.load(graph)).rejects.toThrow(/cannot load model graph/);
  });

  it('scores every non-blank line with probabilities that sum with noBug to 1', async () => {
    const model = await LineModel.load(defaultModelPath());
    const text = 'import os\n\n\ndef f(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total\n';
    const r = await new Scorer(model).score(parsePython(text));
    expect(r.lines.map((l) => l.line).sort((a, b) => a - b)).toEqual([1, 4, 5, 6, 7, 8]);
    const sum = r.lines.reduce((a, l) => a + l.score, r.noBug);
    expect(sum).toBeCloseTo(1, 5);
    r.lines.forEach((l, i) => expect(l.rank).toBe(i + 1));
    await model.release();
  });
});

describe('head blocks', () => {
  it('keeps chunks whole and splits only chunks longer than the block', async () => {
    const { headBlocks } = await import('../../server/src/diagnose/scorer.js');
    const chunkOf = Int32Array.from([0, 0, 0, 1, 1, 2, 2, 2, 2, 2]);
    const cand = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(headBlocks(cand, chunkOf, 5)).toEqual([[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]);
    expect(headBlocks(cand, chunkOf, 4)).toEqual([[0, 1, 2], [3, 4], [5, 6, 7, 8], [9]]);
    expect(headBlocks(cand, chunkOf, 100)).toEqual([cand]);
  });
});
