/**
 * The fusion ranker's corpus: small Python programs written for this project, each a module
 * `<name>.py` with a unittest suite `test_<name>.py` in models/fusion/programs/<name>/.
 * Train/validation split is by program.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fnv1a } from '../../server/src/diagnose/featurizer.js';
import { packageRoot } from '../../server/src/diagnose/model.js';

export interface Program {
  name: string;
  dir: string;
  /** The module's file name, relative to `dir` (`<name>.py`). */
  file: string;
  source: string;
  tests: string;
}

export function programsDir(): string {
  return join(packageRoot(), 'models', 'fusion', 'programs');
}

/** Every program in `dir` (sorted by name); folders without both files are reported, not skipped silently. */
export function listPrograms(dir = programsDir()): Program[] {
  if (!existsSync(dir)) throw new Error(`${dir}: no such folder of programs`);
  const out: Program[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = `${name}.py`;
    const testFile = join(dir, name, `test_${name}.py`);
    if (!existsSync(join(dir, name, file)) || !existsSync(testFile)) {
      throw new Error(`${join(dir, name)}: expected ${file} and test_${name}.py`);
    }
    out.push({ name, dir: join(dir, name), file, source: readFileSync(join(dir, name, file), 'utf8'), tests: readFileSync(testFile, 'utf8') });
  }
  return out;
}

/** Names of the held-out programs: the `share` of programs that come first in a seeded hash order. */
export function validationPrograms(names: string[], seed: number, share = 0.25): Set<string> {
  const order = [...names].sort((a, b) => fnv1a(`fusion:${seed}:${a}`) - fnv1a(`fusion:${seed}:${b}`) || (a < b ? -1 : 1));
  return new Set(order.slice(0, Math.max(1, Math.round(names.length * share))));
}

/** Non-blank lines and test methods: the size rules of the corpus (15-80 lines, 5+ tests). */
export function programSize(p: Program): { lines: number; tests: number } {
  return {
    lines: p.source.split('\n').filter((l) => l.trim()).length,
    tests: (p.tests.match(/^\s+def test_\w+\(/gm) ?? []).length,
  };
}
