/**
 * The one interface every candidate generator implements: given the current text, the suspicious
 * regions and the failing tests, produce candidate texts (as a stream, so that tests can start on the
 * first ones while later ones are still being made).
 */
import type { TestFailure } from '../../exec/outcomes.js';
import type { NewCandidate } from '../candidate.js';
import type { Region } from '../regions.js';

export interface GenerationInput {
  /** Path of the file relative to the project root (shown to models). */
  file: string;
  /** The text candidates start from. */
  text: string;
  regions: Region[];
  /** Failing tests of `text`, with messages and tracebacks. */
  failures: TestFailure[];
  tests: { passed: number; failed: number };
  signal: AbortSignal;
  log: (line: string) => void;
}

export interface CandidateGenerator {
  readonly name: 'templates' | 'ollama';
  generate(input: GenerationInput): AsyncIterable<NewCandidate>;
}
