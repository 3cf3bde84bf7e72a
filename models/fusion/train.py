#!/usr/bin/python3
"""Train the fusion ranker on executed-mutant rows and export it to ONNX.

Runs with Debian's interpreter (/usr/bin/python3) and python3-torch:
    /usr/bin/python3 models/fusion/train.py --data models/data/fusion --out models
Reads <data>/train.jsonl, <data>/val.jsonl and <data>/meta.json (written by dist/models/fusion/gen.js).
A small MLP scores each line from its feature row; the loss is a listwise softmax cross-entropy per
mutant file over its code lines, the target spread evenly over the mutated lines. Writes
<out>/<name>.onnx (input `features` float32 [n, F], output `score` float32 [n]), <out>/<name>.json
(metadata, held-out metrics) and <out>/<name>.parity.json (inputs and PyTorch outputs for the Node check).
"""
import argparse
import hashlib
import json
import math
import os
import random
import time

import numpy as np
import torch


def parse_args(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--data", nargs="+", default=["models/data/fusion"],
                   help="data folders; several (same seed and features, e.g. gen.js --from) are read as one")
    p.add_argument("--out", default="models")
    p.add_argument("--name", default="flare-fusion")
    p.add_argument("--hidden", type=int, default=32)
    p.add_argument("--epochs", type=int, default=150)
    p.add_argument("--batch", type=int, default=32, help="files per step")
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--weight-decay", type=float, default=1e-4)
    p.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (0 = all epochs)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--members", type=int, default=1,
                   help="train this many rankers (seeds seed, seed+1, ...) and export the mean of their logits")
    p.add_argument("--context", action="store_true",
                   help="also give each line every feature's file maximum over code lines and its gap to it")
    p.add_argument("--neighbours", action="store_true",
                   help="also give each line the feature rows of the lines just above and below it")
    p.add_argument("--threads", type=int, default=1)
    return p.parse_args(argv)


def load_files(path, names):
    """Rows grouped by (program, mutant) -> list of dicts with x [n, F], y [n], code [n], program."""
    groups = {}
    if not os.path.exists(path):
        return []
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            key = (r["program"], r["mutant"], r.get("view", "all"))
            g = groups.setdefault(key, {"program": r["program"], "mutant": r["mutant"], "op": r["op"], "view": key[2], "rows": []})
            g["rows"].append((r["line"], r["features"], r["label"]))
    code_i = names.index("is_code")
    out = []
    for key in sorted(groups):
        g = groups[key]
        g["rows"].sort()
        x = np.array([r[1] for r in g["rows"]], dtype=np.float32)
        y = np.array([r[2] for r in g["rows"]], dtype=np.float32)
        code = x[:, code_i] > 0.5
        if not (y[code] > 0).any():
            continue
        out.append({"program": g["program"], "mutant": g["mutant"], "op": g["op"], "view": g["view"], "x": x, "y": y, "code": code})
    return out


def onnx_hash(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:8]


def line_models(recipe):
    """Ids of the line models that scored the data (one recipe, or a list of them for several folders)."""
    recipes = recipe if isinstance(recipe, list) else [recipe]
    return sorted({r["modelId"] for r in recipes if isinstance(r, dict) and r.get("modelId")})


