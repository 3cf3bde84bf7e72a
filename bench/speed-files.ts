/**
 * Test inputs for the speed benchmark, made at run time from real code on this machine: whole
 * functions of the Python standard library, packed to an exact line count. Needs initPython().
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unitsOf } from '../models/gen/corpus.js';
import { parsePython } from '../server/src/language/python.js';

export const STDLIB = '/usr/lib/python3.11';

const lineCount = (s: string) => s.split('\n').length - 1;

/** Functions from the top-level stdlib modules, in file-name order, until `want` lines are filled exactly. */
export function stdlibFile(want: number, dir = STDLIB): string {
  const parts: string[] = [];
  let lines = 0;
  const files = readdirSync(dir).filter((f) => f.endsWith('.py')).sort();
  if (!files.length) throw new Error(`no Python files in ${dir} to build the speed-test inputs from`);
  for (const f of files) {
    if (lines === want) break;
    let units: string[];
    try { units = unitsOf(readFileSync(join(dir, f), 'utf8')); } catch { continue; }
    for (const u of units) {
      const cost = lineCount(u) + (parts.length ? 1 : 0); // a blank line between functions
      if (lines + cost > want) continue;
      parts.push(u);
      lines += cost;
      if (lines === want) break;
    }
  }
  let text = parts.join('\n');
  for (let k = 0; lines < want; k++, lines++) text += `_pad_${k} = ${k}\n`;
  return text;
}

/**
 * A one-line edit: rename one identifier on the first line with one at or after the middle of the file
 * (`variant` makes every edit different, so each one misses the window cache once).
 */
export function editOneLine(text: string, variant: number): { text: string; line: number } {
  const parsed = parsePython(text);
  const mid = Math.floor(parsed.lines.length / 2);
  const tok = parsed.tokens.find((t) => t.kind === 'identifier' && t.line >= mid);
  if (!tok) throw new Error('no identifier to edit');
  const name = `${tok.text}_e${variant < 0 ? `w${-variant}` : variant}`;
  return { text: text.slice(0, tok.start) + name + text.slice(tok.end), line: tok.line + 1 };
}
