/**
 * Evidence added to the model's line scores. With a traced run of the original and the learned fusion
 * ranker: the fused scores (diagnose/fused.ts). Otherwise, by hand: lines of the file under repair that
 * appear in the tracebacks of failing tests (the deepest frame counts most) get a bonus in proportion to
 * the share of failing tests that mention them. Either way the conditions and loops around a
 * suspicious line share its score.
 */
import { fuseFile } from '../diagnose/fused.js';
import { loadFusion, warnUnpaired } from '../diagnose/fusion.js';
import type { TestFailure } from '../exec/outcomes.js';
import type { TraceMatrix } from '../exec/trace.js';
import { type Node, withTree } from '../language/python.js';
import type { LineScoreLike } from './regions.js';

/** Weight of a line named by every failing test's deepest frame in the file. */
const DEEPEST = 0.5;
const OTHER = 0.2;

/** 1-based lines of `file` (a path relative to the project root) named in a traceback, deepest frame last. */
export function tracebackLines(traceback: string, file: string): number[] {
  const rel = file.replace(/\\/g, '/').replace(/^\.\//, '');
  const out: number[] = [];
  // Python's `File "x.py", line 5` and pytest's `x.py:5: in f`.
  for (const m of traceback.matchAll(/File "([^"]+)", line (\d+)|^(\S+\.pyw?):(\d+):/gm)) {
    const path = (m[1] ?? m[3]).replace(/\\/g, '/');
    if (path === rel || path.endsWith(`/${rel}`)) out.push(Number(m[2] ?? m[4]));
  }
  return out;
}

export function fuseTracebacks(scores: LineScoreLike[], failures: TestFailure[], file: string): LineScoreLike[] {
  if (!failures.length) return scores;
  const bonus = new Map<number, number>();
  for (const f of failures) {
    const lines = tracebackLines(f.traceback, file);
    if (!lines.length) continue;
    const deepest = lines[lines.length - 1];
    const seen = new Set<number>();
    for (const l of lines) {
      if (seen.has(l)) continue;
      seen.add(l);
      const w = l === deepest ? DEEPEST : OTHER;
      bonus.set(l, (bonus.get(l) ?? 0) + w / failures.length);
    }
  }
  if (!bonus.size) return scores;
  const out = scores.map((s) => ({ line: s.line, score: s.score + (bonus.get(s.line) ?? 0) }));
  for (const [line, b] of bonus) if (!scores.some((s) => s.line === line)) out.push({ line, score: b });
  return out;
}

/**
 * The scores regions are chosen from: fused with `trace` when there is one (with a failing test) and the
 * fusion ranker loads; else the model's scores plus the hand-weighted traceback bonus.
 */
export async function evidenceScores(
  text: string, scores: LineScoreLike[], file: string, failures: TestFailure[], trace: TraceMatrix | null, log: (line: string) => void,
  modelId?: string,
): Promise<LineScoreLike[]> {
  if (trace) {
    const ranker = await loadFusion(undefined, log);
    warnUnpaired(ranker, modelId, log);
    if (ranker) {
      const f = await fuseFile(scores, text.split('\n').length, trace, file.replace(/\\/g, '/'), ranker);
      if (f.fused) return f.lines.map((l) => ({ line: l.line, score: l.score }));
    }
  }
  return fuseTracebacks(scores, failures, file);
}

const CONTROL = new Set(['if_statement', 'elif_clause', 'while_statement', 'for_statement']);

/** Share of a line's score that the conditions and loops around it receive. */
const HEADER_SHARE = 0.7;

/**
 * A suspicious line makes the conditions and loop headers that control it suspicious too (a wrong
 * bound or test shows up as a failure in the body): each enclosing if/elif/while/for header inside the
 * same function gets HEADER_SHARE of the line's score when that is more than its own.
 */
export function propagateToHeaders(text: string, scores: LineScoreLike[]): LineScoreLike[] {
  const byLine = new Map(scores.map((s) => [s.line, s.score]));
  const lifted = new Map<number, number>();
  const lines = text.split('\n');
  withTree(text, (tree) => {
    for (const s of scores) {
      if (s.score <= 0) continue;
      const lineText = lines[s.line - 1] ?? '';
      const col = lineText.length - lineText.trimStart().length;
      let n: Node | null = tree.rootNode.descendantForPosition({ row: s.line - 1, column: col });
      let share = HEADER_SHARE;
      for (; n && n.type !== 'function_definition' && n.type !== 'module'; n = n.parent) {
        if (!CONTROL.has(n.type) || n.startPosition.row === s.line - 1) continue;
        const header = n.startPosition.row + 1;
        const v = s.score * share;
        if (v > (lifted.get(header) ?? 0)) lifted.set(header, v);
        share *= HEADER_SHARE;
      }
    }
  });
  for (const [line, v] of lifted) if (v > (byLine.get(line) ?? 0)) byLine.set(line, v);
  return [...byLine].map(([line, score]) => ({ line, score }));
}
