/** The shape of bench/results/localize.json and its markdown rendering (localize.md). */
import { METHODS, type FalseAlarmRow, type FalseAlarms, type Method, type Summary } from './evaluate.js';
import type { BucketPick, LengthRow } from './length-thresholds.js';
import type { LengthThreshold } from '../server/src/diagnose/threshold.js';
import type { ThresholdPick } from './metrics.js';
import type { NgramInfo } from './naturalness.js';
import type { Provenance } from './provenance.js';
import { num, pct, table } from './table.js';
import type { InvarianceReport } from './invariance.js';

export interface SyntheticReport {
  source: string;
  samples: number;
  summary: Summary;
  byOp: { group: string; summary: Summary }[];
  /** Model Top-k with the operators weighted as in the operator table (bench/evaluate.ts weightedTopK). */
  tableMix?: { top1: number; top3: number; top5: number };
  /** Quantiles of the highest line score of each clean sample. */
  cleanMaxScore: Record<string, number>;
  threshold?: ThresholdPick;
  falseAlarms: FalseAlarmRow[];
  /** The same buggy samples alone and with module context added (bench/invariance.ts). */
  invariance?: InvarianceReport;
  /** Thresholds picked per file length, and false alarms with them (bench/length-thresholds.ts). */
  byLength?: ByLength & { picks: BucketPick[] };
}

export interface ByLength {
  rows: LengthRow[];
  /** All files, each at its own length's threshold. */
  overall: FalseAlarms;
  /** All files at the single threshold. */
  overallSingle: FalseAlarms;
}

export interface SetReport {
  name: string;
  file: string;
  tasks: number;
  summary: Summary;
  falseAlarms: FalseAlarmRow[];
  /** Per buggy task: lines ranked and first-fault average-case rank per method (no benchmark text). */
  tasksDetail: {
    id: string; lines: number; model: number | null; ngram: number | null; random: number | null;
    noBugBuggy: number | null; noBugFixed: number | null;
  }[];
  byLength?: ByLength;
}

export interface LocalizeReport extends Provenance {
  tool: string;
  model: { id: string; path: string; sha256: string };
  baselines: { random: string; ngram: { description: string } & NgramInfo };
  ties: string;
  synthetic?: SyntheticReport;
  recommendedThreshold: {
    value: number; cleanFlagged: number; target: number; from: string;
    /** One threshold per file length (code lines), for the model's metadata as `threshold.byLines`. */
    byLines?: LengthThreshold[];
  } | null;
  sets: SetReport[];
}

const LABEL: Record<Method, string> = { model: 'model', ngram: 'trigram surprisal (max)', random: 'random' };

function methodRows(s: Summary): string[][] {
  return METHODS.map((m) => {
    const x = s.methods[m];
    return [LABEL[m], pct(x.top1), pct(x.top3), pct(x.top5), num(x.mfr), num(x.auroc, 3)];
  });
}

const METHOD_HEADER = ['method', 'Top-1', 'Top-3', 'Top-5', 'MFR', 'AUROC'];
const METHOD_ALIGN = [false, true, true, true, true, true];

function falseAlarmTable(rows: readonly FalseAlarmRow[], recommended?: number): string {
  return table(
    ['line threshold', 'clean files flagged', 'buggy files flagged', 'buggy Top-1 at threshold'],
    rows.map((r) => [
      `${r.threshold}${r.threshold === recommended ? ' (recommended)' : ''}`,
      pct(r.cleanFlagged), pct(r.buggyFlagged), pct(r.top1Recall),
    ]),
    [false, true, true, true],
  );
}

function lengthTable(b: ByLength, single: number): string {
  const row = (name: string, clean: number, buggy: number, t: string, a: FalseAlarms, c: FalseAlarms) => [
    name, String(clean), String(buggy), t, pct(a.cleanFlagged), pct(c.cleanFlagged), pct(a.top1Recall), pct(c.top1Recall),
  ];
  const rows = b.rows.map((r) => row(r.bucket, r.clean, r.buggy, String(r.threshold), r.single, r.byLength));
  const all = (k: 'clean' | 'buggy') => b.rows.reduce((n, r) => n + r[k], 0);
  rows.push(row('all', all('clean'), all('buggy'), 'by length', b.overallSingle, b.overall));
  return [
    `By file length (code lines ranked): the single threshold ${single} against a threshold per length, each picked on that`,
    'length\'s clean synthetic files alone (same 10% rule; the server uses it when the model\'s metadata has `threshold.byLines`):',
    '',
    table(['code lines', 'clean', 'buggy', 'threshold', `clean flagged at ${single}`, 'at own', `buggy Top-1 at ${single}`, 'at own'],
      rows, [false, true, true, true, true, true, true, true]),
  ].join('\n');
}

function setLine(s: Summary): string {
  const extra = [
    s.unranked ? `${s.unranked} buggy files with no ranked fault line (counted as misses)` : '',
    s.syntaxErrors ? `${s.syntaxErrors} files with syntax errors (scored without strict)` : '',
  ].filter(Boolean);
  return `${s.buggy} buggy and ${s.clean} clean files, ${num(s.meanLines, 1)} code lines per buggy file on average${extra.length ? `; ${extra.join('; ')}` : ''}.`;
}

