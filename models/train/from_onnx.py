"""Recover trainable weights from an exported model, so that it can be fine-tuned.

    /usr/bin/python3 models/train/from_onnx.py models/flare-python.json OUT.npz

torch.onnx.export keeps parameter names, except for the weights of linear layers, which it folds into
transposed constants (onnx::MatMul_N). Each of those feeds a MatMul whose result gets the layer's bias
added, and the bias keeps its name: the weight is named after it and transposed back.
Writes OUT.npz + OUT.npz.json (the format of train.py --state-out) for train.py --init.
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import numpy_helper


def weights(graph):
    inits = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    out = {k: v for k, v in inits.items() if not k.startswith("onnx::")}
    consumers = {}
    for node in graph.node:
        for x in node.input:
            consumers.setdefault(x, []).append(node)
    for node in graph.node:
        if node.op_type != "MatMul" or node.input[1] not in inits or not node.input[1].startswith("onnx::"):
            continue
        adds = [n for n in consumers.get(node.output[0], []) if n.op_type == "Add"]
        bias = [x for n in adds for x in n.input if x.endswith(".bias") and x in inits]
        if len(bias) != 1:
            raise SystemExit(f"cannot name the weight {node.input[1]} (no single bias after it)")
        out[bias[0][: -len(".bias")] + ".weight"] = inits[node.input[1]].T.copy()
    return out


def main():
    meta_path, out = sys.argv[1], sys.argv[2]
    with open(meta_path, encoding="utf-8") as f:
        meta = json.load(f)
    base = os.path.dirname(meta_path)
    state = {}
    # The encoder graph is exported from the model's `encoder` module, the head graph from a wrapper
    # that keeps the `head.` prefix.
    for part, prefix in (("encoder", "encoder."), ("head", "")):
        graph = meta.get("floatGraphs", meta)[part]  # a quantized model keeps its float graphs
        for k, v in weights(onnx.load(os.path.join(base, graph)).graph).items():
            state[prefix + k] = v
    np.savez(out, **state)
    info = {k: meta[k] for k in ("id", "training", "heldOut") if k in meta}
    info["recoveredFrom"] = os.path.basename(meta_path)
    with open(out + ".json", "w", encoding="utf-8") as f:
        json.dump(info, f, indent=1)
    print(f"{len(state)} tensors -> {out}")


if __name__ == "__main__":
    main()
