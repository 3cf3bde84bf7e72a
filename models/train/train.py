#!/usr/bin/python3
"""Train the line-suspiciousness model from generated shards and export it to ONNX.

Runs with Debian's interpreter (/usr/bin/python3) and python3-torch:
    /usr/bin/python3 models/train/train.py --data models/data --out models --minutes 100
Writes <out>/<name>.encoder.onnx, <out>/<name>.head.onnx and <out>/<name>.json (metadata).
"""
import argparse
import hashlib
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import batches, collate, load, read_json, read_recipe  # noqa: E402
from model import Encoder, Head, HeadForExport  # noqa: E402


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="models/data")
    p.add_argument("--out", default="models")
    p.add_argument("--name", default="flare-python")
    p.add_argument("--minutes", type=float, default=100.0)
    p.add_argument("--max-steps", type=int, default=0)
    p.add_argument("--d", type=int, default=128)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--head-layers", type=int, default=2)
    p.add_argument("--batch-tokens", type=int, default=8192)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--eval-every", type=float, default=10.0, help="minutes between validations")
    p.add_argument("--val-limit", type=int, default=4000)
    p.add_argument("--device", default="cpu", help="cpu, or cuda when a GPU is at hand (optional)")
    p.add_argument("--workers", type=int, default=0, help="batch-building worker processes")
    p.add_argument("--state-out", default="", help="also save the best weights as .npz")
    p.add_argument("--no-export", action="store_true", help="only save weights (--state-out)")
    p.add_argument("--export-from", default="", help="skip training: export weights from this .npz")
    p.add_argument("--repeat", action="append", default=[], metavar="PREFIX=N",
                   help="draw the samples of train shards whose name starts with PREFIX N times per epoch (mixing a small "
                        "data set, e.g. trainP*, into a large one)")
    p.add_argument("--init", default="", help="start from these weights (.npz, e.g. from from_onnx.py) to fine-tune")
    return p.parse_args()


class Model(torch.nn.Module):
    def __init__(self, recipe, vocab_size, a, n_kinds):
        super().__init__()
        self.window_lines = recipe["windowLines"]
        self.encoder = Encoder(vocab_size, a.d, a.heads, a.layers, recipe["windowTokens"], recipe["windowLines"], recipe["identMax"])
        self.head = Head(a.d, a.heads, a.head_layers, recipe["lineFeatures"], n_kinds)

    def forward(self, tok, idn, slot, ref, feats, mask):
        pooled = self.encoder(tok, idn, slot)  # [W, LW, d]
        flat = pooled.reshape(-1, pooled.shape[-1])
        flat = torch.cat([flat, flat.new_zeros(1, flat.shape[1])], 0)
        return self.head(flat[ref], feats, mask)


def loss_fn(logits, nobug, kinds_logits, mask, target, kinds):
    masked = logits + (1.0 - mask) * -1e4
    all_logits = torch.cat([masked, nobug.unsqueeze(1)], 1)
    logp = torch.log_softmax(all_logits, 1)
    n_bug = target.sum(1, keepdim=True)
    clean = (n_bug == 0).float()
    dist = torch.cat([target / n_bug.clamp(min=1.0), clean], 1)
    listwise = -(dist * logp).sum(1).mean()
    bce = (F.binary_cross_entropy_with_logits(logits, target, reduction="none") * mask).sum() / mask.sum()
    bug_lines = (target > 0) & (kinds.unsqueeze(1) >= 0)
    if bug_lines.any():
        k = kinds.unsqueeze(1).expand_as(target)[bug_lines]
        kind_loss = F.cross_entropy(kinds_logits[bug_lines], k)
    else:
        kind_loss = logits.new_zeros(())
    return listwise + 0.2 * bce + 0.1 * kind_loss


def auroc(pos, neg):
    if not pos or not neg:
        return float("nan")
    scores = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg])
    rank_sum, i = 0.0, 0
    while i < len(scores):
        j = i
        while j < len(scores) and scores[j][0] == scores[i][0]:
            j += 1
        avg = (i + j + 1) / 2.0
        rank_sum += avg * sum(1 for k in range(i, j) if scores[k][1])
        i = j
    return (rank_sum - len(pos) * (len(pos) + 1) / 2.0) / (len(pos) * len(neg))


