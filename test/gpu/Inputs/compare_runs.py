#!/usr/bin/env python3
"""Compares two training runs of the same model (e.g. CPU and GPU builds).

  compare_runs.py A.log B.log [--checkpoints A.safetensors B.safetensors]

The logs are the programs' standard output: every `epoch` and `eval` line
must agree, loss and metrics within --rtol relative (or the 1e-4 that four
printed decimals allow). Checkpoints must agree tensor by tensor within
--rtol relative in the 2-norm. Safetensors are read directly (8-byte
header length, JSON header, raw little-endian data), so only the Python
standard library is needed. Prints what it compared; exits 1 on a mismatch.
"""
import argparse
import array
import json
import math
import re
import struct
import sys


def metric_lines(path):
    with open(path) as f:
        lines = [l for l in f.read().splitlines()
                 if l.startswith("epoch ") or l.startswith("eval ")]
    return [(l, [float(v) for k, v in
                 re.findall(r"([a-z_]+) (-?[0-9.]+(?:e-?[0-9]+)?)", l)])
            for l in lines]


def tensors(path):
    with open(path, "rb") as f:
        (size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(size))
        data = f.read()
    result = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        begin, end = info["data_offsets"]
        values = array.array("f")
        values.frombytes(data[begin:end])
        if sys.byteorder != "little":
            values.byteswap()
        result[name] = values
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("logs", nargs=2)
    parser.add_argument("--checkpoints", nargs=2)
    parser.add_argument("--rtol", type=float, default=1e-4)
    args = parser.parse_args()
    ok = True
    a, b = (metric_lines(p) for p in args.logs)
    if len(a) != len(b) or not a:
        print(f"different runs: {len(a)} and {len(b)} epoch/eval lines")
        return 1
    worst = 0.0
    for (la, va), (lb, vb) in zip(a, b):
        for x, y in zip(va, vb):
            tolerance = max(args.rtol * abs(x), 1.01e-4)
            worst = max(worst, abs(x - y) / max(abs(x), 1e-12))
            if abs(x - y) > tolerance:
                print(f"mismatch:\n  {la}\n  {lb}")
                ok = False
    print(f"{len(a)} epoch/eval lines agree to {worst:.2g} relative"
          if ok else "logs differ")
    if args.checkpoints:
        ta, tb = (tensors(p) for p in args.checkpoints)
        if ta.keys() != tb.keys():
            print("checkpoints hold different tensors")
            return 1
        worst = 0.0
        for name in sorted(ta):
            x, y = ta[name], tb[name]
            norm = math.sqrt(sum(v * v for v in x)) or 1.0
            diff = math.sqrt(sum((v - w) ** 2 for v, w in zip(x, y))) / norm
            worst = max(worst, diff)
            if diff > args.rtol:
                print(f"{name}: relative difference {diff:.3g}")
                ok = False
        print(f"{len(ta)} checkpoint tensors agree to {worst:.2g} relative")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
