/**
 * The training pipeline end to end, tiny: generate data from a few stdlib packages with the
 * TypeScript generator, train a small model for a few steps with PyTorch (Debian's python3),
 * export ONNX, load it in Node and check it scores like PyTorch did.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TORCH_PY, hasTorch } from '../support/tiny-fusion.js';
import { initPython, parsePython } from '../../server/src/language/python.js';
import { LineModel } from '../../server/src/diagnose/model.js';
import { Scorer } from '../../server/src/diagnose/scorer.js';

const PY = TORCH_PY;

describe.skipIf(!hasTorch)('training pipeline (tiny)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flare-train-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates data, trains, exports, and scores in Node with the same numbers', async () => {
    const data = join(dir, 'data');
    const roots = ['/usr/lib/python3.11/json', '/usr/lib/python3.11/email', '/usr/lib/python3.11/collections'].join(',');
    execFileSync('node', ['dist/models/gen/main.js', '--out', data, '--roots', roots, '--per-unit', '2', '--seed', '3',
      '--module-context', '0.5'], { stdio: 'pipe' });
    expect(existsSync(join(data, 'train.tok.bin'))).toBe(true);
    const recipe = JSON.parse(readFileSync(join(data, 'recipe.json'), 'utf8'));
    expect(recipe.moduleContextShare).toBe(0.5);
    expect(recipe.moduleContextSamples).toBeGreaterThan(0);
    const out = join(dir, 'model');
    execFileSync(PY, ['models/train/train.py', '--data', data, '--out', out, '--name', 'tiny', '--max-steps', '6',
      '--minutes', '3', '--d', '32', '--heads', '2', '--layers', '1', '--head-layers', '1', '--eval-every', '100'], { stdio: 'pipe' });
    const meta = JSON.parse(readFileSync(join(out, 'tiny.json'), 'utf8'));
    expect(meta.training.steps).toBe(6);
    expect(meta.id).toMatch(/^tiny-\d{8}-s1-[0-9a-f]{8}$/);

    await initPython();
    const model = await LineModel.load(join(out, 'tiny.json'));
    const scorer = new Scorer(model);
    const parity = JSON.parse(readFileSync(join(out, 'tiny.parity.json'), 'utf8')) as
      { index: number; noBug: number; lines: number[]; scores: number[] }[];
    const val = readFileSync(join(data, 'val.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).text as string);
    expect(parity.length).toBeGreaterThan(0);
    for (const p of parity) {
      const r = await scorer.score(parsePython(val[p.index]), false);
      expect(Math.abs(r.rawNoBug - p.noBug)).toBeLessThan(1e-4);
      const byLine = new Map(r.lines.map((l) => [l.line, l.raw]));
      expect([...byLine.keys()].sort((a, b) => a - b)).toEqual(p.lines);
      p.lines.forEach((line, k) => expect(Math.abs(byLine.get(line)! - p.scores[k])).toBeLessThan(1e-4));
    }
    await model.release();
  });

  it('recovers the weights from the exported ONNX for fine-tuning, unchanged', async () => {
    const out = join(dir, 'model');
    const npz = join(dir, 'recovered.npz');
    execFileSync(PY, ['models/train/from_onnx.py', join(out, 'tiny.json'), npz], { stdio: 'pipe' });
    const again = join(dir, 'again');
    execFileSync(PY, ['models/train/train.py', '--data', join(dir, 'data'), '--out', again, '--name', 'tiny', '--export-from', npz,
      '--d', '32', '--heads', '2', '--layers', '1', '--head-layers', '1'], { stdio: 'pipe' });
    const [a, b] = await Promise.all([LineModel.load(join(out, 'tiny.json')), LineModel.load(join(again, 'tiny.json'))]);
    const val = readFileSync(join(dir, 'data', 'val.jsonl'), 'utf8').trim().split('\n').slice(0, 5).map((l) => JSON.parse(l).text as string);
    for (const text of val) {
      const [ra, rb] = await Promise.all([new Scorer(a).score(parsePython(text), false), new Scorer(b).score(parsePython(text), false)]);
      expect(Math.abs(ra.rawNoBug - rb.rawNoBug)).toBeLessThan(1e-5);
      const byLine = new Map(rb.lines.map((l) => [l.line, l.raw]));
      for (const l of ra.lines) expect(Math.abs(l.raw - byLine.get(l.line)!)).toBeLessThan(1e-5);
    }
    await Promise.all([a.release(), b.release()]);
  });

  it('quantizes both graphs to int8 (quantize.py --model): scores stay close, float graphs kept for fine-tuning', async () => {
    const out = join(dir, 'model');
    const q = join(dir, 'quantized');
    cpSync(out, q, { recursive: true });
    execFileSync(PY, ['models/train/quantize.py', '--model', join(q, 'tiny.json'), '--min-size', '512'], { stdio: 'pipe' });
    const meta = JSON.parse(readFileSync(join(q, 'tiny.json'), 'utf8'));
    expect(meta.id).toMatch(/-int8$/);
    expect(meta.encoder).toBe('tiny.encoder.int8.onnx');
    expect(meta.floatGraphs).toEqual({ encoder: 'tiny.encoder.onnx', head: 'tiny.head.onnx' });
    expect(meta.quantization.products.encoder).toBeGreaterThan(0);
    expect(readFileSync(join(q, meta.encoder)).includes('MatMulInteger')).toBe(true);
    // Running it again quantizes the float graphs again, not the int8 ones.
    execFileSync(PY, ['models/train/quantize.py', '--model', join(q, 'tiny.json'), '--min-size', '512'], { stdio: 'pipe' });
    expect(JSON.parse(readFileSync(join(q, 'tiny.json'), 'utf8'))).toEqual(meta);

    const [a, b] = await Promise.all([LineModel.load(join(out, 'tiny.json')), LineModel.load(join(q, 'tiny.json'))]);
    const val = readFileSync(join(dir, 'data', 'val.jsonl'), 'utf8').trim().split('\n').slice(0, 20).map((l) => JSON.parse(l).text as string);
    let worst = 0;
    for (const text of val) {
      const [ra, rb] = await Promise.all([new Scorer(a).score(parsePython(text), false), new Scorer(b).score(parsePython(text), false)]);
      const byLine = new Map(rb.lines.map((l) => [l.line, l.raw]));
      for (const l of ra.lines) worst = Math.max(worst, Math.abs(l.raw - byLine.get(l.line)!));
    }
    expect(worst).toBeGreaterThan(0); // the int8 graphs really ran
    expect(worst).toBeLessThan(0.05);
    await Promise.all([a.release(), b.release()]);

    // Fine-tuning starts from the float graphs: the same weights as from the float model.
    const check = 'import sys, numpy as np; a, b = np.load(sys.argv[1]), np.load(sys.argv[2]); assert sorted(a) == sorted(b); assert all(np.array_equal(a[k], b[k]) for k in a)';
    execFileSync(PY, ['models/train/from_onnx.py', join(q, 'tiny.json'), join(dir, 'fromq.npz')], { stdio: 'pipe' });
    execFileSync(PY, ['models/train/from_onnx.py', join(out, 'tiny.json'), join(dir, 'fromf.npz')], { stdio: 'pipe' });
    execFileSync(PY, ['-c', check, join(dir, 'fromq.npz'), join(dir, 'fromf.npz')], { stdio: 'pipe' });
  });

  it('holds out named packages (gen --val-packages) and mixes data sets by drawing some shards more often (--repeat)', () => {
    const named = join(dir, 'named');
    execFileSync('node', ['dist/models/gen/main.js', '--out', named, '--roots', '/usr/lib/python3.11/json',
      '--per-unit', '1', '--seed', '3', '--val-packages', 'encoder', '--val-per-unit', '1'], { stdio: 'pipe' });
    const recipe = JSON.parse(readFileSync(join(named, 'recipe.json'), 'utf8'));
    expect(recipe.heldOut).toEqual(['encoder']);
    const heldPkgs = new Set(readFileSync(join(named, 'val.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).pkg as string));
    expect(heldPkgs).toEqual(new Set(['encoder']));
    const typo = spawnSync('node', ['dist/models/gen/main.js', '--out', join(dir, 'typo'), '--roots', '/usr/lib/python3.11/json', '--val-packages', 'encoderr'], { encoding: 'utf8' });
    expect(typo.status).not.toBe(0);
    expect(typo.stderr).toContain('--val-packages: no units in encoderr');
    const check = [
      'import sys, random; sys.path.insert(0, "models/train")',
      'from data import load, batches',
      'shards = load(sys.argv[1], "train", 32)',
      'shards[0].repeat = 3',
      'drawn = [it for g in batches(shards, 10 ** 6, random.Random(0)) for it in g]',
      'counts = {}',
      'for it in drawn: counts[it] = counts.get(it, 0) + 1',
      'print(shards[0].size, len(drawn), sorted(set(counts.values())))',
    ].join('\n');
    const [size, drawn, times] = execFileSync(PY, ['-c', check, named], { encoding: 'utf8' }).trim().split(' ', 3);
    expect(Number(drawn)).toBe(3 * Number(size));
    expect(times).toBe('[3]');
    const bad = spawnSync(PY, ['models/train/train.py', '--data', named, '--out', join(dir, 'nope'), '--repeat', 'nothing=2', '--max-steps', '1'], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--repeat nothing=2: expected PREFIX=N/);
  });

  it('adds training shards from other roots (gen --train-name) without touching the held-out split', () => {
    const mixed = join(dir, 'mixed');
    cpSync(join(dir, 'data'), mixed, { recursive: true });
    const kept = ['val.jsonl', 'val.tok.bin', 'val.lab.bin', 'vocab.json', 'recipe.json'];
    const heldOut = kept.map((f) => readFileSync(join(mixed, f)));
    execFileSync('node', ['dist/models/gen/main.js', '--out', mixed, '--roots', '/usr/lib/python3.11/html',
      '--per-unit', '3', '--seed', '3', '--vocab', join(mixed, 'vocab.json'), '--train-name', 'train-html'], { stdio: 'pipe' });
    kept.forEach((f, k) => expect(readFileSync(join(mixed, f)).equals(heldOut[k])).toBe(true));
    expect(existsSync(join(mixed, 'train-html.tok.bin'))).toBe(true);
    expect(JSON.parse(readFileSync(join(mixed, 'recipe-train-html.json'), 'utf8')).shards).toBe('train-html');
    const check = [
      'import sys, json; sys.path.insert(0, "models/train")',
      'from data import load, read_recipe',
      'r = read_recipe(sys.argv[1])',
      'print(json.dumps({"shards": sorted(s.name.rsplit("/", 1)[-1] for s in load(sys.argv[1], "train", 32)),',
      '  "roots": r["roots"], "extra": r["extraShards"]}))',
    ].join('\n');
    const got = JSON.parse(execFileSync(PY, ['-c', check, mixed], { encoding: 'utf8' }));
    expect(got.shards).toEqual(['train', 'train-html']);
    expect(got.roots).toEqual(['/usr/lib/python3.11/json', '/usr/lib/python3.11/email', '/usr/lib/python3.11/collections', '/usr/lib/python3.11/html']);
    expect(got.extra).toEqual([expect.objectContaining({ shards: 'train-html', roots: ['/usr/lib/python3.11/html'], perUnit: 3 })]);
    // A different vocabulary would make the extra shards' token ids mean other tokens.
    const other = spawnSync('node', ['dist/models/gen/main.js', '--out', mixed, '--roots', '/usr/lib/python3.11/html',
      '--vocab', 'models/flare-python.json', '--train-name', 'train-other'], { encoding: 'utf8' });
    expect(other.status).not.toBe(0);
    expect(other.stderr).toMatch(/--vocab \(hash \w+\) differs from/);
    expect(existsSync(join(mixed, 'train-other.tok.bin'))).toBe(false);
    // A folder without any recipe is named, not a traceback.
    const empty = spawnSync(PY, ['models/train/train.py', '--data', join(dir, 'no-data'), '--out', join(dir, 'nope'), '--max-steps', '1'], { encoding: 'utf8' });
    expect(empty.status).not.toBe(0);
    expect(empty.stderr).toContain('no-data: no recipe.json or recipe-*.json');
  });

  it('packs a data folder that the trainer reads back as the original (pack.py)', () => {
    const packed = join(dir, 'packed');
    execFileSync(PY, ['models/train/pack.py', join(dir, 'data'), packed], { stdio: 'pipe' });
    expect(existsSync(join(packed, 'train.npz'))).toBe(true);
    expect(existsSync(join(packed, 'train.tok.bin'))).toBe(false);
    const check = [
      'import sys; sys.path.insert(0, "models/train")',
      'import numpy as np',
      'from data import Shard',
      'for split in ("train", "val"):',
      '    a, b = Shard(sys.argv[1] + "/" + split, 32), Shard(sys.argv[2] + "/" + split, 32)',
      '    for k in ("tok", "idn", "slot", "wlen", "lref", "lab", "n_lines", "n_windows", "kind", "op"):',
      '        assert np.array_equal(getattr(a, k), getattr(b, k)), k',
      '    assert a.lfeat.shape == b.lfeat.shape and a.lfeat.dtype == b.lfeat.dtype',
      '    print(float(np.abs(a.lfeat - b.lfeat).max()))',
    ].join('\n');
    const errs = execFileSync(PY, ['-c', check, join(dir, 'data'), packed], { encoding: 'utf8' }).trim().split('\n').map(Number);
    expect(errs).toHaveLength(2);
    for (const e of errs) expect(e).toBeLessThan(5e-4);
  });
});
