/**
 * The trained model on disk: metadata JSON plus two ONNX graphs (window encoder, line head),
 * run with onnxruntime-node. Loading checks the metadata against THE featurizer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import {
  FEATURE_VERSION, IDENT_MAX, LINE_FEATURES, WINDOW_LINES, WINDOW_TOKENS, vocabHash, type Vocab, type Window,
} from './featurizer.js';

export interface ModelMeta {
  id: string;
  language: string;
  featureVersion: number;
  vocabHash: string;
  vocab: Vocab;
  windowTokens: number;
  windowLines: number;
  identMax: number;
  lineFeatures: number;
  bugKinds: string[];
  dim: number;
  encoder: string;
  head: string;
  [k: string]: unknown;
}

export class ModelError extends Error {}

/**
 * Read a metadata JSON file, throwing `Err` when it is missing (`what.file` names it then) or not
 * JSON (`what.meta`). Returns the resolved path with it.
 */
export function readMetaFile<T>(
  metaPath: string, what: { file: string; meta: string }, Err: new (message: string) => Error,
): { path: string; meta: T } {
  const path = resolve(metaPath);
  if (!existsSync(path)) throw new Err(`${what.file} not found: ${path}`);
  try {
    return { path, meta: JSON.parse(readFileSync(path, 'utf8')) as T };
  } catch (e) {
    throw new Err(`${what.meta} ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

/** Repository root (this file lives in dist/server/src/diagnose/ or server/src/diagnose/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'models'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

export function defaultModelPath(language = 'python'): string {
  return join(packageRoot(), 'models', `flare-${language}.json`);
}

/** Check a model's metadata against the featurizer compiled into this program. */
export function checkCompatible(meta: ModelMeta): void {
  const problems: string[] = [];
  if (meta.featureVersion !== FEATURE_VERSION) problems.push(`feature version ${meta.featureVersion} (featurizer has ${FEATURE_VERSION})`);
  if (!meta.vocab || vocabHash(meta.vocab) !== meta.vocabHash) problems.push('vocabulary hash does not match its vocabulary');
  if (meta.windowTokens !== WINDOW_TOKENS || meta.windowLines !== WINDOW_LINES) problems.push('window shape differs');
  if (meta.identMax !== IDENT_MAX || meta.lineFeatures !== LINE_FEATURES) problems.push('feature shape differs');
  if (problems.length) {
    throw new ModelError(`model ${meta.id ?? '?'} does not match this featurizer: ${problems.join('; ')}. Retrain it (models/train) or use a matching flare-ls.`);
  }
}

export interface HeadOutput {
  logits: Float32Array;
  nobug: number;
  kinds: Float32Array;
}

export class LineModel {
  private constructor(
    readonly meta: ModelMeta,
    private readonly encoder: ort.InferenceSession,
    private readonly head: ort.InferenceSession,
  ) {}

  static async load(metaPath: string, threads = 1): Promise<LineModel> {
    const { path, meta } = readMetaFile<ModelMeta>(metaPath, { file: 'model file', meta: 'model metadata' }, ModelError);
    checkCompatible(meta);
    const opts: ort.InferenceSession.SessionOptions = {
      intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential',
    };
    const open = async (file: string) => {
      const p = join(dirname(path), file);
      if (!existsSync(p)) throw new ModelError(`model graph not found: ${p}`);
      try {
        return await ort.InferenceSession.create(p, opts);
      } catch (e) {
        throw new ModelError(`cannot load model graph ${p}: ${(e as Error).message}`);
      }
    };
    return new LineModel(meta, await open(meta.encoder), await open(meta.head));
  }

  get dim(): number { return this.meta.dim; }

  /** Encode windows; returns one [WINDOW_LINES * dim] vector block per window. */
  async encode(windows: Window[]): Promise<Float32Array[]> {
    if (!windows.length) return [];
    const t = Math.max(...windows.map((w) => w.ids.length));
    const b = windows.length;
    const ids = new BigInt64Array(b * t);
    const idents = new BigInt64Array(b * t);
    const slots = new BigInt64Array(b * t).fill(BigInt(WINDOW_LINES));
    windows.forEach((w, k) => {
      for (let i = 0; i < w.ids.length; i++) {
        ids[k * t + i] = BigInt(w.ids[i]);
        idents[k * t + i] = BigInt(w.idents[i]);
        slots[k * t + i] = BigInt(w.slots[i]);
      }
    });
    const out = await this.encoder.run({
      token_ids: new ort.Tensor('int64', ids, [b, t]),
      ident_ids: new ort.Tensor('int64', idents, [b, t]),
      line_slot: new ort.Tensor('int64', slots, [b, t]),
    });
    const data = out.line_vecs.data as Float32Array;
    const block = WINDOW_LINES * this.dim;
    return windows.map((_, k) => data.slice(k * block, (k + 1) * block));
  }

  /** Run the line head over one file's candidate lines. */
  async runHead(lineVecs: Float32Array, lineFeats: Float32Array, nLines: number): Promise<HeadOutput> {
    const out = await this.head.run({
      line_vecs: new ort.Tensor('float32', lineVecs, [nLines, this.dim]),
      line_feats: new ort.Tensor('float32', lineFeats, [nLines, LINE_FEATURES]),
    });
    return {
      logits: out.line_logits.data as Float32Array,
      nobug: (out.nobug_logit.data as Float32Array)[0],
      kinds: out.kind_logits.data as Float32Array,
    };
  }

  async release(): Promise<void> {
    await this.encoder.release();
    await this.head.release();
  }
}
