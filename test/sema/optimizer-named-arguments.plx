// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Named arguments of an optimizer are known and given once.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam(lr: 0.1, lr: 0.01, betas: 0.9)
}

// CHECK:{{.*}}optimizer-named-arguments.plx:8:29: error: argument 'lr' of 'adam' is given twice
// CHECK-NEXT:  optimizer = adam(lr: 0.1, lr: 0.01, betas: 0.9)
// CHECK-NEXT:                            ^~
// CHECK-NEXT:{{.*}}optimizer-named-arguments.plx:8:20: note: first given here
// CHECK-NEXT:  optimizer = adam(lr: 0.1, lr: 0.01, betas: 0.9)
// CHECK-NEXT:                   ^~
// CHECK-NEXT:{{.*}}optimizer-named-arguments.plx:8:39: error: 'adam' has no parameter named 'betas'
// CHECK-NEXT:  optimizer = adam(lr: 0.1, lr: 0.01, betas: 0.9)
// CHECK-NEXT:                                      ^~~~~
// CHECK-NEXT:{{.*}}optimizer-named-arguments.plx:8:39: help: did you mean 'beta1'?
// CHECK-NEXT:  optimizer = adam(lr: 0.1, lr: 0.01, betas: 0.9)
// CHECK-NEXT:                                      ^~~~~
// CHECK-NEXT:                                      beta1
// CHECK-NEXT:2 errors generated.
