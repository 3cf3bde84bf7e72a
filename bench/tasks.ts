/**
 * Evaluation cases: buggy files with their fault lines, and clean files (fault list empty).
 * Benchmark JSONL (../shared/benchmarks format) is read at run time from the path given; nothing
 * of it is stored in this repository.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { SyntheticSample } from './synthetic.js';

export interface EvalCase {
  id: string;
  /** Grouping for per-group tables: the operator on synthetic data, the source on benchmarks. */
  group: string;
  /** File name (picks the language adapter). */
  path: string;
  text: string;
  /** 1-based fault lines; empty for a clean file. */
  faults: number[];
}

export interface BenchTask {
  id: string;
  source: string;
  language: string;
  files: Record<string, string>;
  target: string;
  fault_lines: number[];
  fixed: string;
  test_command?: string;
}

/** Every task of a benchmark file, checked for the fields evaluation needs, with the count of other languages. */
export function readTasks(file: string, language = 'python'): { tasks: BenchTask[]; skipped: number } {
  const tasks: BenchTask[] = [];
  let skipped = 0;
  readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let t: BenchTask;
    try { t = JSON.parse(line) as BenchTask; } catch (e) { throw new Error(`${file}:${i + 1}: not JSON (${(e as Error).message})`); }
    if (t.language !== language) { skipped++; return; }
    if (typeof t.files?.[t.target] !== 'string' || typeof t.fixed !== 'string' || !Array.isArray(t.fault_lines)) {
      throw new Error(`${file}:${i + 1}: task ${t.id} lacks files[target], fixed or fault_lines`);
    }
    tasks.push(t);
  });
  return { tasks, skipped };
}

export interface BenchSet {
  name: string;
  file: string;
  tasks: number;
  skipped: number;
  cases: EvalCase[];
}

/** Python tasks of a benchmark file: each gives a buggy case (target) and a clean case (fixed). */
export function loadBenchmark(file: string): BenchSet {
  const { tasks, skipped } = readTasks(file);
  const cases = tasks.flatMap((t): EvalCase[] => [
    { id: t.id, group: t.source, path: t.target, text: t.files[t.target], faults: [...t.fault_lines] },
    { id: t.id, group: t.source, path: t.target, text: t.fixed, faults: [] },
  ]);
  return { name: basename(file).replace(/\.jsonl$/, ''), file, tasks: tasks.length, skipped, cases };
}

export function syntheticCases(samples: readonly SyntheticSample[]): EvalCase[] {
  return samples.map((s, i) => ({ id: `synthetic/${i}`, group: s.op, path: 'sample.py', text: s.text, faults: [...s.lines] }));
}
