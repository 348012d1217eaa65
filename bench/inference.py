"""W4 (inference latency), W5 (matmul GFLOP/s against the machine's peak)
and plexc's compile time per example, for bench/run.py."""
import json
import os
import re
import statistics
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# W5: the square sizes, then the matmuls of W2's forward pass (M, K, N).
MATMULS = [(256, 256, 256), (512, 512, 512), (1024, 1024, 1024),
           (2048, 2048, 2048), (128, 784, 512), (128, 512, 512),
           (128, 512, 10)]
# The fp32 peak of one core, measured: 24 independent chains of FMAs on the
# widest vectors the CPU has. (Zen 4 runs a 512-bit FMA per cycle, 32
# flop/cycle; Zen 5 two, 64 flop/cycle: the peak is measured, not assumed.)
# It runs in 100 chunks of about 15 ms, as long as a matmul call, and keeps
# the fastest: on a shared machine a long run averages in the time other
# tenants take, which put the "peak" below the best matmul calls.
PEAK_SOURCE = r"""
#include <immintrin.h>
#include <stdio.h>
#include <time.h>
#ifdef __AVX512F__
typedef __m512 V;
#define SET _mm512_set1_ps
#define FMA _mm512_fmadd_ps
#define LANES 16
#else
typedef __m256 V;
#define SET _mm256_set1_ps
#define FMA _mm256_fmadd_ps
#define LANES 8
#endif
int main(void) {
  V a[24], x = SET(1.0000001f), y = SET(1e-9f);
  for (int i = 0; i < 24; ++i) a[i] = SET(i * 1e-9f);
  long n = 2000000;
  double best = 0;
  for (int chunk = 0; chunk < 100; ++chunk) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < n; ++i) {
#pragma GCC unroll 24
      for (int j = 0; j < 24; ++j) a[j] = FMA(a[j], x, y);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
    double gflops = n * 24.0 * LANES * 2 / s / 1e9;
    if (gflops > best) best = gflops;
  }
  float sink = 0;
  for (int i = 0; i < 24; ++i) sink += ((float *)&a[i])[0];
  printf("%f %g\n", best, sink);
  return 0;
}
"""


def plexus_latency(exe, batch, threads):
    out = subprocess.run([exe, "latency", "--batch", str(batch), "--threads",
                          str(threads)], check=True, capture_output=True,
                         text=True).stdout
    m = re.search(r"min ([0-9.]+) us\s+median ([0-9.]+) us", out)
    return {"min_s": float(m.group(1)) * 1e-6,
            "median_s": float(m.group(2)) * 1e-6}


def in_rounds(repeats, plexus, peer):
    """Runs the two measurements in turn, `repeats` rounds, so that a busy
    spell of the machine falls on both alike; returns for each the median
    of the rounds' medians and the minimum of their minimums. A peer that
    fails is not run again, and the rounds it ran count, as in run.py's
    add_round (None if it ran none)."""
    plex_rounds, peer_rounds = [], []
    peer_runs = True
    for _ in range(repeats):
        plex_rounds.append(plexus())
        if peer_runs:
            t = peer()
            peer_runs = t is not None
            if t:
                peer_rounds.append(t)

    def combine(rounds):
        return {"median_s": statistics.median(r["median_s"] for r in rounds),
                "min_s": min(r["min_s"] for r in rounds)}
    return combine(plex_rounds), combine(peer_rounds) if peer_rounds else None


def torch_calls(args, env, extra):
    """torch's latency or matmul calls (the peer "torch"), or None."""
    if "torch" not in args.peers or not os.path.exists(args.python):
        return None
    cmd = [args.python, os.path.join(HERE, "peers", "torch_peer.py"), "W2",
           "--device", args.target] + extra
    try:
        out = subprocess.run(cmd, check=True, capture_output=True, text=True,
                             env=env).stdout
    except subprocess.CalledProcessError:
        return None
    return json.loads(out.strip().splitlines()[-1])


def effective_clock_ghz(work):
    """Cycles per second of a loop that retires one dependent add per
    cycle: the clock the cores actually run at (turbo included). The
    fastest of 100 chunks of 20 million adds, as the peak."""
    src = os.path.join(work, "clock.c")
    with open(src, "w") as f:
        f.write("#include <stdio.h>\n#include <time.h>\n"
                "int main(void) { unsigned long n = 20000000UL, x = 0;\n"
                "  double best = 0;\n"
                "  for (int c = 0; c < 100; ++c) { struct timespec a, b;\n"
                "    clock_gettime(CLOCK_MONOTONIC, &a);\n"
                "    for (unsigned long i = 0; i < n; ++i)\n"
                "      __asm__ volatile(\"add $1, %0\" : \"+r\"(x));\n"
                "    clock_gettime(CLOCK_MONOTONIC, &b);\n"
                "    double g = n / ((b.tv_sec - a.tv_sec) +"
                " 1e-9 * (b.tv_nsec - a.tv_nsec)) / 1e9;\n"
                "    if (g > best) best = g; }\n"
                "  printf(\"%f\\n\", best); return 0; }\n")
    exe = os.path.join(work, "clock")
    subprocess.run(["cc", "-O2", src, "-o", exe], check=True)
    return max(float(subprocess.run([exe], capture_output=True, text=True,
                                    check=True).stdout) for _ in range(3))


def fp32_peak_gflops(work):
    """One core's fp32 GFLOP/s in a loop of nothing but FMAs."""
    src = os.path.join(work, "peak.c")
    with open(src, "w") as f:
        f.write(PEAK_SOURCE)
    exe = os.path.join(work, "peak")
    subprocess.run(["cc", "-O2", "-march=native", "-funroll-loops", src, "-o",
                    exe], check=True)
    return max(float(subprocess.run([exe], capture_output=True, text=True,
                                    check=True).stdout.split()[0])
               for _ in range(3))


