// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Local variables hold numbers and booleans; strings and metrics are logged
// directly.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  for epoch in 1..3 {
    for (x, y) in batches(points.train, 32) {
      step mse(Net(x), y)
    }
    name = "epoch"
    result = evaluate(Net, points.test, [accuracy])
    log name, result
  }
}

// CHECK:{{.*}}loop-local-values.plx:14:12: error: a local variable cannot hold a string; only numbers and booleans
// CHECK-NEXT:    name = "epoch"
// CHECK-NEXT:           ^~~~~~~
// CHECK-NEXT:{{.*}}loop-local-values.plx:15:14: error: a local variable cannot hold metric results; only numbers and booleans
// CHECK-NEXT:    result = evaluate(Net, points.test, [accuracy])
// CHECK-NEXT:             ^~~~~~~~
// CHECK-NEXT:2 errors generated.
