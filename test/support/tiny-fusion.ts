/**
 * A tiny real fusion ranker for tests: a 2-layer MLP with fixed random weights, exported to ONNX by
 * PyTorch (Debian's python3), with its metadata. Also returns PyTorch's logits for given rows.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUSION_FEATURES, FUSION_FEATURE_VERSION } from '../../server/src/diagnose/evidence.js';

export const TORCH_PY = '/usr/bin/python3';

export const hasTorch = (() => {
  try { execFileSync(TORCH_PY, ['-c', 'import torch'], { stdio: 'ignore' }); return true; } catch { return false; }
})();

const EXPORT = `
import json, sys, torch
torch.manual_seed(7)
f = ${FUSION_FEATURES.length}
net = torch.nn.Sequential(torch.nn.Linear(f, 6), torch.nn.ReLU(), torch.nn.Linear(6, 1))
class Ranker(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.net = net
    def forward(self, features):
        return self.net(features).squeeze(-1)
m = Ranker().eval()
rows = torch.tensor(json.load(open(sys.argv[2])), dtype=torch.float32)
torch.onnx.export(m, (rows,), sys.argv[1] + ".onnx", input_names=["features"], output_names=["score"],
                  dynamic_axes={"features": {0: "n"}, "score": {0: "n"}}, opset_version=13)
with torch.no_grad():
    json.dump(m(rows).tolist(), open(sys.argv[1] + ".expected.json", "w"))
`;

/** Write `<dir>/<name>.onnx` + `.json`; returns the metadata path and PyTorch's logits for `rows`. */
export function writeTinyRanker(dir: string, name: string, rows: number[][]): { meta: string; expected: number[] } {
  const rowsFile = join(dir, `${name}.rows.json`);
  writeFileSync(rowsFile, JSON.stringify(rows.length ? rows : [new Array(FUSION_FEATURES.length).fill(0)]));
  execFileSync(TORCH_PY, ['-c', EXPORT, join(dir, name), rowsFile], { stdio: 'pipe' });
  const meta = join(dir, `${name}.json`);
  writeFileSync(meta, JSON.stringify({ id: name, featureVersion: FUSION_FEATURE_VERSION, features: [...FUSION_FEATURES], recipe: 'test', metrics: {} }));
  return { meta, expected: JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) };
}
