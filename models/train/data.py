"""Reads the shards written by models/gen (flat binary arrays) and builds padded batches."""
import glob
import json
import os

import numpy as np
import torch

BLANK = 255


KINDS = {"tok": np.int32, "idn": np.uint8, "slot": np.uint8, "wlen": np.int32, "samp": np.int32,
         "lref": np.int32, "lfeat": np.float32, "lab": np.uint8}


class Shard:
    def __init__(self, prefix, n_feats):
        packed = np.load(prefix + ".npz") if os.path.exists(prefix + ".npz") else None

        def arr(kind, dtype):
            if packed is not None:
                return packed[kind].astype(dtype)
            return np.fromfile(f"{prefix}.{kind}.bin", dtype=dtype)

        self.tok = arr("tok", np.int32)
        self.idn = arr("idn", np.uint8)
        self.slot = arr("slot", np.uint8)
        self.wlen = arr("wlen", np.int32)
        samp = arr("samp", np.int32).reshape(-1, 4)
        self.n_windows, self.n_lines, self.kind, self.op = samp.T
        self.lref = arr("lref", np.int32)
        self.lfeat = arr("lfeat", np.float32).reshape(-1, n_feats)
        self.lab = arr("lab", np.uint8)
        self.win0 = np.concatenate([[0], np.cumsum(self.n_windows)])
        self.tok0 = np.concatenate([[0], np.cumsum(self.wlen)])
        self.line0 = np.concatenate([[0], np.cumsum(self.n_lines)])
        self.size = len(self.n_lines)
        self.name = os.path.basename(prefix)
        self.repeat = 1  # times each sample is drawn per epoch (train.py --repeat)
        self.tokens_per_sample = self.tok0[self.win0[1:]] - self.tok0[self.win0[:-1]]


def load(data_dir, split, n_feats):
    prefixes = sorted(p[:-5] for p in glob.glob(os.path.join(data_dir, f"{split}*.json")))
    prefixes = [p for p in prefixes if os.path.exists(p + ".tok.bin") or os.path.exists(p + ".npz")]
    return [Shard(p, n_feats) for p in prefixes]


def batches(shards, max_tokens, rng, shuffle=True):
    """Yield lists of (shard, index) whose total tokens stay under max_tokens (grouped by length)."""
    items = [(si, i) for si, s in enumerate(shards) for _ in range(s.repeat) for i in range(s.size)]
    if shuffle:
        rng.shuffle(items)
    # Sort inside buckets of 2000 so batches hold samples of similar size (less padding).
    for start in range(0, len(items), 2000):
        bucket = sorted(items[start:start + 2000], key=lambda it: shards[it[0]].tokens_per_sample[it[1]])
        group, tokens = [], 0
        out = []
        for it in bucket:
            n = int(shards[it[0]].n_windows[it[1]]) * 256
            if group and tokens + n > max_tokens:
                out.append(group)
                group, tokens = [], 0
            group.append(it)
            tokens += n
        if group:
            out.append(group)
        if shuffle:
            rng.shuffle(out)
        yield from out


