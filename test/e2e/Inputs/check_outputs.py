#!/usr/bin/env python3
"""Checks the files that train --plot and predict --plot/--output write:
SVGs must parse as XML and hold the expected series (polylines with legend
texts) or points; NPY files must have the expected header and size.
Prints what it found."""
import ast
import struct
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def svg(path):
    root = ET.parse(path).getroot()
    lines = root.findall(f"{SVG}polyline")
    texts = [t.text for t in root.findall(f"{SVG}text")]
    points = root.findall(f"{SVG}circle")
    print(path, "polylines", len(lines), "circles", len(points))
    for t in texts:
        if t and not t[0].isdigit() and not t.startswith("-"):
            print("  text", t)
    for line in lines:
        assert len(line.get("points").split()) >= 2, "a curve has one point"


def npy(path):
    with open(path, "rb") as f:
        data = f.read()
    assert data[:6] == b"\x93NUMPY", "not NPY"
    n = struct.unpack("<H", data[8:10])[0]
    assert (10 + n) % 64 == 0, "header not aligned"
    header = ast.literal_eval(data[10 : 10 + n].decode("latin1"))
    count = 1
    for d in header["shape"]:
        count *= d
    size = int(header["descr"][2:])
    assert len(data) == 10 + n + count * size, "wrong size"
    print(path, header["descr"], header["shape"])


for arg in sys.argv[1:]:
    (svg if arg.endswith(".svg") else npy)(arg)
