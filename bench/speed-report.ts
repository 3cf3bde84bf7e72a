/** The shape of bench/results/speed.json and its markdown rendering (speed.md). */
import type { Provenance } from './provenance.js';
import { num, table } from './table.js';
import type { Timing } from './timing.js';

export interface ScoringRow {
  file: string;
  /** onnxruntime intra-op threads; 0 = its default. */
  threads: number;
  tokens: number;
  /** Parse + featurize + encode every window + line head (cache off). */
  full: Timing;
  /** The same after a one-line edit, window cache on. */
  edit: Timing;
  /** Windows re-encoded per edit (should be 1). */
  windowsPerEdit: number;
}

export type OptionalResult =
  | { status: 'ok'; seconds: number; result: unknown }
  | { status: 'skipped' | 'failed'; reason: string };

export interface SpeedReport extends Provenance {
  tool: string;
  loadAverageAtStart: number[];
  model: { id: string; path: string; sha256: string };
  inputs: { name: string; lines: number; tokens: number; source: string }[];
  parse: ({ file: string } & Timing)[];
  scoring: ScoringRow[];
  cliColdStart: { command: string } & Timing;
  /** Medians against the issue's targets (speedTargets). */
  targets: TargetCheck[];
  /** bench/lsp.ts runLspBench(), when built. */
  lsp: OptionalResult;
  /** Slot for bench/refine.ts runRefineBench() (refinement benchmark), when built. */
  refine: OptionalResult;
}

const threadsLabel = (t: number) => (t === 0 ? 'default' : String(t));

/** Issue #2's targets (medians): full scoring after load, by input file, and the CLI's cold start. */
export const SCORING_TARGETS_MS: Record<string, number> = { '150 lines': 10, '1000 lines': 100 };
export const COLD_START_TARGET_MS = 1000;

export interface TargetCheck { what: string; limitMs: number; medianMs: number; met: boolean }

/** Each measured median that has a target, against it. */
export function speedTargets(r: Pick<SpeedReport, 'scoring' | 'cliColdStart'>): TargetCheck[] {
  const rows = r.scoring
    .filter((s) => SCORING_TARGETS_MS[s.file] !== undefined)
    .map((s) => ({ what: `${s.file}, threads ${threadsLabel(s.threads)}`, limitMs: SCORING_TARGETS_MS[s.file], medianMs: s.full.medianMs }));
  rows.push({ what: 'CLI cold start', limitMs: COLD_START_TARGET_MS, medianMs: r.cliColdStart.medianMs });
  return rows.map((x) => ({ ...x, met: x.medianMs <= x.limitMs }));
}

function optionalSection(title: string, r: OptionalResult): string[] {
  if (r.status !== 'ok') return [`## ${title}`, '', `${r.status}: ${r.reason}.`, ''];
  const res = r.result as { markdown?: unknown; results?: unknown } | null;
  const head = [`## ${title}`, '', `Ran in ${r.seconds} s.`, ''];
  if (res && typeof res.markdown === 'string') return [...head, res.markdown.trim(), ''];
  // Per-item lists stay in speed.json; the summary fields go into the markdown.
  const { results: _items, ...summary } = (res ?? {}) as Record<string, unknown>;
  return [...head, '```json', JSON.stringify(res && typeof res === 'object' ? summary : r.result, null, 1), '```', ''];
}

export function speedMarkdown(r: SpeedReport): string {
  const out: string[] = [];
  out.push('# Speed', '');
  out.push(`Model \`${r.model.id}\` (files sha256 ${r.model.sha256}), ${r.date.slice(0, 10)}${r.git ? `, commit ${r.git.commit.slice(0, 10)}${r.git.dirty ? ' (with local changes)' : ''}` : ''};`);
  out.push(`${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.node}, load average at start ${r.loadAverageAtStart.join(' / ')}.`);
  out.push(`Command: \`${r.commands[0]}\``, '');
  if (r.loadAverageAtStart[0] > r.machine.cpus * 0.5) {
    out.push(`**Note:** the machine was busy (1-minute load ${r.loadAverageAtStart[0]} on ${r.machine.cpus} cores), so these timings include contention; compare only runs made under similar load.`, '');
  }
  out.push('Inputs: whole functions from the Python standard library packed to an exact line count, built at run time.', '');
  out.push('## Scoring (model loaded once)', '');
  out.push('Full: parse, featurize, encode every window, line head (window cache off). Edit: the same after renaming one');
  out.push('identifier on one line, window cache on. Medians and p95 in milliseconds.', '');
  out.push(table(
    ['file', 'tokens', 'threads', 'full median', 'full p95', 'µs/token', 'edit median', 'edit p95', 'windows/edit', 'full ÷ edit'],
    r.scoring.map((s) => [
      s.file, String(s.tokens), threadsLabel(s.threads), num(s.full.medianMs), num(s.full.p95Ms),
      num((1000 * s.full.medianMs) / s.tokens, 1), num(s.edit.medianMs), num(s.edit.p95Ms), num(s.windowsPerEdit, 1),
      num(s.full.medianMs / s.edit.medianMs, 1),
    ]),
    [false, true, false, true, true, true, true, true, true, true],
  ), '');
  const ratio: string[][] = [];
  const files = [...new Set(r.scoring.map((s) => s.file))];
  for (const f of files) {
    const one = r.scoring.find((s) => s.file === f && s.threads === 1);
    const def = r.scoring.find((s) => s.file === f && s.threads === 0);
    if (one && def) ratio.push([f, num(one.full.medianMs / def.full.medianMs), num(one.edit.medianMs / def.edit.medianMs)]);
  }
  if (files.length === 2) {
    const [a, b] = files;
    for (const t of [1, 0]) {
      const x = r.scoring.find((s) => s.file === a && s.threads === t);
      const y = r.scoring.find((s) => s.file === b && s.threads === t);
      if (x && y) out.push(`${b} vs ${a} (threads ${threadsLabel(t)}): ${num(y.full.medianMs / x.full.medianMs, 1)}× the time for ${num(y.tokens / x.tokens, 1)}× the tokens.`);
    }
    out.push('');
  }
  if (ratio.length) {
    out.push('Speed-up of the default thread setting over one thread (median ratio):', '');
    out.push(table(['file', 'full', 'edit'], ratio, [false, true, true]), '');
  }
  out.push(`Targets (medians): ${r.targets.filter((c) => c.met).length} of ${r.targets.length} met on this machine.`, '');
  out.push(table(['measure', 'target', 'median', 'met'],
    r.targets.map((c) => [c.what, `≤ ${num(c.limitMs, 0)} ms`, `${num(c.medianMs)} ms`, c.met ? 'yes' : '**no**']),
    [false, true, true, false]), '');
  out.push('Parsing alone (tree-sitter + line info), median / p95 ms: ' +
    r.parse.map((p) => `${p.file} ${num(p.medianMs)} / ${num(p.p95Ms)}`).join('; ') + '.', '');
  const c = r.cliColdStart;
  out.push('## CLI cold start', '', `\`${c.command}\` (a new process each run, model load included): median ${num(c.medianMs, 0)} ms,`);
  out.push(`p95 ${num(c.p95Ms, 0)} ms over ${c.runs} runs.`, '');
  out.push(...optionalSection('Language server', r.lsp));
  out.push(...optionalSection('Refinement', r.refine));
  return `${out.join('\n')}\n`;
}
