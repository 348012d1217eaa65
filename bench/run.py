#!/usr/bin/env python3
"""Plexus against its peers, side by side in one run (issue: CPU
performance). For each workload it compiles the Plexus model in
bench/workloads/, trains it, runs the peers on the same shapes, and prints
a table: time per training step (min and median after a warm-up epoch),
samples/s, peak RSS, and the ratio peer / Plexus; --json writes the same.
Plexus and the peers run in turn, --repeats rounds of each, and a step's
time is for all of them the mean over an epoch (for Plexus, the epoch time
its program prints over its steps).

    python3 bench/run.py                 # all workloads, Plexus and peers
    python3 bench/run.py --no-install    # only the peers bench/.venv has
    python3 bench/run.py --target cuda   # on an NVIDIA GPU, against torch CUDA

Peers run from bench/.venv: the first run creates it and installs torch,
keras and tensorflow-cpu into it from PyPI (--install-peers does it again,
to upgrade them). A peer that cannot run (no network for the install, a
failing import) is reported, not fatal. OPENBLAS_CORETYPE and
OPENBLAS_L2_SIZE, which slow OpenBLAS on this machine, are unset for the
peers' processes only.

Also (bench/inference.py): W4, the latency of W2's forward pass at batch
1 and 256 against PyTorch; W5, the GFLOP/s of generated matmuls at 256 to
2048 square and W2's shapes, on 1 and 2 threads, next to the machine's
fp32 peak (from its measured clock) and torch.mm; `compile`, plexc's time
for every example. Keras 3 (TensorFlow CPU) is a peer of W1-W3.
"""
import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import inference

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# samples, batch: the same in the .plx files and in peers/torch_peer.py.
WORKLOADS = {"W1": (100, 32), "W2": (60000, 128), "W3": (6400, 64)}
# The Python modules each peer imports ("torch" is also W4's and W5's).
PEER_MODULES = {"torch": ["torch"], "torch-compile": ["torch"],
                "keras": ["keras", "tensorflow"]}
# Short and long runs per round for a workload of a few steps per epoch.
W1_PAIRS = 5
W1_MIN_EXTRA_EPOCHS = 25
# "epoch 2/3  loss 2.3016  1.33s": the time of one epoch.
EPOCH_TIME = re.compile(r"^epoch \d+/\d+ .* ([0-9.]+)s$", re.M)


def run_measured(cmd, env=None, cwd=None):
    """Runs cmd; returns (stdout, wall seconds, its peak RSS in MiB)."""
    with tempfile.TemporaryFile(mode="w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err,
                                env=env, cwd=cwd, text=True)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{err.read()}")
    return out, wall, usage.ru_maxrss / 1024


def compile_plexus(name, args, work):
    """Compiles workload `name`; returns (executable, plexc seconds)."""
    model = os.path.join(HERE, "workloads", name + ".plx")
    exe = os.path.join(work, name)
    start = time.perf_counter()
    subprocess.run([args.plexc, "--target=" + args.target, model, "-o", exe],
                   check=True)
    return exe, time.perf_counter() - start


def plexus_round(name, exe, args, work, row):
    """One measurement of the compiled workload, added to `row`. Per-step
    time: for workloads of many steps per epoch, the program's own epoch
    times (after a warm-up epoch) divided by the steps; for W1 (4 steps an
    epoch, shorter than the clock's resolution), the differences of
    W1_PAIRS pairs of runs that differ only in the number of epochs, which
    cancels start-up and data generation."""
    samples, batch = WORKLOADS[name]
    steps = math.ceil(samples / batch)

    def train(epochs):
        return run_measured([exe, "train", "--epochs", str(epochs),
                             "--checkpoint", exe + ".safetensors"], cwd=work)

    train(1)  # warm-up: page cache, CPU frequency
    if steps >= 50:
        out, _, rss = train(1 + max(1, round(args.steps / steps)))
        times = [float(t) for t in EPOCH_TIME.findall(out)]
        row["step_s"] += [t / steps for t in times[1:]]
    else:
        # Several pairs a round (each of --steps steps, tens of
        # milliseconds), so that a busy spell moves one sample of many, as
        # it moves one of a peer's many epochs. A difference spans at least
        # 100 steps, or the start-up's jitter swamps it (a small --steps
        # gave negative step times).
        extra = max(W1_MIN_EXTRA_EPOCHS, round(args.steps / steps))
        for _ in range(W1_PAIRS):
            _, short, _ = train(1)
            _, long, rss = train(1 + extra)
            row["step_s"].append((long - short) / (extra * steps))
            # One epoch of W1 is start-up plus 4 steps: an upper bound.
            first = row.get("first_step_s")
            row["first_step_s"] = short if first is None else min(first, short)
    row["rss_mib"] = max(row["rss_mib"], rss)


