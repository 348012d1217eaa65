"""The training loop both peers time (torch_peer.py, keras_peer.py)."""
import json
import time


def report_epochs(start, epochs, samples, batch, permutation, step):
    """Runs `epochs` epochs of step(idx) over permutation() batches and
    prints the JSON bench/run.py reads: for each epoch after the first (the
    warm-up), its mean time per step, which is what a Plexus program's epoch
    time divided by its steps measures; and the time from `start` (process
    start) to the end of the first step."""
    epoch_means, first = [], None
    for epoch in range(epochs):
        perm = permutation()
        times = []
        for i in range(0, samples, batch):
            t = time.perf_counter()
            step(perm[i:i + batch])
            now = time.perf_counter()
            if first is None:
                first = now - start
            times.append(now - t)
        if epoch > 0 or epochs == 1:
            epoch_means.append(sum(times) / len(times))
    print(json.dumps({"step_times": epoch_means, "first_step_s": first,
                      "samples_per_step": batch}))
