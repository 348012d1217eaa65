// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A train block's loop steps its own model.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
model Other(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  for (x, y) in batches(points.train, 32) {
    step mse(Other(x), y)
  }
}

// CHECK:{{.*}}loop-other-model.plx:11:14: error: this loop trains 'Net', not 'Other'
// CHECK-NEXT:    step mse(Other(x), y)
// CHECK-NEXT:             ^~~~~
// CHECK-NEXT:1 error generated.
