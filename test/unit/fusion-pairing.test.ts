/**
 * A fusion ranker reads one line model's scores as features: the shipped ranker must name the shipped
 * line model, and another model gets one warning (metadata only, no ONNX run).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fittedModels, pairingWarning, warnUnpaired, type FusionMeta, type FusionRanker } from '../../server/src/diagnose/fusion.js';

const read = (name: string) => JSON.parse(readFileSync(join('models', name), 'utf8'));
const base: FusionMeta = { id: 'r1', featureVersion: 2, features: [] };

describe('fusion ranker and line model pairing', () => {
  it('the shipped ranker was fitted to the shipped line model', () => {
    const ranker = read('flare-fusion.json') as FusionMeta;
    const model = read('flare-python.json') as { id: string };
    expect(fittedModels(ranker)).toContain(model.id);
    expect(pairingWarning(ranker, model.id)).toBeNull();
  });

  it('names the fitted models from lineModels, and warns for any other', () => {
    const meta = { ...base, lineModels: ['m-v2', 'm-20261127-s1'], recipe: { data: [{ model: 'x-1 (/x/m.json)' }] } };
    expect(fittedModels(meta)).toEqual(['m-v2', 'm-20261127-s1']);
    expect(pairingWarning(meta, 'm-v2')).toBeNull();
    expect(pairingWarning(meta, 'm-20261127-s1')).toBeNull();
    const w = pairingWarning(meta, 'x-1');
    expect(w).toMatch(/fusion ranker r1 was fitted to the scores of m-v2, m-20261127-s1, not of the loaded model x-1/);
    expect(w).toMatch(/FLARE_FUSION_MODEL/);
  });

  it('says nothing when the ranker does not name its line model', () => {
    expect(fittedModels({ ...base, recipe: 'test' })).toEqual([]);
    expect(pairingWarning({ ...base, lineModels: 'x' as never }, 'any')).toBeNull();
  });

  it('warns once per ranker and model', () => {
    const ranker = { meta: { ...base, id: 'r-once', lineModels: ['a'] } } as unknown as FusionRanker;
    const log: string[] = [];
    warnUnpaired(ranker, 'b', (m) => log.push(m));
    warnUnpaired(ranker, 'b', (m) => log.push(m));
    warnUnpaired(ranker, 'a', (m) => log.push(m));
    warnUnpaired(ranker, 'c', (m) => log.push(m));
    warnUnpaired(null, 'c', (m) => log.push(m));
    warnUnpaired(ranker, undefined, (m) => log.push(m));
    expect(log.length).toBe(2);
    expect(log[0]).toMatch(/loaded model b/);
    expect(log[1]).toMatch(/loaded model c/);
  });
});