@torch.no_grad()
def evaluate(model, shards, window_lines, limit, device="cpu"):
    model.eval()
    hits = {1: 0, 3: 0, 5: 0}
    n_bug = 0
    pos, neg = [], []
    seen = 0
    for group in batches(shards, 16384, random.Random(0), shuffle=False):
        tok, idn, slot, ref, feats, mask, target, kinds = [x.to(device) for x in collate(shards, group, window_lines)]
        logits, nobug, _ = model(tok, idn, slot, ref, feats, mask)
        masked = logits + (1.0 - mask) * -1e4
        p_nobug = torch.softmax(torch.cat([masked, nobug.unsqueeze(1)], 1), 1)[:, -1]
        for j in range(len(group)):
            if target[j].sum() > 0:
                n_bug += 1
                order = torch.argsort(masked[j], descending=True)
                first = int(torch.nonzero(target[j][order])[0])
                for k in hits:
                    hits[k] += first < k
                pos.append(1.0 - float(p_nobug[j]))
            else:
                neg.append(1.0 - float(p_nobug[j]))
        seen += len(group)
        if seen >= limit:
            break
    model.train()
    out = {f"top{k}": hits[k] / max(1, n_bug) for k in hits}
    out.update({"buggy": n_bug, "clean": len(neg), "noBugAuroc": auroc(pos, neg)})
    return out


