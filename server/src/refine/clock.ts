/**
 * Where a job's wall-clock time went. Activities may overlap (test runs in parallel, a model
 * generating while tests run); every instant is counted once, for the first active kind in the order
 * tests, generation, other.
 */

export type ClockKind = 'tests' | 'generation';

export interface Timings {
  tests: number;
  generation: number;
  other: number;
}

export class Clock {
  private readonly started = Date.now();
  private last = this.started;
  private readonly active: Record<ClockKind, number> = { tests: 0, generation: 0 };
  private readonly spent: Record<ClockKind, number> = { tests: 0, generation: 0 };

  private advance(): void {
    const now = Date.now();
    const kind: ClockKind | null = this.active.tests > 0 ? 'tests' : this.active.generation > 0 ? 'generation' : null;
    if (kind) this.spent[kind] += now - this.last;
    this.last = now;
  }

  begin(kind: ClockKind): void {
    this.advance();
    this.active[kind]++;
  }

  end(kind: ClockKind): void {
    this.advance();
    this.active[kind] = Math.max(0, this.active[kind] - 1);
  }

  /** Time `fn` as `kind`. */
  async time<T>(kind: ClockKind, fn: () => Promise<T>): Promise<T> {
    this.begin(kind);
    try {
      return await fn();
    } finally {
      this.end(kind);
    }
  }

  /** Seconds so far, split by kind. */
  timings(): Timings {
    this.advance();
    const total = (Date.now() - this.started) / 1000;
    const tests = this.spent.tests / 1000;
    const generation = this.spent.generation / 1000;
    const r = (x: number) => Math.round(x * 1000) / 1000;
    return { tests: r(tests), generation: r(generation), other: r(Math.max(0, total - tests - generation)) };
  }

  seconds(): number {
    return Math.round((Date.now() - this.started)) / 1000;
  }
}
