"""The training loop both peers time (torch_peer.py, keras_peer.py)."""
import json
import time


def report_epochs(start, epochs, samples, batch, permutation, step):
    """Runs `epochs` epochs of step(idx) over permutation() batches and
    prints the JSON bench/run.py reads: every step's time after the first
    epoch (the warm-up), and the time from `start` (process start) to the
    end of the first step."""
    times, first = [], None
    for epoch in range(epochs):
        perm = permutation()
        for i in range(0, samples, batch):
            t = time.perf_counter()
            step(perm[i:i + batch])
            now = time.perf_counter()
            if first is None:
                first = now - start
            if epoch > 0 or epochs == 1:
                times.append(now - t)
    print(json.dumps({"step_times": times, "first_step_s": first,
                      "samples_per_step": batch}))
