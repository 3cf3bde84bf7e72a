/**
 * Choosing among tested candidates: most passing tests wins; ties go to the smaller change, then to
 * the higher region score, then to the earlier candidate.
 */
import type { TestReport } from '../exec/tests.js';
import type { Candidate } from './candidate.js';

export interface Evaluated {
  candidate: Candidate;
  report: TestReport;
}

/** Every test passes, and no fewer tests ran than in the original (a candidate cannot pass by hiding tests). */
export function passesAll(report: TestReport, originalTotal: number): boolean {
  return report.status === 'passed' && report.failed === 0 && report.passed >= originalTotal;
}

/** True when `a` ranks above `b`. */
export function better(a: Evaluated, b: Evaluated): boolean {
  if (a.report.passed !== b.report.passed) return a.report.passed > b.report.passed;
  if (a.candidate.size !== b.candidate.size) return a.candidate.size < b.candidate.size;
  if (a.candidate.region.score !== b.candidate.region.score) return a.candidate.region.score > b.candidate.region.score;
  return a.candidate.id < b.candidate.id;
}

/** The best of a list, or undefined when it is empty. */
export function best(list: Evaluated[]): Evaluated | undefined {
  let top: Evaluated | undefined;
  for (const e of list) if (!top || better(e, top)) top = e;
  return top;
}
