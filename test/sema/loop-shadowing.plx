// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Loop variables do not shadow other names.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  for epoch in 1..3 {
    for epoch in 1..3 {
      for (x, y) in batches(points.train, 32) {
        step mse(Net(x), y)
      }
    }
  }
}

// CHECK:{{.*}}loop-shadowing.plx:10:9: error: loop variable 'epoch' shadows an existing name
// CHECK-NEXT:    for epoch in 1..3 {
// CHECK-NEXT:        ^~~~~
// CHECK-NEXT:1 error generated.
