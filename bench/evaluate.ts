/**
 * Scores evaluation cases with the model (the engine behind `flare check`) and the two baselines,
 * and summarizes them: Top-k, mean first-fault rank, AUROC of file-level detection, false alarms.
 */
import { Diagnoser, InputError, type Diagnosis } from '../server/src/diagnose/diagnoser.js';
import { featurize, type Vocab } from '../server/src/diagnose/featurizer.js';
import {
  auroc, faultRank, mean, randomFaultRank, topK, type FaultRank, type Scored,
} from './metrics.js';
import { lineSurprisal } from './naturalness.js';
import type { TrigramModel } from './ngram.js';
import type { EvalCase } from './tasks.js';

export const METHODS = ['model', 'ngram', 'random'] as const;
export type Method = (typeof METHODS)[number];

export interface CaseResult {
  id: string;
  group: string;
  clean: boolean;
  /** Lines ranked: the file's code lines (comments and docstrings can never be flagged). */
  n: number;
  /** The file has a syntax error (`flare check` would refuse it; scored anyway without strict). */
  syntaxError: boolean;
  /** Model: P(no bug) and the highest line score. */
  noBug: number;
  maxScore: number;
  /** Baseline file score: the highest line surprisal (bits). */
  ngramMax: number;
  /** First-fault rank per method; null for clean files and when no fault line is ranked. */
  ranks: Record<Method, FaultRank | null>;
}

export async function diagnose(d: Diagnoser, c: Pick<EvalCase, 'text' | 'path'>): Promise<{ diag: Diagnosis; syntaxError: boolean }> {
  try {
    return { diag: await d.diagnose(c.text, c.path, { strict: true }), syntaxError: false };
  } catch (e) {
    if (!(e instanceof InputError) || !/syntax error/.test(e.message)) throw e;
    return { diag: await d.diagnose(c.text, c.path), syntaxError: true };
  }
}

/** The lines every method ranks: the code lines, as the featurizer defines them (1-based). */
export function codeLines(diag: Diagnosis, vocab: Vocab): Set<number> {
  const code = featurize(diag.parsed, vocab).code;
  const out = new Set<number>();
  code.forEach((v, r) => { if (v) out.add(r + 1); });
  return out;
}

export async function evaluateCase(d: Diagnoser, vocab: Vocab, ngram: TrigramModel, c: EvalCase): Promise<CaseResult> {
  const { diag, syntaxError } = await diagnose(d, c);
  const code = codeLines(diag, vocab);
  const model: Scored[] = diag.lines.filter((l) => code.has(l.line)).map((l) => ({ line: l.line, score: l.score }));
  const lines = model.map((s) => s.line);
  const surprise = lineSurprisal(ngram, diag.parsed, lines);
  const clean = c.faults.length === 0;
  const ranked = new Set(lines);
  const faultsRanked = c.faults.filter((f) => ranked.has(f)).length;
  return {
    id: c.id, group: c.group, clean, n: lines.length, syntaxError,
    noBug: diag.noBug,
    maxScore: model.length ? Math.max(...model.map((s) => s.score)) : 0,
    ngramMax: surprise.length ? Math.max(...surprise.map((s) => s.score)) : 0,
    ranks: {
      model: clean ? null : faultRank(model, c.faults),
      ngram: clean ? null : faultRank(surprise, c.faults),
      random: clean || !faultsRanked ? null : randomFaultRank(lines.length, faultsRanked),
    },
  };
}

export interface MethodSummary {
  top1: number;
  top3: number;
  top5: number;
  /** Mean average-case rank of the first fault line (over buggy files with a ranked fault line). */
  mfr: number;
  /** Same with ties broken against the fault. */
  mfrWorst: number;
  /** File-level detection, buggy vs clean files of the set (model: 1 - P(no bug); n-gram: max surprisal). */
  auroc: number;
}

export interface FalseAlarmRow {
  threshold: number;
  /** Share of clean files with any line scoring >= threshold. */
  cleanFlagged: number;
  /** Share of buggy files with any line >= threshold. */
  buggyFlagged: number;
  /** Buggy files whose top line is >= threshold and a fault line (average case over ties). */
  top1Recall: number;
}

