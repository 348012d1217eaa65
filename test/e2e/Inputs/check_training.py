#!/usr/bin/env python3
"""Checks the output of a compiled Plexus program's `train` command.

Reads the program's standard output on stdin and checks that
  - there are the expected number of epoch lines (--epochs),
  - the loss of the last epoch is below that of the first (the loss falls),
  - an `eval` line has a metric at or above/below a bound
    (--min METRIC=VALUE, --max METRIC=VALUE).
Prints the figures it read, so that a failure shows them.
"""
import argparse
import re
import sys


def metrics_of(line):
    return {k: float(v) for k, v in re.findall(r"([a-z_]+) (-?[0-9.]+(?:e-?[0-9]+)?)", line)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--min", action="append", default=[])
    parser.add_argument("--max", action="append", default=[])
    args = parser.parse_args()
    lines = sys.stdin.read().splitlines()
    epochs = [metrics_of(l) for l in lines if l.startswith("epoch ")]
    evals = [metrics_of(l) for l in lines if l.startswith("eval ")]
    ok = True
    if args.epochs is not None and len(epochs) != args.epochs:
        print(f"expected {args.epochs} epoch lines, found {len(epochs)}")
        ok = False
    losses = [e["loss"] for e in epochs if "loss" in e]
    if len(losses) >= 2:
        print(f"loss: first {losses[0]:.4f} last {losses[-1]:.4f}")
        if not losses[-1] < losses[0]:
            print("the loss did not fall")
            ok = False
    final = evals[-1] if evals else {}
    print("eval:", final)
    for spec, better in [(s, "min") for s in args.min] + [(s, "max") for s in args.max]:
        name, bound = spec.split("=")
        if name not in final:
            print(f"no '{name}' in the eval line")
            ok = False
            continue
        value = final[name]
        if (better == "min" and value < float(bound)) or (better == "max" and value > float(bound)):
            print(f"{name} {value} misses the bound {better} {bound}")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
