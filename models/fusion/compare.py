#!/usr/bin/python3
"""Score the same held-out mutants with two kinds of evidence, using one ranker recipe.

    /usr/bin/python3 models/fusion/compare.py --data models/data/fusion4 models/data/fusion4b \
        models/data/fusion5val/*/ --a models/data/fusion4 models/data/fusion5val/*/ --b models/data/pl16 \
        --max-mutant 10 [--out result.json]

Trains the ranker of train.py's defaults (seed 1: bit for bit the ranker that recipe exports) on --data,
then reads every file of the held-out programs from the folders of --a and of --b (train.jsonl and
val.jsonl both: a folder made for a few programs may split them differently), keeps the files present in
both (same program, mutant and view) with a mutant index below --max-mutant, and prints Top-k per view for
A and B. Used to decide run-time evidence settings (changes per line, run caps) without retraining.
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train as T  # noqa: E402


def held_files(folders, names, held, max_mutant):
    out = {}
    for d in folders:
        for split in ("train", "val"):
            for f in T.load_files(os.path.join(d, f"{split}.jsonl"), names):
                if f["program"] in held and f["mutant"] < max_mutant:
                    out[(f["program"], f["mutant"], f["view"])] = f
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", nargs="+", required=True, help="training folders (as train.py --data)")
    p.add_argument("--a", nargs="+", required=True, help="folders with evidence A")
    p.add_argument("--b", nargs="+", required=True, help="folders with evidence B")
    p.add_argument("--max-mutant", type=int, default=1 << 30)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--out", default="")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    recipe = T.parse_args([])  # train.py's defaults
    meta, train, val = T.load_data(args.data)
    names = meta["features"]
    model, _, _ = T.train_one(train, names, recipe, recipe.seed)
    held = set(meta["validationPrograms"])
    a = held_files(args.a, names, held, args.max_mutant)
    b = held_files(args.b, names, held, args.max_mutant)
    keys = sorted(set(a) & set(b))
    result = {"ranker": "train.py defaults, seed %d" % recipe.seed, "filesA": len(a), "filesB": len(b), "views": {}}
    for view in sorted({k[2] for k in keys}):
        ks = [k for k in keys if k[2] == view]
        ra = T.evaluate(model, [a[k] for k in ks], names)["views"][view]
        rb = T.evaluate(model, [b[k] for k in ks], names)["views"][view]
        result["views"][view] = {"files": len(ks), "a": ra["fused"], "b": rb["fused"],
                                 "metallaxisA": ra.get("metallaxis"), "metallaxisB": rb.get("metallaxis")}
        print(f"{view:9} {len(ks):4} files  A {ra['fused']}  B {rb['fused']}")
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
