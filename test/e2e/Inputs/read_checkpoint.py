#!/usr/bin/env python3
"""Reads a checkpoint with Python's safetensors (the library PyTorch and
Hugging Face use) and prints each tensor's name, dtype and shape, then the
metadata, sorted: what a user who loads a Plexus checkpoint in Python
sees."""
import sys

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file

path = sys.argv[1]
tensors = load_file(path)
for name in sorted(tensors):
    t = tensors[name]
    assert isinstance(t, np.ndarray) and np.all(np.isfinite(t)), name
    print(name, t.dtype, list(t.shape))
with safe_open(path, framework="numpy") as f:
    for key, value in sorted(f.metadata().items()):
        print("meta", key, value)
