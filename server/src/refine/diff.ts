/**
 * Unified diff of two texts (line based, 3 lines of context), as `diff -u` / `git diff` print it.
 */

type Op = { kind: ' ' | '-' | '+'; line: string };

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Line edit script: common prefix and suffix, and an LCS over the middle. */
function editScript(a: string[], b: string[]): Op[] {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const am = a.slice(p, a.length - s);
  const bm = b.slice(p, b.length - s);
  const ops: Op[] = a.slice(0, p).map((line) => ({ kind: ' ', line }));
  if (am.length * bm.length > 25_000_000) {
    // Too big for the table: everything in the middle changed.
    ops.push(...am.map((line) => ({ kind: '-' as const, line })), ...bm.map((line) => ({ kind: '+' as const, line })));
  } else {
    const n = am.length;
    const m = bm.length;
    const dp = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) dp[i][j] = am[i] === bm[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) { ops.push({ kind: ' ', line: am[i] }); i++; j++; }
      else if (j < m && (i >= n || dp[i][j + 1] >= dp[i + 1][j])) { ops.push({ kind: '+', line: bm[j] }); j++; }
      else { ops.push({ kind: '-', line: am[i] }); i++; }
    }
    // Deletions before insertions inside a run of changes, as diff prints them.
    for (let k = 0; k < ops.length;) {
      if (ops[k].kind === ' ') { k++; continue; }
      let e = k;
      while (e < ops.length && ops[e].kind !== ' ') e++;
      const run = ops.slice(k, e);
      ops.splice(k, e - k, ...run.filter((o) => o.kind === '-'), ...run.filter((o) => o.kind === '+'));
      k = e;
    }
  }
  ops.push(...a.slice(a.length - s).map((line) => ({ kind: ' ' as const, line })));
  return ops;
}

function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** Unified diff of `before` → `after`; empty string when they are equal. */
export function unifiedDiff(before: string, after: string, path = 'file', context = 3): string {
  if (before === after) return '';
  const ops = editScript(splitLines(before), splitLines(after));
  const out = [`--- a/${path}`, `+++ b/${path}`];
  const changed = ops.map((o, i) => (o.kind !== ' ' ? i : -1)).filter((i) => i >= 0);
  let h = 0;
  let reachedEnd = false;
  while (h < changed.length) {
    let start = Math.max(0, changed[h] - context);
    let end = Math.min(ops.length, changed[h] + context + 1);
    let k = h + 1;
    while (k < changed.length && changed[k] - context <= end) {
      end = Math.min(ops.length, changed[k] + context + 1);
      k++;
    }
    // Line numbers where the hunk starts in each text.
    let aLine = 1;
    let bLine = 1;
    for (let i = 0; i < start; i++) {
      if (ops[i].kind !== '+') aLine++;
      if (ops[i].kind !== '-') bLine++;
    }
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${range(aLine, aCount)} +${range(bLine, bCount)} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.line}`);
    reachedEnd = end === ops.length;
    start = end;
    h = k;
  }
  const noNewline = (t: string) => t !== '' && !t.endsWith('\n');
  if (reachedEnd && (noNewline(before) || noNewline(after))) out.push('\\ No newline at end of file');
  return `${out.join('\n')}\n`;
}
