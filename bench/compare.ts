/**
 * `node dist/bench/compare.js [LABEL=]<localize.json>... [--out FILE.md]`
 *
 * Puts several models' static localization runs (`eval:localize` reports, one per model) side by side,
 * task by task: for each benchmark set, how many bugs each model ranks first, how many at least one
 * of them ranks first (the most any choice among these models could reach), and how many none does.
 * Only the per-task ranks already in each report are read; nothing is re-scored. A model is shown by
 * its LABEL when one is given, else by its model id.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { LocalizeReport } from './localize-report.js';
import { table } from './table.js';

export interface ModelRow {
  model: string;
  /** Buggy files whose first fault line is ranked first outright (average-case rank exactly 1). */
  first: number;
  /** Buggy files with the first fault line at an average-case rank of 5 or better. */
  top5: number;
}

export interface SetComparison {
  name: string;
  tasks: number;
  rows: ModelRow[];
  /** Tasks that at least one model ranks first. */
  union: number;
  /** Tasks that every model ranks first. */
  all: number;
  /** How many tasks exactly k models rank first, for k = 0..models. */
  byAgreement: number[];
}

type Run = Pick<LocalizeReport, 'model' | 'sets'> & { label?: string };

export function compareRuns(runs: readonly Run[]): SetComparison[] {
  if (!runs.length) return [];
  const names = runs[0].sets.map((s) => s.name).filter((n) => runs.every((r) => r.sets.some((s) => s.name === n)));
  return names.map((name) => {
    const perRun = runs.map((r) => new Map(r.sets.find((s) => s.name === name)!.tasksDetail.map((t) => [t.id, t.model])));
    const ids = [...perRun[0].keys()].filter((id) => perRun.every((m) => m.has(id)));
    const isFirst = (m: Map<string, number | null>, id: string) => m.get(id) === 1;
    const counts = ids.map((id) => perRun.filter((m) => isFirst(m, id)).length);
    const byAgreement = Array.from({ length: runs.length + 1 }, (_, k) => counts.filter((c) => c === k).length);
    return {
      name,
      tasks: ids.length,
      rows: runs.map((r, i) => ({
        model: r.label ?? r.model.id,
        first: ids.filter((id) => isFirst(perRun[i], id)).length,
        top5: ids.filter((id) => { const x = perRun[i].get(id); return x != null && x <= 5; }).length,
      })),
      union: counts.filter((c) => c > 0).length,
      all: counts.filter((c) => c === runs.length).length,
      byAgreement,
    };
  });
}

export function comparisonMarkdown(sets: readonly SetComparison[], files: readonly string[]): string {
  const out = ['# Static localization, model by model and task by task', '', `Reports: ${files.map((f) => `\`${f}\``).join(', ')}.`, ''];
  for (const s of sets) {
    out.push(`## ${s.name} (${s.tasks} buggy files)`, '');
    out.push(table(['model', 'ranked first', 'in the Top-5'], s.rows.map((r) => [r.model, String(r.first), String(r.top5)]), [false, true, true]), '');
    out.push(`Ranked first by at least one model: **${s.union}** of ${s.tasks}; by every model: ${s.all}; by none: ${s.byAgreement[0]}.`);
    out.push(`Tasks ranked first by exactly k models, k = 0..${s.rows.length}: ${s.byAgreement.join(', ')}.`, '');
  }
  return out.join('\n');
}

function main(argv: string[]): void {
  const files: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') {
      out = argv[++i];
      if (!out) throw new Error('--out needs a file name');
    } else files.push(argv[i]);
  }
  if (files.length < 2) throw new Error('usage: compare.js [LABEL=]<localize.json> [LABEL=]<localize.json>... [--out FILE.md]');
  const runs = files.map((arg) => {
    const eq = arg.indexOf('=');
    const f = eq > 0 ? arg.slice(eq + 1) : arg;
    const r = JSON.parse(readFileSync(f, 'utf8')) as Run;
    if (!r.model?.id || !Array.isArray(r.sets)) throw new Error(`${f}: not an eval:localize report`);
    return eq > 0 ? { ...r, label: arg.slice(0, eq) } : r;
  });
  const md = comparisonMarkdown(compareRuns(runs), files);
  process.stdout.write(md + '\n');
  if (out) writeFileSync(out, md + '\n');
}

if (process.argv[1]?.endsWith('compare.js')) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`compare: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
