// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Only the learning rate changes during training.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = sgd(lr: 0.1, momentum: 0.9)
  for epoch in 1..3 {
    optimizer.momentum = 0.5
    optimizer = adam
    for (x, y) in batches(points.train, 32) {
      step mse(Net(x), y)
    }
  }
}

// CHECK:{{.*}}loop-optimizer-fields.plx:10:15: error: 'momentum' cannot be changed during training; only 'optimizer.lr' can
// CHECK-NEXT:    optimizer.momentum = 0.5
// CHECK-NEXT:              ^~~~~~~~
// CHECK-NEXT:{{.*}}loop-optimizer-fields.plx:11:5: error: the optimizer cannot be replaced inside a loop
// CHECK-NEXT:    optimizer = adam
// CHECK-NEXT:    ^~~~~~~~~
// CHECK-NEXT:2 errors generated.
