// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Batches are pairs of inputs and labels; no follow-on error for 'x'.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  for x in batches(points.train, 32) {
    step mse(Net(x), x)
  }
}

// CHECK:{{.*}}loop-batches-one-variable.plx:9:7: error: batches are iterated as a pair: 'for (x, y) in ...'
// CHECK-NEXT:  for x in batches(points.train, 32) {
// CHECK-NEXT:      ^
// CHECK-NEXT:1 error generated.
