#!/usr/bin/env python3
"""Writes the digits data set in MNIST's IDX format, gzipped as MNIST is
distributed: images.idx3-ubyte.gz ([n, 8, 8] unsigned bytes) and
labels.idx1-ubyte.gz ([n] unsigned bytes)."""
import gzip
import struct
import sys

src, out = sys.argv[1], sys.argv[2]
rows = [line.split(",") for line in gzip.open(src, "rt") if line.strip()]
images = bytes(int(float(v)) for r in rows for v in r[:64])
labels = bytes(int(float(r[64])) for r in rows)
with gzip.open(out + "/images.idx3-ubyte.gz", "wb") as f:
    f.write(struct.pack(">BBBBIII", 0, 0, 0x08, 3, len(rows), 8, 8) + images)
with gzip.open(out + "/labels.idx1-ubyte.gz", "wb") as f:
    f.write(struct.pack(">BBBBI", 0, 0, 0x08, 1, len(rows)) + labels)
