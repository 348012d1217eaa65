// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Every error in a file is reported in one run, across all declarations.
data points = random(samples: 100, features: 4, classes: 3, split: 1.5)
data flowers = csv("Inputs/header.csv")
model Net(x: f32[N, 4]) -> f32[N, 3] {
  h = dense(x, 16, rellu)
  return dense(h, 3, softmax)
}
model Other(x: f32[N, 4]) -> f32[N, 2] {
  return dense(x, 3)
}
train Other on points {
  optimizer = sgd(lr: 0)
  epochs = 0
}
predict Nett on points -> "out.csv"

// CHECK:{{.*}}multiple-errors.plx:5:68: error: argument 'split' of 'random' must be in (0, 1), got 1.5
// CHECK-NEXT:data points = random(samples: 100, features: 4, classes: 3, split: 1.5)
// CHECK-NEXT:                                                                   ^~~
// CHECK-NEXT:{{.*}}multiple-errors.plx:6:20: error: the first row of 'Inputs/header.csv' is not numeric: 'sepal_length,sepal_width,petal_length,petal_width,species'
// CHECK-NEXT:data flowers = csv("Inputs/header.csv")
// CHECK-NEXT:                   ^~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}multiple-errors.plx:6:16: help: if it is a header, add 'header: true'
// CHECK-NEXT:data flowers = csv("Inputs/header.csv")
// CHECK-NEXT:               ^~~
// CHECK-NEXT:{{.*}}multiple-errors.plx:8:20: error: unknown value 'rellu' for argument 'activation' of 'dense'; expected one of 'gelu', 'log_softmax', 'relu', 'round', 'sigmoid', 'silu', 'softmax', 'tanh', 'linear'
// CHECK-NEXT:  h = dense(x, 16, rellu)
// CHECK-NEXT:                   ^~~~~
// CHECK-NEXT:{{.*}}multiple-errors.plx:8:20: help: did you mean 'relu'?
// CHECK-NEXT:  h = dense(x, 16, rellu)
// CHECK-NEXT:                   ^~~~~
// CHECK-NEXT:                   relu
// CHECK-NEXT:{{.*}}multiple-errors.plx:12:10: error: model 'Other' returns f32[N, 3] but its declared result type is f32[N, 2]
// CHECK-NEXT:  return dense(x, 3)
// CHECK-NEXT:         ^~~~~
// CHECK-NEXT:{{.*}}multiple-errors.plx:11:13: note: input 'x' has shape f32[N, 4]
// CHECK-NEXT:model Other(x: f32[N, 4]) -> f32[N, 2] {
// CHECK-NEXT:            ^
// CHECK-NEXT:{{.*}}multiple-errors.plx:12:10: note: dense(x, 3) has shape f32[N, 3]
// CHECK-NEXT:  return dense(x, 3)
// CHECK-NEXT:         ^~~~~
// CHECK-NEXT:{{.*}}multiple-errors.plx:11:30: note: result type declared here
// CHECK-NEXT:model Other(x: f32[N, 4]) -> f32[N, 2] {
// CHECK-NEXT:                             ^~~~~~~~~
// CHECK-NEXT:{{.*}}multiple-errors.plx:15:23: error: argument 'lr' of 'sgd' must be in (0, 10], got 0
// CHECK-NEXT:  optimizer = sgd(lr: 0)
// CHECK-NEXT:                      ^
// CHECK-NEXT:{{.*}}multiple-errors.plx:16:12: error: 'epochs' must be a positive integer, found 0
// CHECK-NEXT:  epochs = 0
// CHECK-NEXT:           ^
// CHECK-NEXT:{{.*}}multiple-errors.plx:18:9: error: unknown model 'Nett'
// CHECK-NEXT:predict Nett on points -> "out.csv"
// CHECK-NEXT:        ^~~~
// CHECK-NEXT:{{.*}}multiple-errors.plx:18:9: help: did you mean 'Net'?
// CHECK-NEXT:predict Nett on points -> "out.csv"
// CHECK-NEXT:        ^~~~
// CHECK-NEXT:        Net
// CHECK-NEXT:7 errors generated.
