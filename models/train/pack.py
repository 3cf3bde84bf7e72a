"""Packs a data folder written by models/gen into compressed .npz shards the trainer reads as they are.

Used to move training data to a GPU machine: token ids travel as uint16 and line features as float16
(the features are 0/1 flags and small fractions; float16 keeps them within 3e-4), stored column by column
(Fortran order) and compressed with LZMA, which makes a shard about a tenth of its flat .bin size.
np.load reads such an archive as any .npz, and data.py widens every array back to the trainer's dtype.

    /usr/bin/python3 models/train/pack.py models/data2 .gpu/data
"""
import glob
import os
import shutil
import sys
import zipfile

import numpy as np

from data import KINDS, read_json

SMALL = {"tok": np.uint16, "lfeat": np.float16}


def pack(src, dst):
    os.makedirs(dst, exist_ok=True)
    for meta in sorted(glob.glob(os.path.join(src, "*.json"))):
        name = os.path.basename(meta)
        shutil.copy(meta, os.path.join(dst, name))
        prefix = meta[:-5]
        if not os.path.exists(prefix + ".tok.bin"):
            continue
        arrays = {}
        for kind, dtype in KINDS.items():
            a = np.fromfile(f"{prefix}.{kind}.bin", dtype=dtype)
            small = SMALL.get(kind)
            if small is not None:
                if kind == "tok" and a.max(initial=0) > np.iinfo(small).max:
                    raise SystemExit(f"{prefix}: token id {a.max()} does not fit {small.__name__}")
                a = a.astype(small)
            arrays[kind] = a
        n_feats = int(read_json(meta)["lineFeatures"])
        arrays["lfeat"] = np.asfortranarray(arrays["lfeat"].reshape(-1, n_feats))
        with zipfile.ZipFile(os.path.join(dst, name[:-5] + ".npz"), "w", compression=zipfile.ZIP_LZMA) as z:
            for kind, a in arrays.items():
                with z.open(kind + ".npy", "w", force_zip64=True) as f:
                    np.lib.format.write_array(f, a, allow_pickle=False)
        print(f"{name[:-5]}: {os.path.getsize(os.path.join(dst, name[:-5] + '.npz')) / 1e6:.1f} MB", flush=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: pack.py DATA_DIR OUT_DIR")
    pack(sys.argv[1], sys.argv[2])
