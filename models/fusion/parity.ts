/**
 * Node-side check of an exported fusion ranker: load it the way the runtime does (FusionRanker, which
 * also checks its feature names and version) and compare its logits with PyTorch's on the rows the
 * trainer saved. Usage: node dist/models/fusion/parity.js [models/flare-fusion.json] [--tolerance 1e-4]
 */
import { readFileSync } from 'node:fs';
import { FusionRanker } from '../../server/src/diagnose/fusion.js';

export interface ParityResult {
  files: number;
  lines: number;
  maxDiff: number;
}

/** Largest |ONNX - PyTorch| over the saved rows (`<name>.parity.json` next to the metadata). */
export async function checkParity(metaPath: string): Promise<ParityResult> {
  const ranker = await FusionRanker.load(metaPath);
  try {
    const saved = JSON.parse(readFileSync(metaPath.replace(/\.json$/, '.parity.json'), 'utf8')) as { features: number[][]; score: number[] }[];
    let maxDiff = 0;
    let lines = 0;
    for (const s of saved) {
      const got = await ranker.logits(s.features);
      s.score.forEach((v, i) => { maxDiff = Math.max(maxDiff, Math.abs(got[i] - v)); });
      lines += s.score.length;
    }
    return { files: saved.length, lines, maxDiff };
  } finally {
    await ranker.release();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const t = args.indexOf('--tolerance');
  const tolerance = t >= 0 ? Number(args[t + 1]) : 1e-4;
  const meta = args.find((a, i) => !a.startsWith('--') && (t < 0 || i !== t + 1)) ?? 'models/flare-fusion.json';
  const r = await checkParity(meta);
  const ok = r.files > 0 && r.maxDiff <= tolerance;
  process.stdout.write(`${meta}: ${r.files} files, ${r.lines} lines, max |onnx - torch| = ${r.maxDiff.toExponential(2)} ${ok ? 'OK' : 'FAIL'} (tolerance ${tolerance})\n`);
  if (!ok) process.exit(1);
}

if (process.argv[1]?.endsWith('parity.js')) {
  main().catch((e) => { process.stderr.write(`fusion parity: ${(e as Error).message}\n`); process.exit(1); });
}
