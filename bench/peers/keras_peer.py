#!/usr/bin/env python3
"""The Keras 3 side of bench/run.py (TensorFlow CPU backend): trains one
workload with the same shapes, optimizer and batch size as the Plexus
model, on random data, one `train_on_batch` call per step, and prints JSON
like torch_peer.py: the time of every step after the first epoch's
warm-up, and the time from process start to the end of the first step."""
import argparse
import os
import time

START = time.perf_counter()
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import keras  # noqa: E402  (the import is part of the time to first step)
from keras import layers  # noqa: E402
from epochs import report_epochs  # noqa: E402

WORKLOADS = {
    # name: (input shape per sample, classes, samples, batch, optimizer)
    "W1": ((10,), 10, 100, 32, "adam"),
    "W2": ((784,), 10, 60000, 128, "sgd"),
    "W3": ((28, 28, 1), 10, 6400, 64, "adam"),
}


def model_for(name, shape):
    if name == "W1":
        body = [layers.Dense(500, activation="relu"), layers.Dense(10)]
    elif name == "W2":
        body = [layers.Dense(512, activation="relu"),
                layers.Dense(512, activation="relu"), layers.Dense(10)]
    else:
        body = [layers.Conv2D(32, 3, padding="same", activation="relu"),
                layers.MaxPooling2D(2),
                layers.Conv2D(64, 3, padding="same", activation="relu"),
                layers.MaxPooling2D(2), layers.Flatten(),
                layers.Dense(128, activation="relu"), layers.Dense(10)]
    return keras.Sequential([keras.Input(shape)] + body)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("workload", choices=sorted(WORKLOADS))
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    import tensorflow as tf
    tf.config.threading.set_intra_op_parallelism_threads(a.threads)
    tf.config.threading.set_inter_op_parallelism_threads(a.threads)
    shape, classes, samples, batch, opt = WORKLOADS[a.workload]
    rng = np.random.default_rng(0)
    x = rng.random((samples,) + shape, dtype=np.float32)
    y = rng.integers(0, classes, samples)
    model = model_for(a.workload, shape)
    optimizer = (keras.optimizers.Adam(1e-3) if opt == "adam"
                 else keras.optimizers.SGD(0.01, momentum=0.9))
    model.compile(optimizer=optimizer,
                  loss=keras.losses.SparseCategoricalCrossentropy(
                      from_logits=True))
    report_epochs(START, a.epochs, samples, batch,
                  lambda: rng.permutation(samples),
                  lambda idx: model.train_on_batch(x[idx], y[idx]))

if __name__ == "__main__":
    main()