def collate(shards, group, window_lines):
    """Padded tensors for one batch."""
    wins = []
    lines = []
    for si, i in group:
        s = shards[si]
        for w in range(s.win0[i], s.win0[i + 1]):
            a, b = s.tok0[w], s.tok0[w + 1]
            wins.append((s.tok[a:b], s.idn[a:b], s.slot[a:b]))
        a, b = s.line0[i], s.line0[i + 1]
        lines.append((s.lref[a:b], s.lfeat[a:b], s.lab[a:b], int(s.kind[i]), int(s.n_windows[i])))
    t = max(len(w[0]) for w in wins)
    n_w = len(wins)
    tok = np.zeros((n_w, t), np.int64)
    idn = np.zeros((n_w, t), np.int64)
    slot = np.full((n_w, t), window_lines, np.int64)
    for k, (a, b, c) in enumerate(wins):
        tok[k, :len(a)] = a
        idn[k, :len(b)] = b
        slot[k, :len(c)] = c
    # Lines: keep only candidates (non-blank), as inference does.
    kept = [np.nonzero(lab != BLANK)[0] for (_, _, lab, _, _) in lines]
    l_max = max(1, max(len(k) for k in kept))
    zero_row = n_w * window_lines
    ref = np.full((len(lines), l_max), zero_row, np.int64)
    feats = np.zeros((len(lines), l_max, lines[0][1].shape[1]), np.float32)
    mask = np.zeros((len(lines), l_max), np.float32)
    target = np.zeros((len(lines), l_max), np.float32)
    kinds = np.full((len(lines),), -1, np.int64)
    w_off = 0
    for j, ((lref, lfeat, lab, kind, nw), keep) in enumerate(zip(lines, kept)):
        r = lref[keep]
        ref[j, :len(keep)] = np.where(r >= 0, r + w_off * window_lines, zero_row)
        feats[j, :len(keep)] = lfeat[keep]
        mask[j, :len(keep)] = 1
        target[j, :len(keep)] = (lab[keep] == 1)
        kinds[j] = kind
        w_off += nw
    as_t = torch.from_numpy
    return as_t(tok), as_t(idn), as_t(slot), as_t(ref), as_t(feats), as_t(mask), as_t(target), as_t(kinds)


def pack(data_dir, out_dir):
    """Compressed copies of the shards (tokens as uint16, features as float16) to move them cheaply."""
    os.makedirs(out_dir, exist_ok=True)
    for meta in glob.glob(os.path.join(data_dir, "*.json")):
        prefix = meta[:-5]
        if not os.path.exists(prefix + ".tok.bin"):
            import shutil
            shutil.copy(meta, out_dir)
            continue
        arrays = {k: np.fromfile(f"{prefix}.{k}.bin", dtype=t) for k, t in KINDS.items()}
        arrays["tok"] = arrays["tok"].astype(np.uint16)
        arrays["lfeat"] = arrays["lfeat"].astype(np.float16)
        np.savez_compressed(os.path.join(out_dir, os.path.basename(prefix) + ".npz"), **arrays)
        import shutil
        shutil.copy(meta, out_dir)


def read_recipe(data_dir):
    """recipe.json, or the per-part recipes of a parallel run merged, with those of any extra
    training shards (the generator's --train-name: recipe-train-NAME.json)."""
    files = [os.path.join(data_dir, "recipe.json")] + sorted(glob.glob(os.path.join(data_dir, "recipe-*.json")))
    parts = [read_json(p) for p in files if os.path.exists(p)]
    if not parts:
        raise SystemExit(f"{data_dir}: no recipe.json or recipe-*.json (generate the data with models/gen first)")
    if len(parts) == 1:
        return parts[0]
    merged = dict(parts[0])
    counts = {}
    for r in parts:
        for k, v in r.get("trainOpCounts", {}).items():
            counts[k] = counts.get(k, 0) + v
    merged["trainOpCounts"] = counts
    merged["seconds"] = max(r.get("seconds", 0) for r in parts)
    seeds = sorted({r.get("seed") for r in parts if r.get("seed") is not None})
    if len(seeds) > 1:
        merged["seeds"] = seeds  # data generated with several seeds (e.g. models/data and models/data2 together)
    extra = [r for r in parts if str(r.get("shards", "")).startswith("train-")]
    if extra:
        # Training shards from other corpora: every root, and what each extra shard took from where.
        merged["roots"] = list(dict.fromkeys(root for r in parts for root in r.get("roots", [])))
        merged["extraShards"] = [{k: r.get(k) for k in ("shards", "roots", "perUnit", "trainUnits", "trainPackages",
                                                        "moduleContextShare", "seed")} for r in extra]
    return merged


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)
