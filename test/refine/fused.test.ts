/**
 * Test evidence in the CLI and the refinement, with real test runs and a tiny real ONNX ranker
 * (FLARE_FUSION_MODEL): `flare check --tests` adds per-line evidence and a tests summary and fuses the
 * scores; with no ranker the scores are the model's exactly; refinement traces the original's run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refine } from '../../server/src/refine/index.js';
import { runCli } from '../support/cli.js';
import { cleanupProjects, copyFixture } from '../support/project.js';
import { hasTorch, writeTinyRanker } from '../support/tiny-fusion.js';

describe.skipIf(!hasTorch)('test evidence in flare check and flare refine', () => {
  let dir: string;
  let ranker: string;
  const old = process.env.FLARE_FUSION_MODEL;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'flare-fused-'));
    ranker = writeTinyRanker(dir, 'tiny', []).meta;
  }, 120_000);
  afterAll(() => {
    if (old === undefined) delete process.env.FLARE_FUSION_MODEL;
    else process.env.FLARE_FUSION_MODEL = old;
    rmSync(dir, { recursive: true, force: true });
    cleanupProjects();
  });

  it('flare check --tests: per-line evidence, a tests summary and fused scores', async () => {
    process.env.FLARE_FUSION_MODEL = ranker;
    const p = copyFixture('clamp');
    const file = join(p, 'bounds.py');
    const plain = JSON.parse((await runCli(['check', '--json', file])).out);
    const r = await runCli(['check', '--json', '--tests', 'python3 -m unittest -q', '--root', p, file]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.tests).toMatchObject({ passed: 1, failed: 3 });
    expect(j.fused).toBe(true);
    const line8 = j.lines.find((l: { line: number }) => l.line === 8);
    expect(line8.evidence).toMatchObject({ ef: 3, ep: 0, tarantula: 1, inTraceback: 0, deepest: 0, executed: true, mutantPasses: true, mutantFix: 1 });
    expect(j.lines.filter((l: { evidence: { mutantPasses: boolean } }) => l.evidence.mutantPasses).map((l: { line: number }) => l.line)).toEqual([8]);
    expect(r.err).toMatch(/mutant runs on \d+ lines/);
    expect(r.err).not.toMatch(/was fitted to/);
    expect(line8.evidence.ochiai).toBeCloseTo(1, 5);
    expect(j.lines.map((l: { line: number }) => l.line).sort()).toEqual(plain.lines.map((l: { line: number }) => l.line).sort());
    const code = j.lines.filter((l: { score: number }) => l.score > 0);
    expect(code.reduce((a: number, l: { score: number }) => a + l.score, 0)).toBeCloseTo(1, 3);
    const human = await runCli(['check', '--tests', 'python3 -m unittest -q', '--root', p, '--top', '0', file]);
    expect(human.out).toMatch(/tests 1 passed, 3 failed, fused/);
    expect(human.out).toMatch(/ef\/ep/);
    expect(human.out).toMatch(/^\s+\d+\s+8\s.* fix\s+if value < high:/m);
    // One run at a time gives the same evidence as the default (CPU cores).
    const one = JSON.parse((await runCli(['check', '--json', '--tests', 'python3 -m unittest -q', '--parallel', '1', '--root', p, file])).out);
    expect(one.lines).toEqual(j.lines);
    const off = JSON.parse((await runCli(['check', '--json', '--tests', 'python3 -m unittest -q', '--mutation', '0', '--root', p, file])).out);
    expect(off.lines.every((l: { evidence: { mutants: number } }) => l.evidence.mutants === 0)).toBe(true);
  }, 120_000);

  it('a ranker fitted to another line model still fuses, and says so once', async () => {
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ ...JSON.parse(readFileSync(ranker, 'utf8')), id: 'other', onnx: 'tiny.onnx', lineModels: ['some-other-model'] }));
    process.env.FLARE_FUSION_MODEL = other;
    const p = copyFixture('clamp');
    const r = await runCli(['check', '--json', '--tests', 'python3 -m unittest -q', '--mutation', '0', '--root', p, join(p, 'bounds.py'), join(p, 'bounds.py')]);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l).fused)).toEqual([true, true]);
    const warnings = r.err.split('\n').filter((l) => l.includes('was fitted to'));
    expect(warnings.length).toBe(1);
    expect(warnings[0]).toMatch(/fusion ranker other was fitted to the scores of some-other-model, not of the loaded model flare-python/);
  }, 120_000);

  it('without a ranker the scores are the model\'s exactly, and it says why', async () => {
    process.env.FLARE_FUSION_MODEL = join(dir, 'absent.json');
    const p = copyFixture('clamp');
    const file = join(p, 'bounds.py');
    const plain = JSON.parse((await runCli(['check', '--json', file])).out);
    const r = await runCli(['check', '--json', '--tests', '', '--mutation', '0', '--root', p, file]);
    const j = JSON.parse(r.out);
    expect(j.fused).toBe(false);
    expect(j.lines.map((l: { line: number; score: number }) => [l.line, l.score])).toEqual(plain.lines.map((l: { line: number; score: number }) => [l.line, l.score]));
    expect(r.err).toMatch(/fusion ranker not found.*scores stay the model's/);
    expect((await runCli(['check', '--root', p, file])).code).toBe(2);
    const bad = await runCli(['check', '--tests', '', '--parallel', '0', '--root', p, file]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--parallel needs a whole number from 1 to 64/);
  }, 120_000);

  it('refinement traces the original run and picks regions by fused scores', async () => {
    process.env.FLARE_FUSION_MODEL = ranker;
    const p = copyFixture('clamp');
    const logs: string[] = [];
    const r = await refine({
      root: p, file: 'bounds.py', scores: 'fused',
      settings: { refine: { generator: 'templates', rounds: 1, parallel: 2 }, tests: { command: 'python3 -m unittest -q' } },
    }, { log: (l) => logs.push(l) });
    expect(r.status).toBe('fixed');
    expect(logs).toContain('original traced: 4 tests recorded');
    const plain: string[] = [];
    await refine({
      root: p, file: 'bounds.py', scores: 'model',
      settings: { refine: { generator: 'templates', rounds: 1, parallel: 2, k: 1 }, tests: { command: 'python3 -m unittest -q' } },
    }, { log: (l) => plain.push(l) });
    expect(plain.some((l) => l.includes('traced'))).toBe(false);
  }, 240_000);
});
