/**
 * Spectrum-based suspiciousness of one program element from its coverage counts: ef/ep = failing/passing
 * tests that executed it, nf/np = failing/passing tests that did not. Every formula gives 0 when no
 * failing test executed the element.
 */

export interface Counts {
  ef: number;
  ep: number;
  nf: number;
  np: number;
}

/** Ochiai: ef / sqrt((ef + nf) * (ef + ep)). */
export function ochiai({ ef, ep, nf }: Counts): number {
  const d = Math.sqrt((ef + nf) * (ef + ep));
  return d > 0 ? ef / d : 0;
}

/**
 * DStar with star 2: ef^2 / (ep + nf). A zero denominator (executed by every failing test and no
 * passing one) is read as 0.5, so such a line stays finite and above any line with ep + nf >= 1.
 */
export function dstar({ ef, ep, nf }: Counts, star = 2): number {
  if (ef === 0) return 0;
  const d = ep + nf;
  return ef ** star / (d > 0 ? d : 0.5);
}

/** Tarantula: (ef/F) / (ef/F + ep/P), with a missing side counted as 0. */
export function tarantula({ ef, ep, nf, np }: Counts): number {
  const f = ef + nf > 0 ? ef / (ef + nf) : 0;
  const p = ep + np > 0 ? ep / (ep + np) : 0;
  return f + p > 0 ? f / (f + p) : 0;
}
