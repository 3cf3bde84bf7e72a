/**
 * Worker thread that owns the Diagnoser (tree-sitter, featurizer, onnxruntime), so parsing and
 * scoring never block the server's message loop. It handles one message at a time, in order.
 * Messages are defined in engine.ts.
 */
import { parentPort } from 'node:worker_threads';
import { Diagnoser, InputError } from '../diagnose/diagnoser.js';
import { ModelError } from '../diagnose/model.js';
import { readThresholds } from '../diagnose/threshold.js';
import { languageFor } from '../language/index.js';
import type { EngineError, EngineReply, EngineRequest, WarmResult, ScoreResult } from './engine.js';

const port = parentPort;
if (!port) throw new Error('flare-ls worker must run in a worker thread');

let modelPath: string | undefined;
let cacheSize: number | undefined;
let diagnoser = new Diagnoser();

async function warm(language: string): Promise<WarmResult> {
  const adapter = languageFor(language);
  if (!adapter) throw new InputError(`not a supported language: ${language}`);
  await adapter.init();
  const scorer = await diagnoser.scorer(adapter.id);
  return { model: scorer.model.meta.id };
}

async function score(text: string, language: string): Promise<ScoreResult> {
  const t0 = performance.now();
  const d = await diagnoser.diagnose(text, language);
  const meta = (await diagnoser.scorer(d.language)).model.meta;
  return {
    model: d.model,
    noBug: d.noBug,
    lines: d.lines,
    encoded: d.encoded,
    modelThreshold: readThresholds(meta),
    ms: performance.now() - t0,
  };
}

function describe(e: unknown): EngineError {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof ModelError) return { kind: 'model', message };
  if (e instanceof InputError) return { kind: 'input', message };
  return { kind: 'internal', message: e instanceof Error && e.stack ? e.stack : message };
}

async function handle(req: EngineRequest): Promise<EngineReply | undefined> {
  switch (req.type) {
    case 'configure':
      if (req.modelPath !== modelPath || req.cacheSize !== cacheSize) {
        modelPath = req.modelPath;
        cacheSize = req.cacheSize;
        diagnoser = new Diagnoser({ modelPath, cacheSize });
      }
      return undefined;
    case 'warm':
      return { id: req.id, ok: true, value: await warm(req.language) };
    case 'score':
      return { id: req.id, ok: true, value: await score(req.text, req.language) };
    case 'close':
      // Everything queued before this message is done: safe to terminate.
      return { id: req.id, ok: true, value: null };
  }
}

let chain: Promise<void> = Promise.resolve();
port.on('message', (req: EngineRequest) => {
  chain = chain.then(async () => {
    let reply: EngineReply | undefined;
    try {
      reply = await handle(req);
    } catch (e) {
      reply = 'id' in req ? { id: req.id, ok: false, error: describe(e) } : undefined;
    }
    if (reply) port.postMessage(reply);
  });
});