def load_data(folders):
    """Meta, train and val files of one or more data folders. Folders must share the seed and the
    features, and each program must be on the same side of the split in all of them (a folder made
    later for new programs may come from a larger corpus, whose split differs for programs it does
    not hold); their mutant counts add up and their recipes are listed."""
    metas = []
    for d in folders:
        path = os.path.join(d, "meta.json")
        if not os.path.exists(path):
            raise SystemExit(f"{path} not found (run dist/models/fusion/gen.js --out {d} first)")
        with open(path) as f:
            metas.append(json.load(f))
    first = metas[0]
    for d, m in zip(folders[1:], metas[1:]):
        for key in ("features", "seed", "featureVersion"):
            if m.get(key) != first.get(key):
                raise SystemExit(f"{d}: {key} differs from {folders[0]}; these folders cannot be combined")
    train, val = [], []
    split_of = {}  # program -> (split, folder): a program is held out in every folder or in none
    for d in folders:
        for split, into in (("train", train), ("val", val)):
            files = load_files(os.path.join(d, f"{split}.jsonl"), first["features"])
            for g in files:
                seen = split_of.setdefault(g["program"], (split, d))
                if seen[0] != split:
                    raise SystemExit(f"{d}: program {g['program']} is in its {split} split but in the {seen[0]} split of "
                                     f"{seen[1]}; these folders cannot be combined")
            into += files
    if len(metas) == 1:
        return first, train, val
    meta = dict(first)
    meta["validationPrograms"] = sorted(p for p, (split, _) in split_of.items() if split == "val")
    meta["recipe"] = [m.get("recipe") for m in metas]
    meta["counts"] = {k: sum(m.get("counts", {}).get(k, 0) for m in metas) for k in first.get("counts", {})}
    return meta, train, val


class Ranker(torch.nn.Module):
    """An MLP per line. With `code_index` set (file context), each line's row is extended inside the
    graph with every feature's maximum over the file's code lines and the line's gap to it, so a line
    is scored against the rest of its file (rows [n, F] of one file, or [B, n, F] padded with zeros)."""

    def __init__(self, n_features, hidden, code_index=None, neighbours=False):
        super().__init__()
        self.code_index = code_index
        self.neighbours = neighbours
        n_in = n_features * ((3 if code_index is not None else 1) + (2 if neighbours else 0))
        self.net = torch.nn.Sequential(
            torch.nn.Linear(n_in, hidden), torch.nn.ReLU(),
            torch.nn.Linear(hidden, hidden), torch.nn.ReLU(),
            torch.nn.Linear(hidden, 1),
        )

    def forward(self, features):
        rows = features
        if self.neighbours:
            # The rows of the lines above and below (zeros past the file's ends; rows come in line order).
            edge = torch.zeros_like(features[..., :1, :])
            above = torch.cat([edge, features[..., :-1, :]], dim=-2)
            below = torch.cat([features[..., 1:, :], edge], dim=-2)
            rows = torch.cat([features, above, below], dim=-1)
        if self.code_index is not None:
            code = (features[..., self.code_index:self.code_index + 1] > 0.5).to(features.dtype)
            # Non-code rows sit far below every real value, so they never set the maximum.
            top = (features - (1.0 - code) * 1e4).max(dim=-2, keepdim=True).values
            top = top.expand_as(features)
            rows = torch.cat([rows, top, features - top], dim=-1)
        return self.net(rows).squeeze(-1)


class Ensemble(torch.nn.Module):
    """The mean of several rankers' logits: one graph, the same input and output as one ranker."""

    def __init__(self, members):
        super().__init__()
        self.members = torch.nn.ModuleList(members)

    def forward(self, features):
        return torch.stack([m(features) for m in self.members]).mean(dim=0)


def pad(files):
    """Batch tensors: x [B, L, F], target [B, L] (sums to 1 per file), mask [B, L] (code lines)."""
    n = max(len(f["y"]) for f in files)
    n_feat = files[0]["x"].shape[1]
    x = np.zeros((len(files), n, n_feat), dtype=np.float32)
    t = np.zeros((len(files), n), dtype=np.float32)
    m = np.zeros((len(files), n), dtype=bool)
    for i, f in enumerate(files):
        k = len(f["y"])
        x[i, :k] = f["x"]
        m[i, :k] = f["code"]
        hit = f["y"] * f["code"]
        t[i, :k] = hit / hit.sum()
    return torch.from_numpy(x), torch.from_numpy(t), torch.from_numpy(m)


def listwise_loss(logits, target, mask):
    logits = logits.masked_fill(~mask, -1e9)
    logp = torch.log_softmax(logits, dim=1)
    return -(target * logp.masked_fill(~mask, 0.0)).sum(dim=1).mean()


