// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// 'return' belongs in model bodies.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  for (x, y) in batches(points.train, 32) {
    step mse(Net(x), y)
    return y
  }
}

// CHECK:{{.*}}return-in-train.plx:11:5: error: 'return' is not allowed in a train block
// CHECK-NEXT:    return y
// CHECK-NEXT:    ^~~~~~
// CHECK-NEXT:1 error generated.
