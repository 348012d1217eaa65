// RUN: plexc --emit=check %s > %t 2>&1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Without an optimizer, training uses sgd(lr: 0.01): a warning, not an
// error, so the exit code is 0 and no error count is printed.
data points = random(samples: 100, features: 4, classes: 3)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points {
  epochs = 5
}

// CHECK:{{.*}}no-optimizer-warning.plx:8:1: warning: no optimizer given; using sgd(lr: 0.01)
// CHECK-NEXT:train Net on points {
// CHECK-NEXT:^~~~~
// CHECK-NOT:{{.}}
