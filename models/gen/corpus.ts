/**
 * The training corpus: functions and methods from Python code installed on this machine kind
 * (Debian's standard library and python3-* packages). Never reads ../shared/benchmarks.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { named, withTree, type Node } from '../../server/src/language/python.js';
import { fnv1a } from '../../server/src/diagnose/featurizer.js';

export const DEFAULT_ROOTS = ['/usr/lib/python3.11', '/usr/lib/python3/dist-packages'];
const SKIP_DIRS = /^(test|tests|testing|idle_test|__pycache__|site-packages|dist-packages|benchmarks?|examples?)$/;

export interface Unit {
  /** Top-level package (the split key). */
  pkg: string;
  file: string;
  /** Position of the unit in its file (units of a file are consecutive). */
  index: number;
  text: string;
}

export function listPythonFiles(root: string, out: string[] = [], depth = 0): string[] {
  let entries: string[];
  try { entries = readdirSync(root); } catch { return out; }
  for (const name of entries.sort()) {
    const p = join(root, name);
    let st;
    try { st = statSync(p); } catch { continue; }
    if (st.isDirectory()) {
      if (!SKIP_DIRS.test(name) && !(depth === 0 && /^python3\.\d+$/.test(name))) listPythonFiles(p, out, depth + 1);
    } else if (name.endsWith('.py') && !/^test_|_test\.py$|^conftest\.py$/.test(name) && st.size < 400_000) {
      out.push(p);
    }
  }
  return out;
}

function packageOf(root: string, file: string): string {
  const first = relative(root, file).split(sep)[0];
  return first.replace(/\.py$/, '');
}

/** Function and method units of one file, dedented, 3-60 lines, parsing cleanly. */
export function unitsOf(text: string): string[] {
  return withTree(text, (tree) => {
  const lines = text.split('\n');
  const units: string[] = [];
  const visit = (node: Node, inClass: boolean) => {
    for (const c of named(node)) {
      const inner = c.type === 'decorated_definition' ? c.childForFieldName('definition') : c;
      if (!inner) continue;
      if (inner.type === 'class_definition' && !inClass) {
        const body = inner.childForFieldName('body');
        if (body) visit(body, true);
      } else if (inner.type === 'function_definition') {
        const s = c.startPosition.row;
        const e = c.endPosition.row;
        if (e - s + 1 < 3 || e - s + 1 > 60) continue;
        const indent = /^[ \t]*/.exec(lines[s])![0];
        const chunk = lines.slice(s, e + 1);
        if (!chunk.every((l) => l.startsWith(indent) || l.trim() === '')) continue;
        const unit = chunk.map((l) => l.slice(indent.length)).join('\n') + '\n';
        if (/\t/.test(unit)) continue;
        units.push(unit);
      }
    }
  };
  if (tree.rootNode.hasError) return units;
  visit(tree.rootNode, false);
  return units.filter((u) => withTree(u, (t) => !t.rootNode.hasError));
  });
}

/** All units under the roots, deduplicated by whitespace-normalised text. */
export function collectUnits(roots: string[], log: (s: string) => void = () => {}): Unit[] {
  const seen = new Set<string>();
  const out: Unit[] = [];
  for (const root of roots) {
    const files = listPythonFiles(root);
    log(`${root}: ${files.length} files`);
    for (const file of files) {
      let text: string;
      try { text = readFileSync(file, 'utf8'); } catch { continue; }
      if (text.includes('\0')) continue;
      const pkg = packageOf(root, file);
      unitsOf(text).forEach((t, index) => {
        const h = createHash('sha1').update(t.replace(/\s+/g, ' ')).digest('base64');
        if (seen.has(h)) return;
        seen.add(h);
        out.push({ pkg, file, index, text: t });
      });
    }
  }
  return out;
}

/** Held-out split by package: about 8% of packages are validation. */
export function isValidationPackage(pkg: string): boolean {
  return fnv1a(`split:${pkg}`) % 100 < 8;
}
