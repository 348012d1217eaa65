// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Optimizers are sgd, adam, adamw and rmsprop.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = rmsprob(lr: 0.001)
}

// CHECK:{{.*}}unknown-optimizer.plx:8:15: error: unknown optimizer 'rmsprob'; expected one of sgd, adam, adamw, rmsprop
// CHECK-NEXT:  optimizer = rmsprob(lr: 0.001)
// CHECK-NEXT:              ^~~~~~~
// CHECK-NEXT:{{.*}}unknown-optimizer.plx:8:15: help: did you mean 'rmsprop'?
// CHECK-NEXT:  optimizer = rmsprob(lr: 0.001)
// CHECK-NEXT:              ^~~~~~~
// CHECK-NEXT:              rmsprop
// CHECK-NEXT:1 error generated.
