// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A loop iterates over a range or over batches, not over a number.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  for epoch in 10 {
    for (x, y) in batches(points.train, 32) {
      step mse(Net(x), y)
    }
  }
}

// CHECK:{{.*}}iterate-number.plx:9:16: error: cannot iterate over an integer; expected a range 'a..b' or batches(...)
// CHECK-NEXT:  for epoch in 10 {
// CHECK-NEXT:               ^~
// CHECK-NEXT:1 error generated.
