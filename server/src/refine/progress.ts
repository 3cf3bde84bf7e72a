/**
 * Progress events of a refinement job, free of any protocol: the language server turns them into
 * `$/progress` reports, the CLI into log lines.
 */

export type RefinePhase = 'prepare' | 'baseline' | 'localize' | 'generate' | 'test' | 'done';

export interface RefineProgress {
  phase: RefinePhase;
  /** 1-based round (0 before the first). */
  round: number;
  /** 1-based number of the candidate whose test run just finished. */
  candidate?: number;
  /** Candidates queued so far in this round (grows while a model is still generating). */
  total?: number;
  /** Tests that passed for that candidate, and tests counted. */
  passed?: number;
  tests?: number;
  /** Passing tests of the best version so far. */
  bestPassed?: number;
  /** Ready-made text, e.g. `candidate 3/10: 7/9 tests pass`. */
  message: string;
}

export type ProgressListener = (event: RefineProgress) => void;
