/**
 * One file's line scores with test evidence: the model's scores fused with the file's per-line
 * evidence by the learned ranker (fusion.ts), plus a short evidence record per line for output
 * (CLI JSON, hover). The CLI, the language server, the refinement and the benchmark all call this.
 */
import { lineEvidence, type LineEvidence, type TraceMatrix } from './evidence.js';
import { fuseScores, type FusionRanker } from './fusion.js';
import type { LineMutation } from './mutation.js';

/** What is shown per line. */
export interface EvidenceSummary {
  ef: number;
  ep: number;
  ochiai: number;
  dstar: number;
  tarantula: number;
  inTraceback: number;
  deepest: number;
  executed: boolean;
  /** Mutant runs on the line (0 when none ran), the best share of failing tests one of them made
   * pass, and whether one made every test pass. */
  mutants: number;
  mutantFix: number;
  mutantPasses: boolean;
}

export interface FusedLine {
  line: number;
  /** The fused score (the model's score when nothing was fused). */
  score: number;
  /** The model's own score. */
  model: number;
  /** 1-based rank by `score`, most suspicious first. */
  rank: number;
  evidence: EvidenceSummary;
}

export interface FusedFile {
  /** True when the ranker changed the scores (evidence with a failing test and a ranker present). */
  fused: boolean;
  lines: FusedLine[];
  /** Per-line evidence, index i = line i + 1. */
  evidence: LineEvidence[];
}

/** Dense per-line model scores (index i = line i + 1; lines not scored are 0). */
export function denseScores(scored: readonly { line: number; score: number }[], nLines: number): number[] {
  const out = new Array<number>(nLines).fill(0);
  for (const s of scored) if (s.line >= 1 && s.line <= nLines) out[s.line - 1] = s.score;
  return out;
}

export function summarize(e: LineEvidence, m?: LineMutation): EvidenceSummary {
  return {
    ef: e.ef, ep: e.ep, ochiai: e.ochiai, dstar: e.dstar, tarantula: e.tarantula,
    inTraceback: e.inTraceback, deepest: e.deepest, executed: e.ef + e.ep > 0,
    mutants: m?.mutants ?? 0, mutantFix: m?.fix ?? 0, mutantPasses: !!m?.allPass,
  };
}

/**
 * Fuse the scored lines of `relFile` (text of `nLines` lines) with a traced run and, when mutants were
 * run, their evidence. The result lists the same lines as `scored`, ranked by the fused score.
 */
export async function fuseFile(
  scored: readonly { line: number; score: number }[], nLines: number, run: Pick<TraceMatrix, 'tests'>,
  relFile: string, ranker: FusionRanker | null, mutation?: LineMutation[],
): Promise<FusedFile> {
  const model = denseScores(scored, nLines);
  const evidence = lineEvidence(run, relFile, nLines);
  const fusedScores = await fuseScores(model, evidence, ranker, undefined, mutation);
  const lines = scored
    .map((s) => ({ line: s.line, score: fusedScores[s.line - 1] ?? 0, model: s.score, rank: 0, evidence: summarize(evidence[s.line - 1], mutation?.[s.line - 1]) }))
    .sort((a, b) => b.score - a.score || b.model - a.model || a.line - b.line);
  lines.forEach((l, i) => { l.rank = i + 1; });
  return { fused: fusedScores !== model, lines, evidence };
}
