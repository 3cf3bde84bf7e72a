/** Summaries of wall-clock samples for the speed benchmark. */
import { mean, quantile } from './metrics.js';

export interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
  meanMs: number;
  minMs: number;
}

export function summarizeTimes(ms: readonly number[]): Timing {
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    runs: ms.length, medianMs: r(quantile(ms, 0.5)), p95Ms: r(quantile(ms, 0.95)), meanMs: r(mean(ms)), minMs: r(Math.min(...ms)),
  };
}
