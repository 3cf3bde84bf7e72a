/**
 * Training-data generator. Usage (after `npm run build`):
 *   node dist/models/gen/main.js --out models/data [--seed 1] [--per-unit 4] [--max-units N]
 *                                [--roots DIR,DIR] [--vocab FILE] [--rename 0]
 *                                [--val-packages A,B] [--val-per-unit 2] [--module-context 0]
 * --vocab reuses the vocabulary of an existing model's metadata (or a vocab.json), so that a model can be
 * fine-tuned on the new data. --rename P renames each training sample's local names consistently with
 * probability P (models/gen/rename.ts; own random stream, so the bugs drawn are the same as without it);
 * held-out samples are never renamed. --module-context P places each training sample in module context with
 * probability P (models/gen/context.ts: a docstring or imports before it, a trailing string or a main block after
 * it, taken from training files; own random stream, held-out samples untouched). --val-packages names the held-out packages instead of the hashed split
 * (e.g. the fusion ranker's held-out programs when --roots is models/fusion/programs, so both models hold out
 * the same ones); --val-per-unit sets the samples drawn per held-out unit.
 * Writes vocab.json, train.* and val.* shards, val.jsonl (texts of the held-out samples) and recipe.json.
 * --train-name train-NAME adds training shards from other roots to an existing data folder instead: it writes
 * only train-NAME.* and recipe-train-NAME.json, needs --vocab (the folder's own vocabulary), and never writes
 * held-out samples (units of validation packages are left out), so the folder's held-out split is untouched.
 * --op-mix corpus refits the operator weights so that the training samples follow the table's operator mix over
 * the whole corpus (models/gen/balance.ts); the default, unit, draws by the table's weights among the operators
 * that apply to each unit. Held-out samples always use the table's weights, so the split stays the same.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initPython, parsePython } from '../../server/src/language/python.js';
import {
  FEATURE_VERSION, IDENT_MAX, LINE_FEATURES, SPECIALS, WINDOW_LINES, WINDOW_TOKENS, tokenKey, vocabHash, type Vocab,
} from '../../server/src/diagnose/featurizer.js';
import { BUG_KINDS, OPERATORS } from '../../server/src/mutate/apply.js';
import { DEFAULT_ROOTS, collectUnits, isValidationPackage, type Unit } from './corpus.js';
import { CLEAN_SHARE, CONTEXT_SHARE, DOUBLE_BUG_SHARE, ShardWriter, makeSample } from './samples.js';
import { arg, checkOptions, countArg, shareArg } from './args.js';
import { Renamer, namePool } from './rename.js';
import { collectContext, drawPlacement, placeInModule } from './context.js';
import { Rng } from './rng.js';
import { corpusMix, type OpMix } from './balance.js';

const VOCAB_SIZE = 8000;
const HASH_BUCKETS = 1024;
const MIN_COUNT = 3;
/** Training units on which --op-mix corpus measures which operators apply. */
const MIX_SAMPLE = 2000;

