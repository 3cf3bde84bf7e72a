/**
 * Time limits of candidate test runs. A fix rarely runs much longer than the original, so the cap is
 * about three times the original's run. Within that cap the limit follows the runs seen so far (four
 * times their lower quartile), so that candidates that loop forever cost little on a fast suite and a busy
 * machine does not turn slow runs into false timeouts. When the original's time went into hanging
 * tests (its run timed out, or failures say so), a fix must be faster than the original: the first
 * runs get a short limit too, and the best few candidates that hit a short limit can be retried with
 * the long one.
 */
import type { TestReport } from '../exec/tests.js';

const FLOOR_MS = 1500;
const FIRST_HANG_PROBE_MS = 2000;
const MIN_CAP_MS = 3000;
const SAMPLES = 25;

export class RunLimits {
  readonly hangs: boolean;
  /** Upper bound of any candidate run. */
  readonly cap: number;
  /** Limit for a second try of candidates that hit a shorter one. */
  readonly retry: number;
  private readonly first: number;
  private readonly recent: number[] = [];

  constructor(baseline: TestReport, limitMs: number) {
    this.hangs = baseline.status === 'timeout'
      || baseline.failures.some((f) => /time\s*limit|timed?\s*out|timeout/i.test(`${f.message}\n${f.traceback.split('\n').slice(-3).join('\n')}`));
    const normal = Math.min(limitMs, Math.max(MIN_CAP_MS, 3 * baseline.ms + 1000));
    this.cap = this.hangs ? limitMs : normal;
    this.first = this.hangs ? Math.min(limitMs, FIRST_HANG_PROBE_MS) : normal;
    this.retry = this.hangs ? Math.min(limitMs, baseline.ms + 1000) : normal;
  }

  /** Limit for the next run. */
  next(): number {
    if (this.recent.length < 3) return this.first;
    const sorted = [...this.recent].sort((a, b) => a - b);
    const quick = sorted[Math.floor(sorted.length / 4)];
    return Math.min(this.cap, Math.max(FLOOR_MS, 4 * quick));
  }

  /** A run that ended by itself (not by timeout or cancel) took `ms`. */
  record(ms: number): void {
    this.recent.push(ms);
    if (this.recent.length > SAMPLES) this.recent.shift();
  }

  describe(): string {
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    return `candidate runs limited to ${s(this.first)} at first, then 4x the lower-quartile run (at least ${s(FLOOR_MS)}, at most ${s(this.cap)})${this.hangs ? `; the original's tests hang, so timed-out candidates may be retried with ${s(this.retry)}` : ''}`;
  }
}
