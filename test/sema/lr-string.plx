// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// The learning rate is a number.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = sgd(lr: 0.1)
  for epoch in 1..10 {
    optimizer.lr = "fast"
    for (x, y) in batches(points.train, 32) {
      step mse(Net(x), y)
    }
  }
}

// CHECK:{{.*}}lr-string.plx:10:20: error: 'optimizer.lr' expects a number, found a string
// CHECK-NEXT:    optimizer.lr = "fast"
// CHECK-NEXT:                   ^~~~~~
// CHECK-NEXT:1 error generated.