def peer_env():
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    return env


def python_peer(impl, script, name, args, extra=()):
    """Runs bench/peers/<script> on workload `name` for about a round's
    share of --steps steps (W1 has 4 steps per epoch) and reads its JSON."""
    if not os.path.exists(args.python):
        return {"impl": impl, "missing": f"no Python in {args.venv}"}
    samples, batch = WORKLOADS[name]
    measured = math.ceil(args.steps / math.ceil(samples / batch))
    epochs = max(args.epochs, 1 + math.ceil(measured / args.repeats))
    cmd = [args.python, os.path.join(HERE, "peers", script), name,
           "--epochs", str(epochs), "--threads", str(args.threads), *extra]
    try:
        out, _, rss = run_measured(cmd, env=peer_env())
    except RuntimeError as e:
        return {"impl": impl, "missing": str(e).splitlines()[-1][:120]}
    r = json.loads(out.strip().splitlines()[-1])
    return {"impl": impl, "step_s": r["step_times"], "batch": r["samples_per_step"],
            "rss_mib": rss, "first_step_s": r["first_step_s"]}


def add_round(row, measured):
    """Adds one round of a peer to its row (the first round makes it; a
    round that did not run leaves the rounds that did)."""
    if row is None or "missing" in measured:
        return measured if row is None else row
    row["step_s"] += measured["step_s"]
    row["rss_mib"] = max(row["rss_mib"], measured["rss_mib"])
    row["first_step_s"] = min(row["first_step_s"], measured["first_step_s"])
    return row


def torch_peer(name, args, compile_mode):
    extra = ["--device", args.target] + (["--compile"] if compile_mode else [])
    return python_peer("torch" + ("-compile" if compile_mode else ""),
                       "torch_peer.py", name, args, extra)


def keras_peer(name, args):
    if args.target != "cpu":
        return {"impl": "keras", "missing": "CPU only"}
    return python_peer("keras", "keras_peer.py", name, args)


def missing_modules(python, modules):
    """Those of `modules` that `python` cannot find (all of them if there
    is no `python`). Looked up, not imported: tensorflow takes seconds."""
    if not os.path.exists(python):
        return list(modules)
    probe = subprocess.run(
        [python, "-c", "import importlib.util, sys\n"
         "print(*(m for m in sys.argv[1:] if not importlib.util.find_spec(m)))",
         *modules], capture_output=True, text=True)
    return probe.stdout.split() if probe.returncode == 0 else list(modules)


def install_peers(args):
    if not os.path.exists(args.python):
        subprocess.run([sys.executable, "-m", "venv", args.venv], check=True)
    upgrade = ["--upgrade"] if args.install_peers else []
    subprocess.run([os.path.join(args.venv, "bin", "pip"), "install",
                    "--quiet", "--disable-pip-version-check", *upgrade,
                    "torch", "numpy", "keras", "tensorflow-cpu"], check=True)


