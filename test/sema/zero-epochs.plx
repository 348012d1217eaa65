// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// epochs and batch are positive integers.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  epochs = 0
  batch = -32
}

// CHECK:{{.*}}zero-epochs.plx:9:12: error: 'epochs' must be a positive integer, found 0
// CHECK-NEXT:  epochs = 0
// CHECK-NEXT:           ^
// CHECK-NEXT:{{.*}}zero-epochs.plx:10:11: error: 'batch' must be a positive integer, found -32
// CHECK-NEXT:  batch = -32
// CHECK-NEXT:          ^
// CHECK-NEXT:2 errors generated.
