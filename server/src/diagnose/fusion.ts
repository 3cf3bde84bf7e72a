/**
 * Fusion of the model's line scores with test evidence: a small learned ranker (ONNX, input `features`
 * float32 [n, F], output `score` float32 [n] logits) scores each line from its FUSION_FEATURES row; the
 * fused scores are a softmax of those logits over the file's code lines (non-code lines 0), so they are
 * on the model's scale. With no evidence, no failing test or no ranker the model's scores come back
 * unchanged (and the ranker is not called).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { FUSION_FEATURES, FUSION_FEATURE_VERSION, fusionFeatures, hasFailures, type LineEvidence } from './evidence.js';
import { packageRoot, readMetaFile } from './model.js';
import type { LineMutation } from './mutation.js';

export interface FusionMeta {
  id: string;
  featureVersion: number;
  features: string[];
  /** The ONNX file, relative to the metadata (default: the metadata's name with .onnx). */
  onnx?: string;
  recipe?: unknown;
  /** Ids of the line models whose scores the ranker was fitted to. */
  lineModels?: string[];
  metrics?: unknown;
  [k: string]: unknown;
}

export class FusionError extends Error {}

/** The shipped ranker's metadata, or the one FLARE_FUSION_MODEL names. */
export function defaultFusionPath(): string {
  return process.env.FLARE_FUSION_MODEL || join(packageRoot(), 'models', 'flare-fusion.json');
}

/** Check a ranker's metadata against the features this program computes. */
export function checkFusionMeta(meta: FusionMeta): void {
  const problems: string[] = [];
  if (meta.featureVersion !== FUSION_FEATURE_VERSION) {
    problems.push(`feature version ${meta.featureVersion} (this program computes version ${FUSION_FEATURE_VERSION})`);
  }
  const names = Array.isArray(meta.features) ? meta.features : [];
  if (names.length !== FUSION_FEATURES.length || names.some((n, i) => n !== FUSION_FEATURES[i])) {
    problems.push(`features [${names.join(', ')}] differ from [${FUSION_FEATURES.join(', ')}]`);
  }
  if (problems.length) {
    throw new FusionError(`fusion ranker ${meta.id ?? '?'} does not match this program: ${problems.join('; ')}. Retrain it or use a matching flare-ls.`);
  }
}

/** Line models a ranker was fitted to (its `lineModels`, written by models/fusion/train.py). */
export function fittedModels(meta: FusionMeta): string[] {
  return (Array.isArray(meta.lineModels) ? meta.lineModels : []).filter((x) => typeof x === 'string');
}

/**
 * A warning when the line model `modelId` is not one the ranker was fitted to: the ranker reads that model's
 * scores as features, so fused ranks from another model are less reliable. Null when it is one, or when the
 * ranker does not say.
 */
export function pairingWarning(meta: FusionMeta, modelId: string): string | null {
  const fitted = fittedModels(meta);
  if (!fitted.length || fitted.includes(modelId)) return null;
  return `the fusion ranker ${meta.id} was fitted to the scores of ${fitted.join(', ')}, not of the loaded model ${modelId}; `
    + 'fused ranks may be less accurate (set FLARE_FUSION_MODEL to a ranker fitted to it)';
}

const warned = new Set<string>();

/** Log `pairingWarning` once per ranker and model in this process. */
export function warnUnpaired(ranker: FusionRanker | null | undefined, modelId: string | undefined, log: (msg: string) => void): void {
  const key = `${ranker?.meta.id}\0${modelId}`;
  if (!ranker || !modelId || warned.has(key)) return;
  warned.add(key);
  const w = pairingWarning(ranker.meta, modelId);
  if (w) log(w);
}

export class FusionRanker {
  private constructor(readonly meta: FusionMeta, private readonly session: ort.InferenceSession) {}

  static async load(metaPath = defaultFusionPath()): Promise<FusionRanker> {
    const { path, meta } = readMetaFile<FusionMeta>(metaPath, { file: 'fusion ranker', meta: 'fusion metadata' }, FusionError);
    checkFusionMeta(meta);
    const graph = join(dirname(path), meta.onnx ?? path.replace(/^.*\//, '').replace(/\.json$/, '.onnx'));
    if (!existsSync(graph)) throw new FusionError(`fusion graph not found: ${graph}`);
    try {
      const session = await ort.InferenceSession.create(graph, { intraOpNumThreads: 1, interOpNumThreads: 1 });
      if (!session.inputNames.includes('features') || !session.outputNames.includes('score')) {
        throw new Error(`needs input "features" and output "score", has [${session.inputNames}] -> [${session.outputNames}]`);
      }
      return new FusionRanker(meta, session);
    } catch (e) {
      throw new FusionError(`cannot load fusion graph ${graph}: ${(e as Error).message}`);
    }
  }

  /** One logit per feature row. */
  async logits(rows: number[][]): Promise<Float32Array> {
    const f = FUSION_FEATURES.length;
    const data = new Float32Array(rows.length * f);
    rows.forEach((r, i) => data.set(r, i * f));
    const out = await this.session.run({ features: new ort.Tensor('float32', data, [rows.length, f]) });
    return out.score.data as Float32Array;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/** Softmax of `logits` over the lines marked in `code`; other lines 0. */
export function softmaxOver(logits: ArrayLike<number>, code: boolean[]): number[] {
  let max = -Infinity;
  for (let i = 0; i < code.length; i++) if (code[i]) max = Math.max(max, logits[i]);
  const out = new Array<number>(code.length).fill(0);
  if (max === -Infinity) return out;
  let sum = 0;
  for (let i = 0; i < code.length; i++) if (code[i]) sum += (out[i] = Math.exp(logits[i] - max));
  return out.map((v) => v / sum);
}

/**
 * Fused per-line scores (index i = line i + 1). `modelScores` exactly when there is no ranker, no
 * evidence or no failing test.
 */
export async function fuseScores(
  modelScores: number[], evidence: LineEvidence[] | null | undefined, ranker: FusionRanker | null | undefined, code?: boolean[],
  mutation?: LineMutation[],
): Promise<number[]> {
  if (!ranker || !evidence || !hasFailures(evidence) || !modelScores.length) return modelScores;
  const isCode = code ?? modelScores.map((s) => s > 0);
  const rows = fusionFeatures(modelScores, evidence, isCode, mutation);
  return softmaxOver(await ranker.logits(rows), isCode);
}

const loaded = new Map<string, Promise<FusionRanker | null>>();

/**
 * The ranker at `path` (default: the shipped one), loaded once; null when it is missing or does not
 * match, with one line through `log` saying so (scores then stay the model's).
 */
export function loadFusion(path: string | undefined = undefined, log: (msg: string) => void = () => undefined): Promise<FusionRanker | null> {
  path ??= defaultFusionPath();
  let p = loaded.get(path);
  if (!p) {
    p = FusionRanker.load(path).catch((e: Error) => {
      log(`${e.message}; test evidence is shown but scores stay the model's`);
      return null;
    });
    loaded.set(path, p);
  }
  return p;
}