def ensure_peers(args):
    """Installs the peers this run needs into --venv when they are not
    there (always with --install-peers, never with --no-install). A failed
    install is a warning: those peers are then reported as not run."""
    needed = sorted({m for p in args.peers for m in PEER_MODULES.get(p, [])})
    missing = (needed if args.install_peers else
               missing_modules(args.python, needed))
    if not missing or args.no_install:
        return
    why = ("--install-peers" if args.install_peers else
           "missing: " + " ".join(missing))
    print(f"==> installing the peers into {args.venv} ({why})",
          file=sys.stderr, flush=True)
    try:
        install_peers(args)
    except (subprocess.CalledProcessError, OSError) as e:
        print(f"warning: could not install the peers into {args.venv} "
              f"({e}); they are reported as not run", file=sys.stderr,
              flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--plexc", default=os.path.join(ROOT, "build", "bin", "plexc"))
    p.add_argument("--workloads", default="W1,W2,W3,W4,W5,compile")
    p.add_argument("--epochs", type=int, default=3,
                   help="at least this many epochs in each peer run; the "
                   "first is warm-up")
    p.add_argument("--repeats", type=int, default=3,
                   help="rounds of Plexus and the peers in turn")
    p.add_argument("--steps", type=int, default=2000,
                   help="about how many steps each Plexus measurement spans "
                   "(the peers': all rounds together)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--target", default="cpu", choices=["cpu", "cuda"],
                   help="where Plexus (plexc --target) and the peers train")
    p.add_argument("--peers", default="torch,torch-compile,keras",
                   type=lambda s: [p for p in s.split(",") if p],
                   help="which peers to run (comma-separated; empty: none)")
    p.add_argument("--venv", default=os.path.join(HERE, ".venv"))
    p.add_argument("--install-peers", action="store_true",
                   help="install (upgrade) the peers even if --venv has them")
    p.add_argument("--no-install", action="store_true",
                   help="never install peers: run those --venv has")
    p.add_argument("--json", help="also write the results here")
    args = p.parse_args()
    args.python = os.path.join(args.venv, "bin", "python")
    ensure_peers(args)
    results, others = {}, {}
    with tempfile.TemporaryDirectory() as work:
        for name in args.workloads.split(","):
            if name not in WORKLOADS:
                continue
            exe, compile_s = compile_plexus(name, args, work)
            plex = {"impl": "plexus", "step_s": [], "rss_mib": 0,
                    "batch": WORKLOADS[name][1], "compile_s": compile_s}
            peer_rows = [None] * len(args.peers)
            # Rounds of Plexus and each peer in turn, so that the machine's
            # quiet and busy spells fall on all of them alike.
            for _ in range(args.repeats):
                plexus_round(name, exe, args, work, plex)
                for i, peer in enumerate(args.peers):
                    # A peer that did not run the first time is not retried:
                    # it is reported missing.
                    if peer_rows[i] is not None and "missing" in peer_rows[i]:
                        continue
                    peer_rows[i] = add_round(
                        peer_rows[i],
                        keras_peer(name, args) if peer == "keras" else
                        torch_peer(name, args, peer == "torch-compile"))
            results[name] = [plex] + peer_rows
        print_training(results)
        others = inference.run(args, work, peer_env())
    if args.json:
        for rows in results.values():
            for r in rows:
                r.pop("step_s", None)
        with open(args.json, "w") as f:
            json.dump({**results, **others}, f, indent=1)


def print_training(results):
    print(f"{'workload':8} {'impl':14} {'min step':>10} {'median':>10} "
          f"{'samples/s':>10} {'RSS MiB':>8} {'peer/plexus':>11} "
          f"{'first step':>10}")
    for name, rows in results.items():
        base = statistics.median(rows[0]["step_s"])
        for r in rows:
            if "missing" in r:
                print(f"{name:8} {r['impl']:14} not run: {r['missing']}")
                continue
            med = statistics.median(r["step_s"])
            r["median_step_s"], r["min_step_s"] = med, min(r["step_s"])
            r["ratio"] = med / base
            first = r.get("first_step_s")
            print(f"{name:8} {r['impl']:14} {min(r['step_s'])*1e6:8.0f}us "
                  f"{med*1e6:8.0f}us {r['batch']/med:10.0f} {r['rss_mib']:8.0f} "
                  f"{r['ratio']:11.2f} " +
                  (f"{first*1e3:8.0f}ms" if first else ""))
        plex = rows[0]
        print(f"{'':8} plexc compile {plex['compile_s']:.2f} s" +
              ("; Plexus's first step: an upper bound (start-up, data, 4 "
               "steps, checkpoint)" if plex.get("first_step_s") else ""))


if __name__ == "__main__":
    main()