def graphs_hash(*paths):
    h = hashlib.sha256()
    for p in paths:
        with open(p, "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:8]


def export(model, recipe, vocab, args, path_base, metrics, train_info):
    model.eval()
    d = args.d
    enc_path, head_path = path_base + ".encoder.onnx", path_base + ".head.onnx"
    t = 40
    tok = torch.randint(1, 50, (2, t))
    idn = torch.zeros((2, t), dtype=torch.long)
    slot = torch.clamp(torch.arange(t) // 8, max=recipe["windowLines"] - 1).repeat(2, 1)
    torch.onnx.export(model.encoder, (tok, idn, slot), enc_path, opset_version=17,
                      input_names=["token_ids", "ident_ids", "line_slot"], output_names=["line_vecs"],
                      dynamic_axes={"token_ids": {0: "B", 1: "T"}, "ident_ids": {0: "B", 1: "T"},
                                    "line_slot": {0: "B", 1: "T"}, "line_vecs": {0: "B"}})
    head = HeadForExport(model.head)
    lv = torch.randn(7, d)
    lf = torch.rand(7, recipe["lineFeatures"])
    torch.onnx.export(head, (lv, lf), head_path, opset_version=17,
                      input_names=["line_vecs", "line_feats"], output_names=["line_logits", "nobug_logit", "kind_logits"],
                      dynamic_axes={"line_vecs": {0: "L"}, "line_feats": {0: "L"}, "line_logits": {0: "L"}, "kind_logits": {0: "L"}})
    n_params = sum(p.numel() for p in model.parameters())
    meta = {
        # Date and seed name the run; the graphs' hash tells apart runs of one day and seed on other data.
        "id": f"{args.name}-{time.strftime('%Y%m%d')}-s{args.seed}-{graphs_hash(enc_path, head_path)}",
        "language": recipe.get("language", "python"),
        "featureVersion": recipe["featureVersion"],
        "vocabHash": recipe["vocabHash"],
        "vocab": vocab,
        "windowTokens": recipe["windowTokens"],
        "windowLines": recipe["windowLines"],
        "identMax": recipe["identMax"],
        "lineFeatures": recipe["lineFeatures"],
        "bugKinds": recipe["bugKinds"],
        "dim": d,
        "encoder": os.path.basename(enc_path),
        "head": os.path.basename(head_path),
        "parameters": n_params,
        "architecture": f"{args.layers}-layer windowed token transformer (d={d}, {args.heads} heads) + {args.head_layers}-layer line transformer",
        "training": train_info,
        "data": {k: v for k, v in recipe.items() if k not in ("operators",)},
        "heldOut": metrics,
    }
    with open(path_base + ".json", "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1)
    return meta


@torch.no_grad()
def parity_dump(model, val, window_lines, path, n=5):
    """Line probabilities for the first validation samples, for the Node parity test."""
    model.eval()
    out = []
    for i in range(min(n, val[0].size if val else 0)):
        tok, idn, slot, ref, feats, mask, target, kinds = collate(val, [(0, i)], window_lines)
        logits, nobug, _ = model(tok, idn, slot, ref, feats, mask)
        probs = torch.softmax(torch.cat([logits[0], nobug]), 0)
        lab = val[0].lab[val[0].line0[i]:val[0].line0[i + 1]]
        lines = [int(r) + 1 for r in np.nonzero(lab != 255)[0]]
        out.append({"index": i, "noBug": float(probs[-1]), "lines": lines, "scores": [float(x) for x in probs[:-1]]})
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f)


def selection_score(m):
    """How checkpoints are compared (held-out synthetic split only)."""
    return m["top1"] + 0.5 * m["top5"] + 0.25 * (m["noBugAuroc"] if m["noBugAuroc"] == m["noBugAuroc"] else 0)


def save_state(model, path, info):
    arrays = {k: v.detach().cpu().numpy() for k, v in model.state_dict().items()}
    np.savez(path, **arrays)
    with open(path + ".json", "w", encoding="utf-8") as f:
        json.dump(info, f, indent=1)


def load_state(model, path):
    z = np.load(path)
    model.load_state_dict({k: torch.from_numpy(z[k]) for k in z.files})
    with open(path + ".json", encoding="utf-8") as f:
        return json.load(f)


class Groups(torch.utils.data.Dataset):
    def __init__(self, shards, groups, window_lines):
        self.shards, self.groups, self.window_lines = shards, groups, window_lines

    def __len__(self):
        return len(self.groups)

    def __getitem__(self, i):
        return collate(self.shards, self.groups[i], self.window_lines)


def main():
    a = parse_args()
    torch.manual_seed(a.seed)
    np.random.seed(a.seed)
    rng = random.Random(a.seed)
    torch.set_num_threads(a.threads)
    recipe = read_recipe(a.data)
    vocab = read_json(os.path.join(a.data, "vocab.json"))
    vocab_size = recipe["specials"] + len(vocab["tokens"]) + vocab["hashBuckets"]
    train = load(a.data, "train", recipe["lineFeatures"])
    val = load(a.data, "val", recipe["lineFeatures"])
    for rule in a.repeat:
        prefix, _, times = rule.partition("=")
        hits = [s for s in train if s.name.startswith(prefix)]
        if not hits or not times.isdigit() or int(times) < 1:
            raise SystemExit(f"--repeat {rule}: expected PREFIX=N (N >= 1) naming train shards in {a.data}")
        for s in hits:
            s.repeat = int(times)
    n_train = sum(s.size * s.repeat for s in train)
    print(f"train samples {n_train}, val samples {sum(s.size for s in val)}, vocab {vocab_size}", flush=True)
    model = Model(recipe, vocab_size, a, len(recipe["bugKinds"]))
    print(f"parameters: {sum(p.numel() for p in model.parameters())}", flush=True)
    if a.export_from:
        info = load_state(model, a.export_from)
        os.makedirs(a.out, exist_ok=True)
        final = info.get("heldOutAtTraining") or evaluate(model, val, recipe["windowLines"], 10 ** 9)
        print(f"final held-out (synthetic, unseen packages): {json.dumps(final)}", flush=True)
        info["exportedWith"] = {"torch": torch.__version__, "interpreter": sys.executable}
        meta = export(model, recipe, vocab, a, os.path.join(a.out, a.name), final, info)
        parity_dump(model, val, recipe["windowLines"], os.path.join(a.out, a.name + ".parity.json"))
        print(f"exported {meta['id']} to {a.out}", flush=True)
        return
    if a.init:
        started = load_state(model, a.init)
        print(f"fine-tuning from {a.init} ({started.get('id', '?')})", flush=True)
    dev = torch.device(a.device)
    torch.backends.cuda.matmul.allow_tf32 = True
    model.to(dev)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=0.01)
    start = time.time()
    budget = a.minutes * 60
    best, best_state, best_metrics = -1.0, None, None
    step, epoch, tokens_seen = 0, 0, 0
    last_eval = start
    if a.init:
        # Fine-tuning keeps the starting weights unless training beats them on the held-out split.
        m = evaluate(model, val, recipe["windowLines"], a.val_limit, dev)
        print(f"validation of the starting weights: {json.dumps(m)}", flush=True)
        best, best_metrics = selection_score(m), m
        best_state = {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
        last_eval = time.time()
    done = False
    while not done:
        epoch += 1
        groups = list(batches(train, a.batch_tokens, rng))
        loader = torch.utils.data.DataLoader(Groups(train, groups, recipe["windowLines"]), batch_size=None,
                                             shuffle=False, num_workers=a.workers)
        for batch in loader:
            frac = min(1.0, (time.time() - start) / budget)
            if a.max_steps:
                frac = max(frac, step / a.max_steps)
            lr = a.lr * min(1.0, (step + 1) / 300) * 0.5 * (1 + math.cos(math.pi * frac))
            for g in opt.param_groups:
                g["lr"] = lr
            tok, idn, slot, ref, feats, mask, target, kinds = [x.to(dev, non_blocking=True) for x in batch]
            logits, nobug, kl = model(tok, idn, slot, ref, feats, mask)
            loss = loss_fn(logits, nobug, kl, mask, target, kinds)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
            tokens_seen += int((tok > 0).sum())
            if step % 100 == 0:
                el = time.time() - start
                print(f"step {step} epoch {epoch} loss {loss.item():.4f} lr {lr:.2e} {tokens_seen / el:.0f} tok/s {el / 60:.1f} min", flush=True)
            finished = (time.time() - start) >= budget or (a.max_steps and step >= a.max_steps)
            if finished or time.time() - last_eval >= a.eval_every * 60:
                last_eval = time.time()
                m = evaluate(model, val, recipe["windowLines"], a.val_limit, dev)
                score = selection_score(m)
                print(f"validation at step {step}: {json.dumps(m)}", flush=True)
                if score > best:
                    best, best_metrics = score, m
                    best_state = {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
                    if a.state_out:
                        np.savez(a.state_out, **{k: v.numpy() for k, v in best_state.items()})
                        with open(a.state_out + ".json", "w", encoding="utf-8") as f:
                            json.dump({"step": step, "heldOutAtTraining": m, "partial": True}, f)
            if finished:
                done = True
                break
    model.load_state_dict(best_state)
    final = evaluate(model, val, recipe["windowLines"], 10 ** 9, dev)
    print(f"final held-out (synthetic, unseen packages): {json.dumps(final)}", flush=True)
    info = {"steps": step, "epochs": epoch, "minutes": round((time.time() - start) / 60, 1), "tokens": tokens_seen,
            "seed": a.seed, "lr": a.lr, "initFrom": a.init or None, "batchTokens": a.batch_tokens, "threads": a.threads,
            "torch": torch.__version__, "interpreter": sys.executable, "device": str(dev),
            "deviceName": torch.cuda.get_device_name(0) if dev.type == "cuda" else "cpu",
            "command": " ".join(["/usr/bin/python3"] + sys.argv)}
    model.cpu()
    os.makedirs(a.out, exist_ok=True)
    if a.state_out:
        save_state(model, a.state_out, {**info, "heldOutAtTraining": final})
    if a.no_export:
        return
    meta = export(model, recipe, vocab, a, os.path.join(a.out, a.name), final, info)
    parity_dump(model, val, recipe["windowLines"], os.path.join(a.out, a.name + ".parity.json"))
    print(f"exported {meta['id']} to {a.out}", flush=True)


if __name__ == "__main__":
    main()
