// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Optimizers take the learning rate by position and the rest by name.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = sgd(0.1, 0.9)
}

// CHECK:{{.*}}optimizer-arguments.plx:8:24: error: too many positional arguments to 'sgd': expected at most 1
// CHECK-NEXT:  optimizer = sgd(0.1, 0.9)
// CHECK-NEXT:                       ^~~
// CHECK-NEXT:{{.*}}optimizer-arguments.plx:8:15: note: 'sgd' takes: lr, momentum, nesterov, clipnorm
// CHECK-NEXT:  optimizer = sgd(0.1, 0.9)
// CHECK-NEXT:              ^~~
// CHECK-NEXT:1 error generated.
