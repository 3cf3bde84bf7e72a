#!/usr/bin/python3
"""Dynamic int8 quantization of an exported graph's weight matrices, with the onnx package alone.

    /usr/bin/python3 models/train/quantize.py --model models/flare-python.json [--min-size 4096]

Both graphs named in the model's metadata are quantized to <graph>.int8.onnx beside them;
the metadata then names the int8 graphs (`encoder`, `head`), keeps the float ones under `floatGraphs`
(fine-tuning reads those: from_onnx.py) and records how in `quantization`; its id gets `-int8`.
Running it again quantizes the float graphs again.

Each MatMul whose second input is a constant 2-D weight [K, N] of at least --min-size values becomes
DynamicQuantizeLinear (the activations, uint8, one scale per call) -> MatMulInteger (weights int8,
symmetric, one scale per output column) -> Cast -> Mul by the two scales. The activation-by-activation
products (attention) and small weights stay float. onnxruntime runs uint8 x int8 products with the
processor's integer dot-product instructions (VNNI where present); on x86 processors without VNNI such
products can saturate. Activations get one scale per call, so a row's result depends on the other rows of
the call (windows encoded together): the shipped model stays float for that reason (README, "int8 graphs").
"""
import argparse
import json
import os
import re

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def quantize_weight(w):
    """int8 weights, symmetric per output column, and the column scales."""
    scale = np.abs(w).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def quantize(model, min_size=4096):
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    nodes, done = [], 0
    for node in g.node:
        w = inits.get(node.input[1]) if node.op_type == "MatMul" and len(node.input) == 2 else None
        arr = numpy_helper.to_array(w) if w is not None else None
        if arr is None or arr.ndim != 2 or arr.size < min_size or arr.dtype != np.float32:
            nodes.append(node)
            continue
        q, scale = quantize_weight(arr)
        p = f"{node.name or node.output[0]}_q"
        g.initializer.extend([
            numpy_helper.from_array(q, f"{p}/w"),
            numpy_helper.from_array(np.zeros(q.shape[1], dtype=np.int8), f"{p}/w_zero"),
            numpy_helper.from_array(scale, f"{p}/w_scale"),
        ])
        nodes += [
            helper.make_node("DynamicQuantizeLinear", [node.input[0]], [f"{p}/x", f"{p}/x_scale", f"{p}/x_zero"], name=f"{p}/dq"),
            helper.make_node("MatMulInteger", [f"{p}/x", f"{p}/w", f"{p}/x_zero", f"{p}/w_zero"], [f"{p}/int"], name=f"{p}/mm"),
            helper.make_node("Cast", [f"{p}/int"], [f"{p}/float"], to=TensorProto.FLOAT, name=f"{p}/cast"),
            helper.make_node("Mul", [f"{p}/x_scale", f"{p}/w_scale"], [f"{p}/scale"], name=f"{p}/scale"),
            helper.make_node("Mul", [f"{p}/float", f"{p}/scale"], [node.output[0]], name=f"{p}/out"),
        ]
        done += 1
    del g.node[:]
    g.node.extend(nodes)
    used = {x for n in g.node for x in n.input}
    keep = [i for i in g.initializer if i.name in used]
    del g.initializer[:]
    g.initializer.extend(keep)
    onnx.checker.check_model(model)
    return done


def quantize_model(meta_path, min_size):
    with open(meta_path) as f:
        meta = json.load(f)
    base = os.path.dirname(meta_path)
    floats = meta.get("floatGraphs") or {"encoder": meta["encoder"], "head": meta["head"]}
    products = {}
    for part in ("encoder", "head"):
        out = re.sub(r"\.onnx$", "", floats[part]) + ".int8.onnx"
        model = onnx.load(os.path.join(base, floats[part]))
        products[part] = quantize(model, min_size)
        onnx.save(model, os.path.join(base, out))
        print(f"{out}: {products[part]} weight products quantized to int8")
        meta[part] = out
    meta["floatGraphs"] = floats
    meta["id"] = re.sub(r"(-int8)?$", "-int8", meta["id"], count=1)
    meta["quantization"] = {
        "method": "dynamic int8: weights symmetric per output column, activations uint8 per call (DynamicQuantizeLinear + MatMulInteger)",
        "minWeightSize": min_size, "products": products, "tool": "models/train/quantize.py",
    }
    with open(meta_path, "w") as f:
        json.dump(meta, f, indent=1, ensure_ascii=False)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True, help="a model's metadata JSON: quantize both of its graphs and point it at them")
    ap.add_argument("--min-size", type=int, default=4096)
    a = ap.parse_args()
    quantize_model(a.model, a.min_size)


if __name__ == "__main__":
    main()
