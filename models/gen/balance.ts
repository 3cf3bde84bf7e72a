/**
 * Operator weights that give the corpus the operator mix of the table (`--op-mix corpus`).
 *
 * The generator draws an operator by weight among those that apply to a unit. Operators that apply
 * almost everywhere (return, delete, variable) then take the share of those that often do not
 * (off-by-one, arithmetic, dropped conditions), so the mix over the corpus drifts from the table's
 * weights. Here the weights are refitted, by iterative proportional fitting on which operators apply to
 * a sample of units, until the expected share of each operator over that sample equals its table share.
 */
import { MutationContext } from '../../server/src/mutate/context.js';
import { OPERATORS } from '../../server/src/mutate/apply.js';
import type { Unit } from './corpus.js';
import { Rng } from './rng.js';

export interface OpMix {
  /** Refitted weights by operator name (sum 100 over operators that apply anywhere). */
  weights: Record<string, number>;
  /** Expected share of each operator over the sample, with the table's weights and with the refitted ones. */
  before: Record<string, number>;
  after: Record<string, number>;
  /** Units the applicability was measured on. */
  sampled: number;
}

/** Which operators have at least one change in `text` (same order as OPERATORS). */
export function applicable(text: string): boolean[] {
  const ctx = new MutationContext(text);
  try {
    return OPERATORS.map((op) => op.list(ctx).length > 0);
  } finally {
    ctx.dispose();
  }
}

/** Expected share of each operator when every unit draws by `w` among its applicable operators. */
export function expectedShares(rows: readonly boolean[][], w: readonly number[]): number[] {
  const share = w.map(() => 0);
  let drawn = 0;
  for (const row of rows) {
    const total = row.reduce((s, a, k) => s + (a ? w[k] : 0), 0);
    if (total <= 0) continue;
    drawn++;
    row.forEach((a, k) => { if (a) share[k] += w[k] / total; });
  }
  return share.map((s) => (drawn ? s / drawn : 0));
}

/**
 * Most a refitted weight may move from the table's, either way. Without a bound an operator with few
 * sites (augmented assignment, misplaced statement) would get ten times its weight and be drawn in most
 * units where it applies, a prior no real code has.
 */
export const MAX_FACTOR = 4;

/**
 * Refit `target` weights so that the expected shares over `rows` match the target shares, each weight
 * staying within MAX_FACTOR of its table value (then the shares come as close as the bound allows).
 */
export function fitWeights(rows: readonly boolean[][], target: readonly number[], rounds = 200): number[] {
  const reachable = target.map((_, k) => rows.some((r) => r[k]));
  const sum = target.reduce((s, t, k) => s + (reachable[k] ? t : 0), 0);
  const goal = target.map((t, k) => (reachable[k] ? t / sum : 0));
  // Expected shares do not change when all weights scale together, so the bound is on each weight's
  // ratio to its goal relative to the median ratio; dividing by that median also keeps the scale fixed.
  let w = goal.slice();
  for (let i = 0; i < rounds; i++) {
    const got = expectedShares(rows, w);
    w = w.map((x, k) => (got[k] > 0 ? x * (goal[k] / got[k]) : x));
    const ratios = w.map((x, k) => (goal[k] > 0 ? x / goal[k] : 1)).filter((_, k) => goal[k] > 0).sort((a, b) => a - b);
    const mid = ratios[Math.floor(ratios.length / 2)] || 1;
    w = w.map((x, k) => (goal[k] > 0 ? goal[k] * Math.min(MAX_FACTOR, Math.max(1 / MAX_FACTOR, x / (goal[k] * mid))) : 0));
  }
  const total = w.reduce((s, x) => s + x, 0);
  return w.map((x) => (x / total) * 100);
}

const byName = (xs: readonly number[]) => Object.fromEntries(OPERATORS.map((o, k) => [o.name, Math.round(xs[k] * 1e4) / 1e4]));

/** Measure applicability on up to `sample` units (seeded choice) and refit the weights. */
export function corpusMix(units: readonly Unit[], sample: number, seed: number): OpMix {
  const order = new Rng(seed ^ 0xb1a5).shuffle(units.map((_, i) => i)).slice(0, sample);
  const rows = order.map((i) => applicable(units[i].text));
  const table = OPERATORS.map((o) => o.weight);
  const fitted = fitWeights(rows, table);
  return {
    weights: byName(fitted),
    before: byName(expectedShares(rows, table).map((s) => s * 100)),
    after: byName(expectedShares(rows, fitted).map((s) => s * 100)),
    sampled: rows.length,
  };
}