export function buildVocab(units: Unit[]): Vocab {
  const counts = new Map<string, number>();
  for (const u of units) {
    for (const t of parsePython(u.text).tokens) {
      const k = tokenKey(t);
      if (k.startsWith('<')) continue;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  const tokens = [...counts.entries()]
    .filter(([k, n]) => n >= MIN_COUNT && !SPECIALS.includes(k))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, VOCAB_SIZE)
    .map(([k]) => k);
  return { language: 'python', tokens, hashBuckets: HASH_BUCKETS };
}

/** What the trainer must know about the featurizer that produced the shards. */
export function featureContract() {
  return {
    language: 'python', featureVersion: FEATURE_VERSION, windowTokens: WINDOW_TOKENS, windowLines: WINDOW_LINES,
    identMax: IDENT_MAX, lineFeatures: LINE_FEATURES, specials: SPECIALS.length, bugKinds: [...BUG_KINDS],
  };
}

const USAGE = `usage: node dist/models/gen/main.js [--out DIR] [--seed N] [--per-unit N] [--val-per-unit N] [--max-units N]
  [--part K --parts N] [--roots DIR,...] [--val-packages a,b] [--vocab FILE] [--rename SHARE]
  [--module-context SHARE] [--train-name train-NAME] [--op-mix unit|corpus]
Writes the line model's training and held-out shards (see README, "The model").`;

/**
 * The shard name of --train-name (null when absent): `train-` and a lower-case name, so the trainer's
 * `train*` shards include it and it cannot overwrite a folder's own train, trainK or val shards.
 */
export function extraShards(name: string, vocabFile: string, part: number, parts: number): string | null {
  if (!name) return null;
  if (!/^train-[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`--train-name must look like train-NAME (lower case), not ${name}`);
  if (!vocabFile) throw new Error('--train-name needs --vocab: extra shards must use the data folder\'s vocabulary');
  if (part !== 0 || parts !== 1) throw new Error('--train-name writes one shard: leave out --part/--parts');
  return name;
}

/** Extra shards must share the folder's vocabulary (when the folder has one). */
function checkSameVocab(out: string, vocab: Vocab): void {
  const file = join(out, 'vocab.json');
  if (!existsSync(file)) return;
  const have = vocabHash(JSON.parse(readFileSync(file, 'utf8')) as Vocab);
  if (have !== vocabHash(vocab)) throw new Error(`--vocab (hash ${vocabHash(vocab)}) differs from ${file} (hash ${have})`);
}

async function main(): Promise<void> {
  checkOptions(USAGE);
  await initPython();
  const out = arg('out', 'models/data');
  const seed = Number(arg('seed', '1'));
  const perUnit = Number(arg('per-unit', '4'));
  const maxUnits = Number(arg('max-units', '0'));
  const part = Number(arg('part', '0'));
  const parts = Number(arg('parts', '1'));
  const roots = arg('roots', DEFAULT_ROOTS.join(',')).split(',');
  const renameShare = shareArg('rename', 0);
  const contextShare = shareArg('module-context', 0);
  const extra = extraShards(arg('train-name', ''), arg('vocab', ''), part, parts);
  const opMixMode = arg('op-mix', 'unit');
  if (opMixMode !== 'unit' && opMixMode !== 'corpus') throw new Error(`--op-mix must be unit or corpus, not ${opMixMode}`);
  mkdirSync(out, { recursive: true });
  const t0 = Date.now();
  const log = (s: string) => console.error(`[gen ${((Date.now() - t0) / 1000).toFixed(0)}s] ${s}`);

  let units = collectUnits(roots, log);
  if (maxUnits > 0 && units.length > maxUnits) {
    // Keep whole files together so context neighbours stay meaningful.
    const rng = new Rng(seed ^ 0x5eed);
    const files = rng.shuffle([...new Set(units.map((u) => u.file))]);
    const keep = new Set<string>();
    let n = 0;
    for (const f of files) {
      if (n >= maxUnits) break;
      keep.add(f);
      n += units.filter((u) => u.file === f).length;
    }
    units = units.filter((u) => keep.has(u.file));
  }
  const valNames = arg('val-packages', '').split(',').filter(Boolean);
  const pkgs = new Set(units.map((u) => u.pkg));
  const unknown = valNames.filter((n) => !pkgs.has(n));
  if (unknown.length) throw new Error(`--val-packages: no units in ${unknown.join(', ')} under ${roots.join(', ')}`);
  const isVal = valNames.length ? (pkg: string) => valNames.includes(pkg) : isValidationPackage;
  const train = units.filter((u) => !isVal(u.pkg));
  const val = units.filter((u) => isVal(u.pkg));
  log(`units: ${units.length} (train ${train.length}, val ${val.length}) from ${pkgs.size} packages`);

  const vocabFile = arg('vocab', '');
  const vocab: Vocab = vocabFile
    ? (JSON.parse(readFileSync(vocabFile, 'utf8')) as { vocab?: Vocab }).vocab ?? JSON.parse(readFileSync(vocabFile, 'utf8'))
    : buildVocab(train);
  if (extra) checkSameVocab(out, vocab);
  else writeFileSync(join(out, 'vocab.json'), JSON.stringify(vocab));
  log(`vocab: ${vocab.tokens.length} tokens + ${HASH_BUCKETS} buckets, hash ${vocabHash(vocab)}`);

  const renamer = new Renamer(namePool(vocab.tokens));
  let renamed = 0;
  const pool = contextShare > 0 ? collectContext(train.map((u) => u.file)) : undefined;
  if (pool) log(`module context: ${pool.doc.length} docstrings, ${pool.imports.length} import runs, ${pool.main.length} main blocks`);
  let placed = 0;
  let mix: OpMix | undefined;
  if (opMixMode === 'corpus') {
    mix = corpusMix(train, MIX_SAMPLE, seed);
    log(`operator mix refitted on ${mix.sampled} units`);
  }
  const opCounts: Record<string, number> = {};
  const trainShard = extra ?? (parts > 1 ? `train${part}` : 'train');
  const jobs = [['train', train, perUnit], ['val', val, countArg('val-per-unit', 2)]] as const;
  for (const [name, set, reps] of part === 0 && !extra ? jobs : jobs.slice(0, 1)) {
    const rng = new Rng(seed + (name === 'val' ? 7919 : 0));
    const writer = new ShardWriter(vocab);
    const texts: string[] = [];
    const order = rng.shuffle(Array.from({ length: set.length * reps }, (_, k) => k % set.length));
    const srng = new Rng(seed * 7907 + part * 104729 + (name === 'val' ? 1 : 0));
    const rrng = new Rng(seed * 6151 + part * 3571 + 17);
    const crng = new Rng(seed * 4513 + part * 7121 + 29);
    for (const [k, i] of order.entries()) {
      if (name === 'train' && k % parts !== part) continue;
      let s = makeSample(set, i, srng, name === 'train' ? mix?.weights : undefined);
      if (!s) continue;
      if (name === 'train' && renameShare > 0 && rrng.chance(renameShare)) {
        const text = renamer.rename(s.text, rrng);
        if (text !== s.text) renamed++;
        s.text = text;
      }
      if (name === 'train' && pool && crng.chance(contextShare)) {
        s = placeInModule(s, drawPlacement(pool, crng));
        placed++;
      }
      const opIndex = OPERATORS.findIndex((o) => o.name === s.op);
      if (!writer.add(s, opIndex)) continue;
      if (name === 'train') opCounts[s.op] = (opCounts[s.op] ?? 0) + 1;
      else texts.push(JSON.stringify({ text: s.text, lines: s.lines.map((l) => l + 1), op: s.op, pkg: set[i].pkg }));
      if (writer.samples % 20000 === 0) log(`${name}: ${writer.samples} samples`);
    }
    writer.write(out, name === 'train' ? trainShard : name);
    if (name === 'val') writeFileSync(join(out, 'val.jsonl'), texts.join('\n') + '\n');
    log(`${name}: ${writer.samples} samples written`);
  }
  const recipe = {
    ...featureContract(),
    roots, seed, perUnit, maxUnits, heldOut: valNames.length ? valNames : 'hashed split by package',
    units: units.length, trainUnits: train.length, valUnits: val.length,
    trainPackages: new Set(train.map((u) => u.pkg)).size, valPackages: new Set(val.map((u) => u.pkg)).size,
    cleanShare: CLEAN_SHARE, doubleBugShare: DOUBLE_BUG_SHARE, contextShare: CONTEXT_SHARE,
    renameShare, renamedTrainSamples: renamed, moduleContextShare: contextShare, moduleContextSamples: placed,
    operators: OPERATORS.map((o) => ({ name: o.name, weight: o.weight, kind: o.kind })), trainOpCounts: opCounts,
    opMix: mix ? { mode: 'corpus', ...mix } : 'unit',
    vocabHash: vocabHash(vocab), vocabFrom: vocabFile || 'corpus', labels: 'a label on a comment or docstring line moves to the nearest code line', seconds: Math.round((Date.now() - t0) / 1000),
  };
  const recipeFile = extra ? `recipe-${extra}.json` : parts > 1 ? `recipe-part${part}.json` : 'recipe.json';
  writeFileSync(join(out, recipeFile), JSON.stringify({ ...recipe, part, parts, shards: trainShard }, null, 2));
  log('done');
}

if (process.argv[1]?.endsWith('main.js')) await main();
