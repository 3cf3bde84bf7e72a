/**
 * Edit regions: each suspicious line grown to the smallest statement that holds it (for a block
 * header, the header itself, or the whole block when it is small), overlapping regions merged, the
 * k best kept. Lines in docstrings, comments and blank lines never start a region.
 */
import { type Node, type Tree, withTree } from '../language/python.js';

export interface LineScoreLike {
  /** 1-based. */
  line: number;
  score: number;
}

export interface Region {
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** Character offsets of the region's whole lines (end exclusive, newline included). */
  start: number;
  end: number;
  /** The highest line score inside. */
  score: number;
  /** 0-based rank among the regions returned. */
  rank: number;
  /** The suspicious lines that made the region (1-based). */
  lines: number[];
}

/** Blocks of at most this many lines are taken whole when their header is suspicious. */
const SMALL_BLOCK_LINES = 3;

const COMPOUND = new Set([
  'if_statement', 'for_statement', 'while_statement', 'with_statement', 'try_statement', 'match_statement',
  'elif_clause', 'else_clause', 'except_clause', 'finally_clause', 'case_clause',
  'function_definition', 'class_definition', 'decorated_definition',
]);

function isStatement(n: Node): boolean {
  return n.type.endsWith('_statement') || COMPOUND.has(n.type);
}

function isDocstring(n: Node): boolean {
  return n.type === 'expression_statement' && n.namedChildCount === 1 && n.firstNamedChild?.type === 'string';
}

/** Offsets of each line's start (index i = line i + 1). */
export function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

/** Rows [first, last] (0-based) of the region for one line, or null when the line starts none. */
function regionRows(tree: Tree, text: string, starts: number[], row: number): [number, number] | null {
  const lineText = text.slice(starts[row], row + 1 < starts.length ? starts[row + 1] - 1 : text.length);
  const col = lineText.length - lineText.trimStart().length;
  if (!lineText.trim() || lineText.trim().startsWith('#')) return null;
  let n: Node | null = tree.rootNode.descendantForPosition({ row, column: col });
  while (n && !isStatement(n)) n = n.parent;
  if (!n || n.type === 'module') return null;
  if (isDocstring(n)) return null;
  const first = n.startPosition.row;
  const last = n.endPosition.row;
  if (!COMPOUND.has(n.type)) return [first, last];
  const body = n.childForFieldName('body') ?? n.childForFieldName('consequence')
    ?? n.namedChildren.find((c) => c?.type === 'block') ?? null;
  const headerEnd = body ? Math.max(first, body.startPosition.row - (body.startPosition.row > first ? 1 : 0)) : last;
  // A line inside the header (a multi-line condition) or the header of a small block.
  if (row > headerEnd) return [row, row];
  if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'decorated_definition') return [first, headerEnd];
  if (last - first + 1 <= SMALL_BLOCK_LINES) return [first, last];
  return [first, headerEnd];
}

/** One region per line (1-based `lines`), ranked in the order given: each line's own text. */
export function lineRegions(text: string, lines: number[]): Region[] {
  const starts = lineStarts(text);
  return lines.map((l, rank) => ({
    startLine: l, endLine: l, start: starts[l - 1], end: l < starts.length ? starts[l] : text.length, score: 1, rank, lines: [l],
  }));
}

/** The top-k regions for line scores (any order); higher score first. */
export function topRegions(text: string, scores: LineScoreLike[], k: number): Region[] {
  const starts = lineStarts(text);
  const sorted = [...scores].filter((s) => s.line >= 1 && s.line <= starts.length).sort((a, b) => b.score - a.score || a.line - b.line);
  const regions: Omit<Region, 'rank' | 'start' | 'end'>[] = [];
  withTree(text, (tree) => {
    for (const s of sorted) {
      const rows = regionRows(tree, text, starts, s.line - 1);
      if (!rows) continue;
      let r = { startLine: rows[0] + 1, endLine: rows[1] + 1, score: s.score, lines: [s.line] };
      // Merge with every region it overlaps; the merged region keeps the best score.
      for (let i = regions.length - 1; i >= 0; i--) {
        const o = regions[i];
        if (o.endLine < r.startLine || r.endLine < o.startLine) continue;
        r = {
          startLine: Math.min(o.startLine, r.startLine), endLine: Math.max(o.endLine, r.endLine),
          score: Math.max(o.score, r.score), lines: [...o.lines, ...r.lines],
        };
        regions.splice(i, 1);
      }
      regions.push(r);
      regions.sort((a, b) => b.score - a.score || a.startLine - b.startLine);
      if (regions.length >= k && s.score < regions[k - 1].score) break;
    }
  });
  return regions.slice(0, k).map((r, rank) => ({
    ...r,
    lines: [...new Set(r.lines)].sort((a, b) => a - b),
    rank,
    start: starts[r.startLine - 1],
    end: r.endLine < starts.length ? starts[r.endLine] : text.length,
  }));
}
