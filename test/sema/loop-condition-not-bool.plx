// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Conditions are booleans: 'epoch % 10' is an integer.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  for epoch in 1..30 {
    for (x, y) in batches(points.train, 32) {
      step mse(Net(x), y)
    }
    if epoch % 10 {
      save "net.safetensors"
    }
  }
}

// CHECK:{{.*}}loop-condition-not-bool.plx:13:14: error: an 'if' condition expects a boolean, found an integer
// CHECK-NEXT:    if epoch % 10 {
// CHECK-NEXT:             ^
// CHECK-NEXT:1 error generated.
