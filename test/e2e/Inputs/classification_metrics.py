#!/usr/bin/env python3
"""Computes accuracy, top-2 accuracy and macro precision/recall/F1 from a
labelled CSV (label in the last column, one header line) and a predictions
CSV written by `predict`, independently of the runtime, and compares them
with the program's `eval` line (read on stdin) to 1e-4."""
import csv
import re
import sys

labels_path, predictions_path = sys.argv[1], sys.argv[2]
with open(labels_path) as f:
    rows = list(csv.reader(f))[1:]
labels = [int(float(r[-1])) for r in rows]
with open(predictions_path) as f:
    preds = list(csv.reader(f))[1:]
classes = len(preds[0]) - 1
scores = [[float(v) for v in p[:classes]] for p in preds]
predicted = [int(p[-1]) for p in preds]
n = len(labels)

expected = {"accuracy": sum(p == l for p, l in zip(predicted, labels)) / n}
top2 = 0
for s, l in zip(scores, labels):
    top2 += sum(v > s[l] for v in s) < 2
expected["top2_accuracy"] = top2 / n
precisions, recalls, f1s = [], [], []
for c in range(classes):
    tp = sum(p == c and l == c for p, l in zip(predicted, labels))
    pp = sum(p == c for p in predicted)
    ap = sum(l == c for l in labels)
    if pp == 0 and ap == 0:
        continue
    pr = tp / pp if pp else 0.0
    rc = tp / ap if ap else 0.0
    precisions.append(pr)
    recalls.append(rc)
    f1s.append(2 * pr * rc / (pr + rc) if pr + rc else 0.0)
expected["precision"] = sum(precisions) / len(precisions)
expected["recall"] = sum(recalls) / len(recalls)
expected["f1"] = sum(f1s) / len(f1s)

line = next(l for l in sys.stdin if l.startswith("eval "))
got = {k: float(v) for k, v in re.findall(r"([a-z0-9_]+) ([0-9.]+)", line)}
ok = True
for name, value in expected.items():
    print(f"{name}: program {got.get(name)} python {value:.4f}")
    if name not in got or abs(got[name] - value) > 1e-4:
        ok = False
sys.exit(0 if ok else 1)
