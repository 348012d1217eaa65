// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s < %t

// Schedules: step_decay(every, factor), exponential(factor), cosine(min_lr), with
// an optional warmup; an explicit loop sets optimizer.lr itself.
data points = random(samples: 100, features: 4, classes: 3)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points {
  optimizer = sgd
  schedule = cosin
}
train Net on points {
  optimizer = sgd
  schedule = step_decay
}
train Net on points {
  optimizer = sgd
  schedule = exponential(factor: 1.5)
  warmup = -1
}
train Net on points {
  optimizer = sgd
  warmup = 3
  for epoch in 1..2 {
    for (x, y) in batches(points, 8) { step cross_entropy(Net(x), y) }
  }
}

// CHECK: schedule-errors.plx:10:14: error: expected a learning-rate schedule: step_decay(every: N, factor: F), exponential(factor: F) or cosine(min_lr: X)
// CHECK: schedule-errors.plx:10:14: help: did you mean 'cosine'?
// CHECK: schedule-errors.plx:14:14: error: schedule 'step_decay' needs its arguments, e.g. step_decay(every: 10, factor: 0.5)
// CHECK: schedule-errors.plx:18:34: error: argument 'factor' of 'exponential' must be in (0, 1], got 1.5
// CHECK: schedule-errors.plx:19:12: error: 'warmup' must be a non-negative integer, found
// CHECK: schedule-errors.plx:23:3: error: 'warmup' cannot be combined with an explicit training loop; set 'optimizer.lr' in the loop instead
