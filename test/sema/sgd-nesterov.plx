// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Nesterov momentum needs a momentum.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = sgd(0.1, nesterov: true)
}

// CHECK:{{.*}}sgd-nesterov.plx:8:15: error: nesterov requires a momentum > 0
// CHECK-NEXT:  optimizer = sgd(0.1, nesterov: true)
// CHECK-NEXT:              ^~~
// CHECK-NEXT:1 error generated.
