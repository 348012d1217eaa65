#!/usr/bin/env python3
"""Mutation fuzzing of the plexc front end.

Applies seeded random mutations to the example models and runs
`plexc --emit=check` on each mutant. Every run must end with exit code 0
(the mutant is a valid program) or 1 with at least one `error:` line; a
crash, a signal, exit code 2 or a timeout is a failure. Diagnostics must be
printable: valid UTF-8 without control characters other than newlines
and tabs.

usage: mutate.py EXAMPLES_DIR PLEXC [--count N] [--seed S] [--out DIR]

Failing mutants are kept, and their paths printed.
"""

import argparse
import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

# Roughly the lexer's tokens, so that token-level mutations keep most of
# the file well-formed and reach the parser and Sema.
TOKEN = re.compile(rb'"(?:[^"\\\n]|\\.)*"|[A-Za-z_][A-Za-z_0-9]*|[0-9.]+|'
                   rb'->|\.\.|[<>=!]=|//[^\n]*|/\*.*?\*/|\s+|.', re.S)

# Bytes worth inserting: syntax, quotes, comment starts, control characters,
# bytes that are never UTF-8 and the first bytes of multi-byte sequences.
INTERESTING = (b'(){}[]<>,:;.=-+*/%^"\\\'@#$\t\r\n\x00\x01\x1b\x7f'
               b'\x80\xbf\xc0\xc3\xe2\xf0\xf5\xfe\xff')
SNIPPETS = [b'(', b'[', b'{', b')', b'}', b'-', b'not ', b'2^', b'/*', b'"',
            b'model', b'data', b'return', b'import "x.plx"', b'..', b'1e999',
            b'99999999999999999999', b'\xc3\xa9', b'\xf0\x9f\x98\x80']


def tokens(data):
    return TOKEN.findall(data)


def mutate(rng, data):
    """Returns (description, mutated bytes)."""
    kind = rng.choice(['delete', 'insert', 'replace', 'token-dup',
                       'token-delete', 'token-swap', 'truncate-line',
                       'truncate-file', 'repeat', 'splice', 'multi'])
    if kind == 'multi':
        desc = []
        for _ in range(rng.randint(2, 6)):
            d, data = mutate(rng, data)
            desc.append(d)
        return 'multi(' + ', '.join(desc) + ')', data
    n = len(data)
    if kind in ('delete', 'insert', 'replace'):
        pos = rng.randrange(max(n, 1))
        if kind == 'delete':
            length = rng.choice([1, 1, 1, 2, 5, 20])
            return f'delete {length}@{pos}', data[:pos] + data[pos + length:]
        if rng.random() < 0.5:
            new = bytes([rng.choice(INTERESTING)])
        else:
            new = bytes([rng.randrange(256)])
        end = pos + (1 if kind == 'replace' else 0)
        return f'{kind} {new!r}@{pos}', data[:pos] + new + data[end:]
    if kind.startswith('token'):
        toks = tokens(data)
        if len(toks) < 2:
            return 'noop', data
        i = rng.randrange(len(toks))
        if kind == 'token-dup':
            toks.insert(i, toks[i])
        elif kind == 'token-delete':
            del toks[i]
        else:
            j = rng.randrange(len(toks))
            toks[i], toks[j] = toks[j], toks[i]
        return f'{kind} #{i}', b''.join(toks)
    if kind == 'truncate-line':
        lines = data.split(b'\n')
        i = rng.randrange(len(lines))
        cut = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:cut]
        return f'truncate line {i + 1} at {cut}', b'\n'.join(lines)
    if kind == 'truncate-file':
        cut = rng.randrange(n + 1)
        return f'truncate file at {cut}', data[:cut]
    if kind == 'repeat':
        # Huge repetition: of a snippet (deep nesting, long operator chains,
        # long strings) or of a slice of the file (many declarations).
        times = rng.choice([10, 300, 1000, 5000, 20000])
        pos = rng.randrange(n + 1)
        if rng.random() < 0.5:
            piece = rng.choice(SNIPPETS)
        else:
            start = rng.randrange(n + 1)
            piece = data[start:start + rng.randint(1, 80)]
        piece = (piece * times)[:400000]
        return (f'repeat {piece[:12]!r}... x{times}@{pos}',
                data[:pos] + piece + data[pos:])
    # splice: a random slice of the file moved elsewhere.
    a, b = sorted(rng.randrange(n + 1) for _ in range(2))
    piece, rest = data[a:b], data[:a] + data[b:]
    pos = rng.randrange(len(rest) + 1)
    return f'splice {a}:{b}@{pos}', rest[:pos] + piece + rest[pos:]


def printable(text):
    try:
        s = text.decode('utf-8')
    except UnicodeDecodeError:
        return False
    return not any(ord(c) < 0x20 and c not in '\n\t' or ord(c) == 0x7f
                   for c in s)


def run(plexc, path, timeout):
    try:
        r = subprocess.run([plexc, '--emit=check', path], capture_output=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return 'timeout', b''
    out = r.stdout + r.stderr
    if r.returncode < 0:
        return f'killed by signal {-r.returncode}', out
    if r.returncode not in (0, 1):
        return f'exit code {r.returncode}', out
    if r.returncode == 1 and b'error:' not in out:
        return 'exit code 1 without an error: line', out
    if not printable(out):
        return 'unprintable diagnostics', out
    return None, out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('examples')
    parser.add_argument('plexc')
    parser.add_argument('--count', type=int, default=400)
    parser.add_argument('--seed', type=int, default=20261128)
    parser.add_argument('--timeout', type=float, default=20)
    parser.add_argument('--out', help='where the mutants are written '
                        '(default: a new temporary directory)')
    args = parser.parse_args()

    sources = {}
    for name in sorted(os.listdir(args.examples)):
        if name.endswith('.plx'):
            with open(os.path.join(args.examples, name), 'rb') as f:
                sources[name] = f.read()
    if not sources:
        sys.exit(f'error: no .plx files in {args.examples}')

    rng = random.Random(args.seed)
    cases = []
    for i in range(args.count):
        name = rng.choice(sorted(sources))
        desc, data = mutate(rng, sources[name])
        cases.append((i, name, desc, data))

    work = tempfile.mkdtemp(prefix='plexc-fuzz-', dir=args.out)
    # Mutants sit next to a link to the examples' data, so that the data
    # files they name are found and probed as for the examples themselves.
    data_dir = os.path.join(os.path.abspath(args.examples), 'data')
    if os.path.isdir(data_dir):
        os.symlink(data_dir, os.path.join(work, 'data'))

    def check(case):
        i, name, desc, data = case
        path = os.path.join(work, f'mutant{i}.plx')
        with open(path, 'wb') as f:
            f.write(data)
        problem, out = run(args.plexc, path, args.timeout)
        if problem is None:
            os.remove(path)
        return case, path, problem, out

    failures = 0
    valid = 0
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        for case, path, problem, out in pool.map(check, cases):
            if problem is None:
                valid += b'error:' not in out
                continue
            failures += 1
            i, name, desc, _ = case
            print(f'FAIL: mutant {i} of {name} ({desc}): {problem}; '
                  f'input kept in {path}')
            print(out.decode('utf-8', 'replace')[-2000:])

    print(f'tried {len(cases)} mutations of {len(sources)} examples '
          f'(seed {args.seed}): {failures} failures, '
          f'{valid} mutants still valid')
    if failures:
        sys.exit(1)
    shutil.rmtree(work)


if __name__ == '__main__':
    main()
