/** The data generators refuse options they do not know before any work starts (models/gen/args.ts), and check the ones they do. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { optionProblem } from '../../models/gen/args.js';
import { listPrograms, programsDir, validationPrograms } from '../../models/fusion/corpus.js';

describe('optionProblem', () => {
  const known = ['out', 'mutants'];
  it('accepts known options with values, including values that look like options', () => {
    expect(optionProblem(['--out', 'x', '--mutants', '4'], known)).toBeNull();
    expect(optionProblem(['--out', '--mutants'], known)).toBeNull();
    expect(optionProblem([], known)).toBeNull();
  });
  it('names an unknown option, a stray argument and a missing value', () => {
    expect(optionProblem(['--mutant', '4'], known)).toBe('unknown option --mutant');
    expect(optionProblem(['--out', 'x', 'extra'], known)).toBe('unexpected argument extra');
    expect(optionProblem(['--out'], known)).toBe('--out needs a value');
  });
  it('answers help for --help and -h wherever they stand', () => {
    expect(optionProblem(['--help'], known)).toBe('help');
    expect(optionProblem(['--out', 'x', '-h'], known)).toBe('help');
  });
});

describe('generator command lines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flare-genopt-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (script: string, args: string[]) => spawnSync('node', [script, ...args], { encoding: 'utf8', timeout: 30_000 });

  for (const script of ['dist/models/gen/main.js', 'dist/models/fusion/gen.js']) {
    it(`${script}: --help prints the usage and does nothing else; a typo stops it with a message`, () => {
      const out = join(dir, script.replace(/\W/g, '_'));
      const help = run(script, ['--help', '--out', out]);
      expect(help.status).toBe(0);
      expect(help.stdout).toContain(`usage: node ${script}`);
      const typo = run(script, ['--out', out, '--seeed', '2']);
      expect(typo.status).toBe(2);
      expect(typo.stderr).toContain('unknown option --seeed');
      expect(typo.stderr).toContain('usage:');
      expect(existsSync(out)).toBe(false);
    });
  }

  it('dist/models/gen/main.js: a share outside 0..1 stops it with a message before any work', () => {
    for (const [flag, value] of [['--module-context', '1.5'], ['--rename', 'half'], ['--module-context', '-0.1']]) {
      const out = join(dir, `share${flag}${value}`);
      const r = run('dist/models/gen/main.js', ['--out', out, flag, value]);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain(`${flag} must be a share between 0 and 1, not ${value}`);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('dist/models/gen/main.js: --train-name needs a train-NAME and the folder\'s vocabulary, checked before any work', () => {
    const cases: [string[], string][] = [
      [['--train-name', 'alg', '--vocab', 'models/flare-python.json'], '--train-name must look like train-NAME (lower case), not alg'],
      [['--train-name', 'val', '--vocab', 'models/flare-python.json'], 'not val'],
      [['--train-name', 'train-alg'], '--train-name needs --vocab'],
      [['--train-name', 'train-alg', '--vocab', 'models/flare-python.json', '--parts', '2'], 'leave out --part/--parts'],
      [['--train-name', 'train-alg', '--vocab', 'models/flare-python.json', '--part', '1'], 'leave out --part/--parts'],
    ];
    for (const [k, [args, message]] of cases.entries()) {
      const out = join(dir, `extra${k}`);
      const r = run('dist/models/gen/main.js', ['--out', out, ...args]);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain(message);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('dist/models/fusion/gen.js: a --model that is not there stops it with a message before any test runs', () => {
    const out = join(dir, 'fusion-model');
    const r = run('dist/models/fusion/gen.js', ['--out', out, '--model', join(dir, 'nowhere.json'), '--mutants', '1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`line model not found: ${join(dir, 'nowhere.json')}`);
    expect(existsSync(out)).toBe(false);
  });

  it('dist/models/fusion/gen.js: --programs-dir takes the corpus and its held-out split from another folder', () => {
    const missing = run('dist/models/fusion/gen.js', ['--out', join(dir, 'fusion-none'), '--programs-dir', join(dir, 'none')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`${join(dir, 'none')}: no such folder of programs`);
    expect(existsSync(join(dir, 'fusion-none'))).toBe(false);
    // Two programs: the split is computed over these two names, not the whole corpus.
    const corpus = join(dir, 'two');
    const names = listPrograms().map((p) => p.name).slice(0, 2);
    for (const n of names) cpSync(join(programsDir(), n), join(corpus, n), { recursive: true });
    const out = join(dir, 'fusion-two');
    const r = run('dist/models/fusion/gen.js', ['--out', out, '--programs-dir', corpus, '--mutants', '1', '--mutation-runs', '0', '--jobs', '1']);
    expect(r.status, r.stderr).toBe(0);
    const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8'));
    expect(meta.validationPrograms).toEqual([...validationPrograms(names, 1)].sort());
    expect(meta.splits.train.programs + meta.splits.val.programs).toBe(2);
    expect(meta.recipe.corpus).toContain(corpus);
  });
});
