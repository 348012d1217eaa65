// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Adam's betas are in [0, 1), its epsilon in (0, 1).
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam(lr: 0.001, beta1: 1.5, beta2: -0.001, epsilon: 0)
}

// CHECK:{{.*}}adam-beta-range.plx:8:38: error: argument 'beta1' of 'adam' must be in [0, 1), got 1.5
// CHECK-NEXT:  optimizer = adam(lr: 0.001, beta1: 1.5, beta2: -0.001, epsilon: 0)
// CHECK-NEXT:                                     ^~~
// CHECK-NEXT:{{.*}}adam-beta-range.plx:8:50: error: argument 'beta2' of 'adam' must be in [0, 1), got -0.001
// CHECK-NEXT:  optimizer = adam(lr: 0.001, beta1: 1.5, beta2: -0.001, epsilon: 0)
// CHECK-NEXT:                                                 ^
// CHECK-NEXT:{{.*}}adam-beta-range.plx:8:67: error: argument 'epsilon' of 'adam' must be in (0, 1), got 0
// CHECK-NEXT:  optimizer = adam(lr: 0.001, beta1: 1.5, beta2: -0.001, epsilon: 0)
// CHECK-NEXT:                                                                  ^
// CHECK-NEXT:3 errors generated.
