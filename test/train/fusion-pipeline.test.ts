/**
 * The fusion ranker's pipeline end to end, tiny: executed mutants of two corpus programs (one held
 * out) -> rows -> a few training steps with PyTorch (Debian's python3) -> ONNX export -> the runtime
 * loads it in Node and computes the same logits as PyTorch.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TORCH_PY, hasTorch } from '../support/tiny-fusion.js';
import { FUSION_FEATURES, FUSION_FEATURE_VERSION } from '../../server/src/diagnose/evidence.js';
import { listPrograms, validationPrograms } from '../../models/fusion/corpus.js';
import { checkParity } from '../../models/fusion/parity.js';
import { FusionRanker } from '../../server/src/diagnose/fusion.js';

const PY = TORCH_PY;
if (!hasTorch) console.warn('fusion pipeline test skipped: /usr/bin/python3 cannot import torch (apt-get install python3-torch python3-onnx)');

interface Row { program: string; mutant: number; line: number; features: number[]; label: number }
const readRows = (path: string): Row[] => readFileSync(path, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);

describe.skipIf(!hasTorch)('fusion ranker pipeline (tiny)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flare-fusion-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates rows from executed mutants, trains, exports, and scores in Node like PyTorch', async () => {
    const names = listPrograms().map((p) => p.name);
    const held = validationPrograms(names, 1);
    const pick = [[...held].sort()[0], names.find((n) => !held.has(n))!];
    const data = join(dir, 'data');
    execFileSync('node', ['dist/models/fusion/gen.js', '--out', data, '--programs', pick.join(','), '--mutants', '4', '--jobs', '1', '--seed', '1', '--mutation-runs', '6', '--per-line', '3'], { stdio: 'pipe' });
    const meta = JSON.parse(readFileSync(join(data, 'meta.json'), 'utf8'));
    expect(meta.features).toEqual([...FUSION_FEATURES]);
    expect(meta.counts.kept).toBeGreaterThan(0);
    const train = readRows(join(data, 'train.jsonl'));
    const val = readRows(join(data, 'val.jsonl'));
    expect(new Set(train.map((r) => r.program))).toEqual(new Set([pick[1]]));
    expect(new Set(val.map((r) => r.program))).toEqual(new Set([pick[0]]));
    const code = FUSION_FEATURES.indexOf('is_code');
    for (const rows of [train, val]) {
      const mutants = new Set(rows.map((r) => `${r.program}/${r.mutant}`));
      for (const m of mutants) {
        const mine = rows.filter((r) => `${r.program}/${r.mutant}` === m);
        expect(mine.some((r) => r.label === 1 && r.features[code] === 1), m).toBe(true);
        expect(mine.every((r) => r.features.length === FUSION_FEATURES.length)).toBe(true);
      }
    }
    // Every view comes without and with the mutation evidence (mutants of the mutant were run).
    const tried = FUSION_FEATURES.indexOf('mut_tried');
    const views = new Set(val.map((r) => r.view));
    expect(views).toContain('all');
    expect(views).toContain('all+mut');
    expect(val.filter((r) => r.view === 'all').every((r) => r.features[tried] === 0)).toBe(true);
    expect(val.some((r) => r.view === 'all+mut' && r.features[tried] === 1)).toBe(true);
    expect(meta.recipe.mutation).toMatch(/up to 3 template changes per line .*, 6 runs at most/);
    const shipped = JSON.parse(readFileSync('models/flare-python.json', 'utf8')) as Record<string, unknown>;
    expect(meta.recipe.model).toContain(shipped.id as string);
    expect(meta.recipe.modelId).toBe(shipped.id);

    const out = join(dir, 'model');
    execFileSync(PY, ['models/fusion/train.py', '--data', data, '--out', out, '--name', 'tiny', '--epochs', '10', '--batch', '2', '--max-steps', '3', '--neighbours'], { stdio: 'pipe' });
    const model = JSON.parse(readFileSync(join(out, 'tiny.json'), 'utf8'));
    expect(model.featureVersion).toBe(FUSION_FEATURE_VERSION);
    expect(model.training.steps).toBe(3);
    expect(model.lineModels).toEqual([shipped.id]);
    expect(model.metrics.validation.programs).toBe(1);
    for (const k of ['fused', 'model', 'ochiai']) expect(model.metrics.validation[k].top1).toBeGreaterThanOrEqual(0);
    // Held-out Top-k per bug operator: the operators' file counts add up to the view's.
    const byOp = model.metrics.validation.byOperator.all as Record<string, { files: number; top1: number }>;
    expect(Object.values(byOp).reduce((n, r) => n + r.files, 0)).toBe(model.metrics.validation.files);

    const parity = await checkParity(join(out, 'tiny.json'));
    expect(parity.files).toBeGreaterThan(0);
    expect(parity.maxDiff).toBeLessThan(1e-4);
    // With --neighbours a line's logit moves with the line just above it and not with one two lines up.
    expect(model.neighbours).toBe(true);
    const near = await FusionRanker.load(join(out, 'tiny.json'));
    try {
      const rows = (JSON.parse(readFileSync(join(out, 'tiny.parity.json'), 'utf8')) as { features: number[][] }[])[0].features;
      const k = rows.length - 1;
      const base = await near.logits(rows);
      const bump = (i: number) => rows.map((r, j) => (j === i ? r.map((v) => v + 1) : r));
      expect(Math.abs((await near.logits(bump(k - 1)))[k] - base[k])).toBeGreaterThan(1e-6);
      expect(Math.abs((await near.logits(bump(k - 2)))[k] - base[k])).toBeLessThan(1e-6);
    } finally {
      await near.release();
    }

    // compare.py scores the same held-out files from two folders with one ranker recipe: the same folder twice gives the same.
    const cmp = join(dir, 'compare.json');
    execFileSync(PY, ['models/fusion/compare.py', '--data', data, '--a', data, '--b', data, '--out', cmp], { stdio: 'pipe' });
    const same = JSON.parse(readFileSync(cmp, 'utf8')).views as Record<string, { files: number; a: unknown; b: unknown }>;
    expect(same['all+mut'].files).toBeGreaterThan(0);
    for (const v of Object.values(same)) expect(v.a).toEqual(v.b);

    // More mutants later (--from) add to the first folder; the trainer reads both as one.
    // This time with another line model (--model; here a copy of the shipped one under another id).
    const more = join(dir, 'more');
    const lineModel = join(dir, 'line-model');
    mkdirSync(lineModel);
    for (const f of ['flare-python.encoder.onnx', 'flare-python.head.onnx']) cpSync(join('models', f), join(lineModel, f));
    writeFileSync(join(lineModel, 'flare-python.json'), JSON.stringify({ ...shipped, id: 'flare-python-other' }));
    execFileSync('node', ['dist/models/fusion/gen.js', '--out', more, '--programs', pick[1], '--mutants', '6', '--from', '4', '--jobs', '1', '--seed', '1', '--mutation-runs', '6', '--model', join(lineModel, 'flare-python.json')], { stdio: 'pipe' });
    const moreMeta = JSON.parse(readFileSync(join(more, 'meta.json'), 'utf8'));
    expect(moreMeta.recipe.model).toBe(`flare-python-other (${join(lineModel, 'flare-python.json')})`);
    const moreRows = readRows(join(more, 'train.jsonl'));
    expect(moreRows.length).toBeGreaterThan(0);
    expect(Math.min(...moreRows.map((r) => r.mutant))).toBe(4);
    expect(moreMeta.recipe.fromMutant).toBe(4);
    // Trained as an ensemble of two seeds this time (one graph that averages two rankers' logits), each
    // seeing its file's context (every feature's maximum over the file's code lines, inside the graph).
    const out2 = join(dir, 'model2');
    execFileSync(PY, ['models/fusion/train.py', '--data', data, more, '--out', out2, '--name', 'tiny', '--epochs', '10', '--batch', '2', '--max-steps', '3', '--members', '2', '--context'], { stdio: 'pipe' });
    const both = JSON.parse(readFileSync(join(out2, 'tiny.json'), 'utf8'));
    expect(both.counts.trainFiles).toBeGreaterThan(model.counts.trainFiles);
    expect(both.counts.mutants.kept).toBe(meta.counts.kept + moreMeta.counts.kept);
    expect(both.members).toBe(2);
    expect(both.id).toMatch(/-s1cx2-/);
    expect(both.context).toBe(true);
    expect(both.training.steps).toBe(6);
    expect(both.metrics.memberValidation.map((m: { seed: number }) => m.seed)).toEqual([1, 2]);
    const parity2 = await checkParity(join(out2, 'tiny.json'));
    expect(parity2.maxDiff).toBeLessThan(1e-4);
    // With context a line's logit depends on the other code lines: raising one line's Ochiai to the
    // file's new maximum moves another line's logit, and a non-code line's features never do.
    const ranker = await FusionRanker.load(join(out2, 'tiny.json'));
    try {
      const names = both.features as string[];
      const [codeI, ochiaiI] = [names.indexOf('is_code'), names.indexOf('ochiai')];
      const rows = (JSON.parse(readFileSync(join(out2, 'tiny.parity.json'), 'utf8')) as { features: number[][] }[])[0].features;
      const code = rows.map((r, i) => (r[codeI] > 0.5 ? i : -1)).filter((i) => i >= 0);
      expect(code.length).toBeGreaterThan(1);
      const base = await ranker.logits(rows);
      const raised = rows.map((r, i) => (i === code[0] ? r.map((v, j) => (j === ochiaiI ? 5 : v)) : r));
      expect(Math.abs((await ranker.logits(raised))[code[1]] - base[code[1]])).toBeGreaterThan(1e-6);
      const noise = [...rows, rows[code[0]].map((v, j) => (j === codeI ? 0 : j === ochiaiI ? 5 : v))];
      const withNoise = await ranker.logits(noise);
      expect(Math.max(...rows.map((_, i) => Math.abs(withNoise[i] - base[i])))).toBeLessThan(1e-5);
    } finally {
      await ranker.release();
    }
    // Folders with another seed are refused.
    const other = join(dir, 'other');
    cpSync(more, other, { recursive: true });
    writeFileSync(join(other, 'meta.json'), JSON.stringify({ ...moreMeta, seed: 2 }));
    const refused = spawnSync(PY, ['models/fusion/train.py', '--data', data, other, '--out', join(dir, 'model3'), '--max-steps', '1'], { encoding: 'utf8' });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/seed differs/);
    // So is a folder that holds a program on the other side of the split.
    const swapped = join(dir, 'swapped');
    cpSync(more, swapped, { recursive: true });
    cpSync(join(more, 'train.jsonl'), join(swapped, 'val.jsonl'));
    writeFileSync(join(swapped, 'train.jsonl'), '');
    const mixed = spawnSync(PY, ['models/fusion/train.py', '--data', data, swapped, '--out', join(dir, 'model4'), '--max-steps', '1'], { encoding: 'utf8' });
    expect(mixed.status).not.toBe(0);
    expect(mixed.stderr).toContain(`program ${pick[1]} is in its val split but in the train split of`);
  }, 300_000);
});
