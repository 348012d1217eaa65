#!/usr/bin/env python3
"""The PyTorch side of bench/run.py: trains one workload with the same
shapes, optimizer and batch size as the Plexus model, on random data, and
prints JSON (on the CPU, or with --device cuda on the GPU, synchronized
after every step): the time of every step after the first epoch's warm-up, the
time from process start to the end of the first step, peak RSS comes from
the parent."""
import argparse
import json
import time

START = time.perf_counter()

import torch  # noqa: E402  (the import is part of the time to first step)
import torch.nn as nn  # noqa: E402
from epochs import report_epochs  # noqa: E402

WORKLOADS = {
    # name: (input shape per sample, classes, samples, batch, optimizer)
    "W1": ((10,), 10, 100, 32, "adam"),
    "W2": ((784,), 10, 60000, 128, "sgd"),
    "W3": ((1, 28, 28), 10, 6400, 64, "adam"),
}


def model_for(name):
    if name == "W1":
        return nn.Sequential(nn.Linear(10, 500), nn.ReLU(), nn.Linear(500, 10))
    if name == "W2":
        return nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512),
                             nn.ReLU(), nn.Linear(512, 10))
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))


def time_calls(a, device, budget=0.5):
    """Median and minimum seconds per call, after a warm-up, like the
    Plexus program's `latency` command."""
    if a.matmul:
        m, k, n = (int(v) for v in a.matmul.split(","))
        x, w = torch.rand(m, k, device=device), torch.rand(k, n, device=device)
        call = lambda: torch.mm(x, w)  # noqa: E731
    else:
        shape = WORKLOADS[a.workload][0]
        model = model_for(a.workload).to(device).eval()
        x = torch.rand((a.latency,) + shape, device=device)

        def call():
            with torch.no_grad():
                return model(x)
    for _ in range(3):
        call()
    times, start = [], time.perf_counter()
    while len(times) < 20 or time.perf_counter() - start < budget:
        t = time.perf_counter()
        call()
        if device.type == "cuda":
            torch.cuda.synchronize()
        times.append(time.perf_counter() - t)
    times.sort()
    return {"min_s": times[0], "median_s": times[len(times) // 2]}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("workload", choices=sorted(WORKLOADS))
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--compile", action="store_true")
    p.add_argument("--device", default="cpu", help="cpu or cuda")
    p.add_argument("--latency", type=int, metavar="BATCH",
                   help="W4: time the forward pass (no grad) at this batch")
    p.add_argument("--matmul", metavar="M,K,N",
                   help="W5: time torch.mm of an M x K and a K x N matrix")
    a = p.parse_args()
    device = torch.device(a.device)
    if a.latency or a.matmul:
        torch.set_num_threads(a.threads)
        print(json.dumps(time_calls(a, device)))
        return
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    shape, classes, samples, batch, opt = WORKLOADS[a.workload]
    x = torch.rand((samples,) + shape, device=device)
    y = torch.randint(0, classes, (samples,), device=device)
    model = model_for(a.workload).to(device)
    optimizer = (torch.optim.Adam(model.parameters(), lr=1e-3) if opt == "adam"
                 else torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9))
    loss_fn = nn.CrossEntropyLoss()

    def step(xb, yb):
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        return loss

    if a.compile:
        step = torch.compile(step)
    def timed_step(idx):
        step(x[idx], y[idx])
        if device.type == "cuda":
            torch.cuda.synchronize()

    report_epochs(START, a.epochs, samples, batch,
                  lambda: torch.randperm(samples, device=device), timed_step)

if __name__ == "__main__":
    main()
