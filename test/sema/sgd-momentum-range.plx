// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Momentum is in [0, 1).
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = sgd(lr: 0.1, momentum: 1.0)
}

// CHECK:{{.*}}sgd-momentum-range.plx:8:38: error: argument 'momentum' of 'sgd' must be in [0, 1), got 1
// CHECK-NEXT:  optimizer = sgd(lr: 0.1, momentum: 1.0)
// CHECK-NEXT:                                     ^~~
// CHECK-NEXT:1 error generated.