def matmul_model(plexc, work, m, k, n):
    """A model whose forward pass is one m x k x n matmul: a linear layer
    without bias (as torch.mm), trained on logits."""
    path = os.path.join(work, f"mm_{m}_{k}_{n}.plx")
    with open(path, "w") as f:
        f.write(f"data d = random(samples: {m}, features: {k}, classes: {n}, "
                f"seed: 1)\n"
                f"model MM(x: f32[B, {k}]) -> f32[B, {n}] {{\n"
                f"  return dense(x, {n}, bias: false)\n}}\n"
                f"train MM on d {{\n  loss = sparse_categorical_crossentropy"
                f"(from_logits: true)\n"
                f"  optimizer = sgd(lr: 0.01)\n  batch = {m}\n}}\n")
    exe = path[:-4]
    subprocess.run([plexc, path, "-o", exe], check=True)
    return exe


def run(args, work, env):
    """Returns the W4/W5/compile-time results and prints their tables."""
    results = {}
    names = args.workloads.split(",")
    if "W4" in names:
        exe = os.path.join(work, "W4")
        subprocess.run([args.plexc, "--target=" + args.target,
                        os.path.join(HERE, "workloads", "W2.plx"), "-o", exe],
                       check=True)
        rows = []
        for batch in (1, 256):
            plex, peer = in_rounds(
                args.repeats,
                lambda: plexus_latency(exe, batch, args.threads),
                lambda: torch_calls(args, env, [
                    "--latency", str(batch), "--threads", str(args.threads)]))
            rows.append({"batch": batch, "plexus": plex, "torch": peer})
        results["W4"] = rows
        print(f"\nW4: W2's forward pass ({args.threads} threads; median of "
              f"{args.repeats} rounds' medians)\n"
              f"{'batch':>6} {'plexus median':>14} {'torch median':>13} "
              f"{'torch/plexus':>12}")
        for r in rows:
            p, t = r["plexus"]["median_s"], r["torch"]
            print(f"{r['batch']:6} {p*1e6:12.1f}us " +
                  (f"{t['median_s']*1e6:11.1f}us {t['median_s']/p:12.2f}"
                   if t else "  (torch not run)"))
    if "W5" in names and args.target == "cpu":
        ghz = effective_clock_ghz(work)
        peak = fp32_peak_gflops(work)
        rows = []
        for m, k, n in MATMULS:
            exe = matmul_model(args.plexc, work, m, k, n)
            flop = 2.0 * m * k * n
            row = {"m": m, "k": k, "n": n}
            for threads in (1, 2):
                p, t = in_rounds(
                    args.repeats, lambda: plexus_latency(exe, m, threads),
                    lambda: torch_calls(args, env, [
                        "--matmul", f"{m},{k},{n}", "--threads",
                        str(threads)]))
                row[f"plexus_{threads}t_gflops"] = flop / p["median_s"] / 1e9
                row[f"plexus_{threads}t_best_gflops"] = flop / p["min_s"] / 1e9
                row[f"torch_{threads}t_gflops"] = (
                    flop / t["median_s"] / 1e9 if t else None)
            rows.append(row)
        results["W5"] = {"clock_ghz": ghz, "peak_gflops_per_core": peak,
                         "flop_per_cycle": peak / ghz,
                         "matmuls": rows}
        # The peak is the fastest chunk of an FMA loop; next to each
        # matmul's median call is its best call, the same statistic.
        print(f"\nW5: matmul GFLOP/s (measured fp32 peak {peak:.0f} per core,"
              f" {2*peak:.0f} for two; effective clock {ghz:.2f} GHz, "
              f"{peak/ghz:.0f} flop/cycle; median of {args.repeats} rounds' "
              f"median calls, % of peak at the median (best) call)\n"
              f"{'m x k x n':>16} {'plexus 1t':>10} {'% peak':>12} "
              f"{'torch 1t':>9} {'plexus 2t':>10} {'% peak':>12} "
              f"{'torch 2t':>9}")
        for r in rows:
            def fmt(v):
                return f"{v:9.0f}" if v else "        -"

            def percent(threads):
                p = threads * peak
                return (f"{100*r[f'plexus_{threads}t_gflops']/p:5.0f}% "
                        f"({100*r[f'plexus_{threads}t_best_gflops']/p:3.0f}%)")
            print(f"{r['m']:>5}x{r['k']:>4}x{r['n']:>4} "
                  f"{r['plexus_1t_gflops']:10.0f} {percent(1)} "
                  f"{fmt(r['torch_1t_gflops'])} "
                  f"{r['plexus_2t_gflops']:10.0f} {percent(2)} "
                  f"{fmt(r['torch_2t_gflops'])}")
    if "compile" in names:
        # --repeats compilations of each example, in turn, like the steps:
        # the median and the minimum.
        rows = {}
        examples = os.path.join(ROOT, "examples")
        models = sorted(n for n in os.listdir(examples) if n.endswith(".plx"))
        times = {name: [] for name in models}
        for _ in range(args.repeats):
            for name in models:
                start = time.perf_counter()
                subprocess.run([args.plexc, os.path.join(examples, name), "-o",
                                os.path.join(work, name[:-4])], check=True)
                times[name].append(time.perf_counter() - start)
        for name, t in times.items():
            rows[name] = {"median_s": statistics.median(t), "min_s": min(t)}
        results["compile"] = rows
        print("\nplexc compile time per example, median (min) of "
              f"{args.repeats}: " +
              ", ".join(f"{k} {v['median_s']:.2f} s ({v['min_s']:.2f})"
                        for k, v in rows.items()))
    return results
