/**
 * The held-out synthetic split: samples built by the training-data generator from the validation
 * packages only. Regenerated here exactly as models/gen/main.ts builds val.jsonl (same seeds, same
 * order, same filters), or read from models/data/val.jsonl when that file's recipe matches.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePython } from '../server/src/language/python.js';
import { FEATURE_VERSION } from '../server/src/diagnose/featurizer.js';
import { OPERATORS } from '../server/src/mutate/apply.js';
import { DEFAULT_ROOTS, isValidationPackage, type Unit } from '../models/gen/corpus.js';
import { CLEAN_SHARE, CONTEXT_SHARE, DOUBLE_BUG_SHARE, makeSample } from '../models/gen/samples.js';
import { Rng } from '../models/gen/rng.js';

/** The generator's defaults for the validation split (models/gen/main.ts: --seed 1, 2 samples per unit). */
export const SYNTHETIC_SEED = 1;
export const SYNTHETIC_REPS = 2;

export interface SyntheticSample {
  text: string;
  /** 1-based buggy lines (empty when clean). */
  lines: number[];
  op: string;
  pkg: string;
}

/** Rebuild the validation samples from the corpus (needs initPython()). */
export function regenerateSynthetic(units: readonly Unit[], limit = Infinity): SyntheticSample[] {
  const seed = SYNTHETIC_SEED;
  const set = units.filter((u) => isValidationPackage(u.pkg));
  const rng = new Rng(seed + 7919);
  const order = rng.shuffle(Array.from({ length: set.length * SYNTHETIC_REPS }, (_, k) => k % set.length));
  const srng = new Rng(seed * 7907 + 1);
  const out: SyntheticSample[] = [];
  for (const i of order) {
    if (out.length >= limit) break;
    const s = makeSample(set, i, srng);
    if (!s) continue;
    const parsed = parsePython(s.text);
    // The generator's ShardWriter drops samples that do not parse or have no tokens.
    if (parsed.errorLines.length || !parsed.tokens.length) continue;
    out.push({ text: s.text, lines: s.lines.map((l) => l + 1), op: s.op, pkg: set[i].pkg });
  }
  return out;
}

/** Why models/data/val.jsonl cannot stand in for a regeneration, or null when it can. */
export function recipeMismatch(dataDir = 'models/data'): string | null {
  const jsonl = join(dataDir, 'val.jsonl');
  if (!existsSync(jsonl)) return `${jsonl} not found`;
  const file = ['recipe.json', 'recipe-part0.json'].map((f) => join(dataDir, f)).find(existsSync);
  if (!file) return `no recipe next to ${jsonl}`;
  let r: Record<string, unknown>;
  try { r = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>; } catch { return `${file} is not JSON`; }
  const want: Record<string, unknown> = {
    seed: SYNTHETIC_SEED, maxUnits: 0, featureVersion: FEATURE_VERSION, roots: DEFAULT_ROOTS,
    cleanShare: CLEAN_SHARE, doubleBugShare: DOUBLE_BUG_SHARE, contextShare: CONTEXT_SHARE,
    operators: OPERATORS.map((o) => ({ name: o.name, weight: o.weight, kind: o.kind })),
  };
  for (const [k, v] of Object.entries(want)) {
    if (JSON.stringify(r[k]) !== JSON.stringify(v)) return `${file}: ${k} is ${JSON.stringify(r[k])}, expected ${JSON.stringify(v)}`;
  }
  return null;
}

export function readSynthetic(dataDir = 'models/data', limit = Infinity): SyntheticSample[] {
  const out: SyntheticSample[] = [];
  for (const line of readFileSync(join(dataDir, 'val.jsonl'), 'utf8').split('\n')) {
    if (out.length >= limit) break;
    if (!line.trim()) continue;
    const s = JSON.parse(line) as SyntheticSample;
    out.push({ text: s.text, lines: s.lines, op: s.op, pkg: s.pkg });
  }
  return out;
}
