// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// The learning rate is in (0, 10].
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = sgd(lr: -0.1)
}

// CHECK:{{.*}}sgd-negative-lr.plx:8:23: error: argument 'lr' of 'sgd' must be in (0, 10], got -0.1
// CHECK-NEXT:  optimizer = sgd(lr: -0.1)
// CHECK-NEXT:                      ^
// CHECK-NEXT:1 error generated.