export interface Summary {
  buggy: number;
  clean: number;
  /** Buggy files none of whose fault lines is ranked (counted as misses). */
  unranked: number;
  syntaxErrors: number;
  /** Mean lines ranked per buggy file. */
  meanLines: number;
  methods: Record<Method, MethodSummary>;
}

function summarizeMethod(results: readonly CaseResult[], m: Method): MethodSummary {
  const buggy = results.filter((r) => !r.clean);
  const ranks = buggy.map((r) => r.ranks[m]);
  const at = (k: number) => mean(ranks.map((r) => (r ? topK(r, k) : 0)));
  const got = ranks.filter((r): r is FaultRank => r !== null);
  const clean = results.filter((r) => r.clean);
  const fileScore = (r: CaseResult) => (m === 'model' ? 1 - r.noBug : m === 'ngram' ? r.ngramMax : 0);
  return {
    top1: at(1), top3: at(3), top5: at(5),
    mfr: mean(got.map((r) => r.avgRank)),
    mfrWorst: mean(got.map((r) => r.worstRank)),
    auroc: auroc(buggy.map(fileScore), clean.map(fileScore)),
  };
}

export function summarize(results: readonly CaseResult[]): Summary {
  const buggy = results.filter((r) => !r.clean);
  return {
    buggy: buggy.length,
    clean: results.length - buggy.length,
    unranked: buggy.filter((r) => !r.ranks.model).length,
    syntaxErrors: results.filter((r) => r.syntaxError).length,
    meanLines: mean(buggy.map((r) => r.n)),
    methods: Object.fromEntries(METHODS.map((m) => [m, summarizeMethod(results, m)])) as Record<Method, MethodSummary>,
  };
}

export type FalseAlarms = Omit<FalseAlarmRow, 'threshold'>;

/** False alarms and thresholded Top-1 with a threshold that may depend on the file (e.g. its length). */
export function falseAlarmsAt(results: readonly CaseResult[], thresholdOf: (r: CaseResult) => number): FalseAlarms {
  const over = (r: CaseResult) => r.maxScore >= thresholdOf(r);
  const clean = results.filter((r) => r.clean);
  const buggy = results.filter((r) => !r.clean);
  return {
    cleanFlagged: mean(clean.map((r) => (over(r) ? 1 : 0))),
    buggyFlagged: mean(buggy.map((r) => (over(r) ? 1 : 0))),
    top1Recall: mean(buggy.map((r) => (over(r) && r.ranks.model ? topK(r.ranks.model, 1) : 0))),
  };
}

export function falseAlarms(results: readonly CaseResult[], thresholds: readonly number[]): FalseAlarmRow[] {
  return thresholds.map((t) => ({ threshold: t, ...falseAlarmsAt(results, () => t) }));
}

/** Summaries per group (operator or source), largest first; AUROC against all clean files of the set. */
export function byGroup(results: readonly CaseResult[]): { group: string; summary: Summary }[] {
  const clean = results.filter((r) => r.clean);
  const groups = new Map<string, CaseResult[]>();
  for (const r of results) {
    if (r.clean) continue;
    const g = groups.get(r.group);
    if (g) g.push(r);
    else groups.set(r.group, [r]);
  }
  return [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .map(([group, rs]) => ({ group, summary: summarize([...rs, ...clean]) }));
}

/**
 * The model's Top-k over the synthetic bugs with each operator weighted by `weights` (the operator
 * table's) instead of by how often the held-out split happens to hold it: the mix the generator aims for.
 * Operators missing from `weights` are left out.
 */
export function weightedTopK(
  byOp: readonly { group: string; summary: Summary }[], weights: Readonly<Record<string, number>>,
): { top1: number; top3: number; top5: number } {
  let total = 0;
  const acc = { top1: 0, top3: 0, top5: 0 };
  for (const { group, summary } of byOp) {
    const w = weights[group];
    if (!w) continue;
    total += w;
    for (const k of ['top1', 'top3', 'top5'] as const) acc[k] += w * summary.methods.model[k];
  }
  return total ? { top1: acc.top1 / total, top3: acc.top3 / total, top5: acc.top5 / total } : acc;
}
