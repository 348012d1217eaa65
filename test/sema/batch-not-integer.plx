// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A batch size is an integer literal.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  batch = 12.5
  seed = "fixed"
}

// CHECK:{{.*}}batch-not-integer.plx:9:11: error: 'batch' must be a positive integer, found 12.5
// CHECK-NEXT:  batch = 12.5
// CHECK-NEXT:          ^~~~
// CHECK-NEXT:{{.*}}batch-not-integer.plx:10:10: error: 'seed' must be a non-negative integer, found a string
// CHECK-NEXT:  seed = "fixed"
// CHECK-NEXT:         ^~~~~~~
// CHECK-NEXT:2 errors generated.