export function localizeMarkdown(r: LocalizeReport): string {
  const out: string[] = [];
  const rec = r.recommendedThreshold?.value;
  out.push('# Bug localization: model vs baselines', '');
  out.push(`Model \`${r.model.id}\` (files sha256 ${r.model.sha256}), ${r.date.slice(0, 10)}${r.git ? `, commit ${r.git.commit.slice(0, 10)}${r.git.dirty ? ' (with local changes)' : ''}` : ''}.`);
  out.push(`Command: \`${r.commands[0]}\``, '');
  out.push(
    'Every method ranks the same lines: the code lines (comments and docstrings can never be flagged).',
    'Top-k: share of buggy files with a fault line among the first k lines; MFR: mean rank of the first fault line;',
    'ties are broken at random (average case, exact expectation). AUROC: buggy vs clean files, by 1 - P(no bug) for',
    'the model and by the highest line surprisal for the trigram baseline (random = 0.5).',
    `Trigram baseline: ${r.baselines.ngram.description}.`,
    '',
  );
  for (const s of r.sets) {
    out.push(`## ${s.name} (${s.tasks} tasks)`, '', setLine(s.summary), '');
    out.push(table(METHOD_HEADER, methodRows(s.summary), METHOD_ALIGN), '');
    out.push('Clean-file view (the fixed versions; the threshold itself is picked on synthetic clean files only):', '');
    out.push(falseAlarmTable(s.falseAlarms, rec), '');
    if (s.byLength && rec !== undefined) out.push(lengthTable(s.byLength, rec), '');
  }
  const syn = r.synthetic;
  if (syn) {
    out.push(`## Synthetic held-out split (${syn.samples} samples)`, '', `Source: ${syn.source}.`, setLine(syn.summary), '');
    out.push(table(METHOD_HEADER, methodRows(syn.summary), METHOD_ALIGN), '');
    out.push('Per operator (AUROC: that operator\'s buggy samples against all clean samples):', '');
    out.push(table(
      ['operator', 'n', 'model Top-1', 'Top-3', 'Top-5', 'MFR', 'AUROC', 'trigram Top-1', 'Top-5', 'random Top-1', 'Top-5'],
      syn.byOp.map(({ group, summary: s }) => {
        const m = s.methods;
        return [group, String(s.buggy), pct(m.model.top1), pct(m.model.top3), pct(m.model.top5), num(m.model.mfr), num(m.model.auroc, 3),
          pct(m.ngram.top1), pct(m.ngram.top5), pct(m.random.top1), pct(m.random.top5)];
      }),
      [false, true, true, true, true, true, true, true, true, true, true],
    ), '');
    if (syn.tableMix) {
      const t = syn.tableMix;
      out.push(`Model Top-1 / Top-3 / Top-5 with each operator weighted as in the operator table (server/src/mutate/apply.ts)`,
        `rather than by its count here: ${pct(t.top1)} / ${pct(t.top3)} / ${pct(t.top5)}.`, '');
    }
    out.push('Highest line score of each clean sample (quantiles):', '');
    const qs = Object.entries(syn.cleanMaxScore);
    out.push(table(qs.map(([k]) => k), [qs.map(([, v]) => num(v, 4))], qs.map(() => true)), '');
    if (syn.threshold) {
      const t = syn.threshold;
      const row = syn.falseAlarms.find((f) => f.threshold === t.threshold);
      out.push(
        `**Recommended line threshold: ${t.threshold}**: the lowest score at which at most ${pct(t.target, 0)} of the ${t.n} clean`,
        `synthetic samples show any diagnostic (${num(t.exact, 6)}, rounded up to ${t.digits} significant digits). At it, ${pct(t.share)} of clean`,
        `samples are flagged and ${row ? pct(row.top1Recall) : 'n/a'} of buggy samples have a fault line as their top line above the threshold.`,
        '',
      );
    }
    out.push(falseAlarmTable(syn.falseAlarms, rec), '');
    if (syn.byLength && rec !== undefined) out.push(lengthTable(syn.byLength, rec), '');
    if (syn.invariance) out.push(invarianceTable(syn.invariance), '');
  }
  return `${out.join('\n')}\n`;
}

function invarianceTable(inv: InvarianceReport): string {
  const row = (name: string, s: Summary) => {
    const m = s.methods.model;
    return [name, pct(m.top1), pct(m.top3), pct(m.top5), num(m.mfr)];
  };
  return [
    `Context invariance: the first ${inv.samples} buggy samples alone, then with one piece of module context taken from`,
    'the validation packages\' own files (model only; a robust ranking barely moves):',
    '',
    table(['context', 'Top-1', 'Top-3', 'Top-5', 'MFR'],
      [row('none', inv.plain), ...inv.variants.map((v) => row(`${v.variant} (${v.pieces} pieces)`, v.summary))],
      [false, true, true, true, true]),
  ].join('\n');
}
