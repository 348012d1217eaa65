// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Ranges have integer bounds, and are iterated with one variable.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  for epoch in 1..2.5 {
    for (x, y) in batches(points.train, 32) {
      step mse(Net(x), y)
    }
  }
  for (i, j) in 1..3 {
    log i, j
  }
}

// CHECK:{{.*}}loop-range-bounds.plx:9:17: error: range bounds must be integers
// CHECK-NEXT:  for epoch in 1..2.5 {
// CHECK-NEXT:                ^~
// CHECK-NEXT:{{.*}}loop-range-bounds.plx:14:8: error: a range is iterated with one variable
// CHECK-NEXT:  for (i, j) in 1..3 {
// CHECK-NEXT:       ^
// CHECK-NEXT:2 errors generated.