def hit_chance(scores, faults, k):
    """Chance that a fault line is among the first k when lines with equal scores come in random order."""
    groups = {}
    for s, f in zip(scores, faults):
        g = groups.setdefault(float(s), [0, 0])
        g[0] += 1
        g[1] += int(f)
    miss, pos = 1.0, 0
    for s in sorted(groups, reverse=True):
        if pos >= k:
            break
        n, f = groups[s]
        slots = min(k - pos, n)
        miss *= math.comb(n - f, slots) / math.comb(n, slots)
        pos += n
    return 1.0 - miss


def topk(files, score_fn, ks=(1, 3, 5)):
    """Share of files with a mutated line among the k best code lines (ties in random order, expected value)."""
    hits = {k: 0.0 for k in ks}
    for f in files:
        s = np.asarray(score_fn(f))[f["code"]]
        faults = f["y"][f["code"]] > 0
        for k in ks:
            hits[k] += hit_chance(s, faults, k)
    n = max(1, len(files))
    return {f"top{k}": round(hits[k] / n, 4) for k in ks}


def evaluate(model, files, names):
    """Top-k of fused vs model-only vs Ochiai-only (and Metallaxis-only where mutants ran) on the 'all'
    view (every test, no mutation evidence), per view, and fused per bug operator."""
    mi, oi = names.index("model_prob"), names.index("ochiai")
    with torch.no_grad():
        fused_of = {id(f): model(torch.from_numpy(f["x"])).numpy() for f in files}

    def fused(f):
        return fused_of[id(f)]

    def one(group):
        out = {
            "files": len(group), "programs": len({f["program"] for f in group}),
            "fused": topk(group, fused), "model": topk(group, lambda f: f["x"][:, mi]), "ochiai": topk(group, lambda f: f["x"][:, oi]),
        }
        if "metallaxis" in names and any(f["x"][:, names.index("mut_tried")].any() for f in group):
            xi = names.index("metallaxis")
            out["metallaxis"] = topk(group, lambda f: f["x"][:, xi])
        return out

    groups = {}
    for f in files:
        groups.setdefault(f["view"], []).append(f)
    views = {v: one(groups[v]) for v in sorted(groups)}
    out = dict(views.get("all") or one([]))
    out["views"] = views
    # Fused Top-k by the operator that made the mutant, with and without mutation evidence.
    out["byOperator"] = {}
    for v in ("all", "all+mut"):
        by_op = {}
        for f in groups.get(v, []):
            by_op.setdefault(f["op"], []).append(f)
        out["byOperator"][v] = {op: {"files": len(fs), **topk(fs, fused)} for op, fs in sorted(by_op.items())}
    return out


def train_one(train, names, args, seed):
    """One ranker from its own seed (initial weights and file order); returns (model, steps, last loss)."""
    torch.manual_seed(seed)
    model = Ranker(len(names), args.hidden, names.index("is_code") if args.context else None, args.neighbours)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    steps = 0
    rng = random.Random(seed)
    order = list(range(len(train)))
    last_loss = float("nan")
    for epoch in range(args.epochs):
        rng.shuffle(order)
        for s in range(0, len(order), args.batch):
            x, t, m = pad([train[i] for i in order[s:s + args.batch]])
            loss = listwise_loss(model(x), t, m)
            opt.zero_grad()
            loss.backward()
            opt.step()
            last_loss = loss.item()
            steps += 1
            if args.max_steps and steps >= args.max_steps:
                break
        if args.max_steps and steps >= args.max_steps:
            break
    model.eval()
    return model, steps, last_loss


