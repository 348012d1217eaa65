#!/usr/bin/env python3
"""Writes a token-classification CSV: 8 token ids from a vocabulary of 30
per row, and a label that says whether token 7 occurs (class 1) or not
(class 0); about half the rows have one. Deterministic (seeded)."""
import random
import sys

rng = random.Random(11)
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 800
with open(sys.argv[1], "w") as f:
    for _ in range(rows):
        tokens = [rng.choice([t for t in range(30) if t != 7]) for _ in range(8)]
        label = rng.random() < 0.5
        if label:
            tokens[rng.randrange(8)] = 7
        f.write(",".join(map(str, tokens + [int(label)])) + "\n")
