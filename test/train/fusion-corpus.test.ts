/**
 * The fusion ranker's corpus: every program is within the size rules and its own tests pass on the
 * clean version (so a failing test after a mutation is the mutation's doing).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { listPrograms, programSize, validationPrograms } from '../../models/fusion/corpus.js';

const programs = listPrograms();
// The interpreter behind `python3` (pyenv's shim costs seconds per start on a busy machine).
const python = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();

describe('fusion corpus', () => {
  it('has 40+ programs of 15-80 lines with 5+ tests each, split by program', () => {
    expect(programs.length).toBeGreaterThanOrEqual(40);
    for (const p of programs) {
      const { lines, tests } = programSize(p);
      expect(lines, p.name).toBeGreaterThanOrEqual(15);
      expect(lines, p.name).toBeLessThanOrEqual(80);
      expect(tests, p.name).toBeGreaterThanOrEqual(5);
    }
    const val = validationPrograms(programs.map((p) => p.name), 1);
    expect(val.size).toBe(Math.round(programs.length * 0.25));
    expect(validationPrograms(programs.map((p) => p.name), 1)).toEqual(val);
  });

  it.each(programs.map((p) => [p.name, p] as const))('%s: its tests pass on the clean version', (_name, p) => {
    const r = spawnSync(python, ['-m', 'unittest'], { cwd: p.dir, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Ran (\d+) tests? in .*\n\nOK\s*$/m);
  });
});