def main():
    args = parse_args()
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    if args.members < 1:
        raise SystemExit(f"--members must be 1 or more, not {args.members}")
    data_meta, train, val = load_data(args.data)
    names = data_meta["features"]
    if not train:
        raise SystemExit(f"no training files in {', '.join(args.data)} (run dist/models/fusion/gen.js first)")
    t0 = time.time()
    rankers, step_counts, losses = zip(*(train_one(train, names, args, args.seed + i) for i in range(args.members)))
    seconds = round(time.time() - t0, 1)
    steps = sum(step_counts)
    last_loss = losses[-1]
    model = rankers[0] if args.members == 1 else Ensemble(rankers)
    metrics = {"validation": evaluate(model, val, names), "train": evaluate(model, train, names)}
    if args.members > 1:
        metrics["memberValidation"] = [
            {"seed": args.seed + i, "views": {v: r["fused"] for v, r in evaluate(ranker, val, names)["views"].items()}}
            for i, ranker in enumerate(rankers)]
    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, f"{args.name}.onnx")
    torch.onnx.export(model, torch.rand(7, len(names)), onnx_path, opset_version=13,
                      input_names=["features"], output_names=["score"],
                      dynamic_axes={"features": {0: "n"}, "score": {0: "n"}})
    parity = []
    with torch.no_grad():
        for f in (val or train)[:8]:
            parity.append({"program": f["program"], "mutant": f["mutant"], "features": f["x"].tolist(),
                           "score": model(torch.from_numpy(f["x"])).tolist()})
    with open(os.path.join(args.out, f"{args.name}.parity.json"), "w") as f:
        json.dump(parity, f)
    members_tag = ("c" if args.context else "") + ("n" if args.neighbours else "") + (f"x{args.members}" if args.members > 1 else "")
    meta = {
        # The ONNX file's hash keeps two rankers trained on one day with one seed apart.
        "id": f"{args.name}-{time.strftime('%Y%m%d')}-s{args.seed}{members_tag}-{onnx_hash(onnx_path)}",
        "featureVersion": data_meta["featureVersion"],
        "features": names,
        "onnx": f"{args.name}.onnx",
        # The line models whose scores the rows hold: the runtime warns when another one is loaded.
        "lineModels": line_models(data_meta.get("recipe")),
        "recipe": {
            "data": data_meta.get("recipe"), "dataSeed": data_meta.get("seed"),
            "validationPrograms": data_meta.get("validationPrograms"),
            "model": (f"MLP {rankers[0].net[0].in_features}->{args.hidden}->{args.hidden}->1 (ReLU), one logit per line"
                      + ("; its input is the line's features, each feature's maximum over the file's code lines, and the gap to it"
                         if args.context else "")
                      + ("; and the rows of the lines just above and below it" if args.neighbours else "")
                      + (f"; the mean of {args.members} such MLPs' logits (seeds {args.seed}-{args.seed + args.members - 1})"
                         if args.members > 1 else "")
                      + "; fused = softmax over the file's code lines"),
            "loss": "listwise softmax cross-entropy per mutant file over its code lines, target uniform over the mutated lines",
            "optimizer": f"AdamW lr={args.lr} weight_decay={args.weight_decay} batch={args.batch} files",
            "epochs": args.epochs, "steps": steps, "trainer": "models/fusion/train.py (/usr/bin/python3, torch " + torch.__version__ + ")",
        },
        "seed": args.seed,
        "members": args.members,
        "context": args.context,
        "neighbours": args.neighbours,
        "counts": {
            "trainFiles": len(train), "trainPrograms": len({f["program"] for f in train}),
            "valFiles": len(val), "valPrograms": len({f["program"] for f in val}),
            "trainLines": int(sum(len(f["y"]) for f in train)), "mutants": data_meta.get("counts"),
        },
        "training": {"seconds": seconds, "steps": steps, "finalLoss": round(last_loss, 4)},
        "metrics": metrics,
        "metricsNote": "validation = held-out programs (never trained on); top-k with ties in random order (expected value), as bench/localize reports it; model = the shipped model's score alone, ochiai = Ochiai alone",
    }
    with open(os.path.join(args.out, f"{args.name}.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    print(json.dumps({"steps": steps, "seconds": seconds, "loss": meta["training"]["finalLoss"], "validation": metrics["validation"]}))


if __name__ == "__main__":
    main()
