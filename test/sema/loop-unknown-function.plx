// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Unknown functions in a loop, with a suggestion for a misspelled loss.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  for (x, y) in batches(points.train, 32) {
    step sparse_categorical_crossentropi(Net(x), y)
  }
  log accuracy(Net, points.test)
}

// CHECK:{{.*}}loop-unknown-function.plx:10:10: error: unknown function 'sparse_categorical_crossentropi'
// CHECK-NEXT:    step sparse_categorical_crossentropi(Net(x), y)
// CHECK-NEXT:         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}loop-unknown-function.plx:10:10: help: did you mean 'sparse_categorical_crossentropy'?
// CHECK-NEXT:    step sparse_categorical_crossentropi(Net(x), y)
// CHECK-NEXT:         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:         sparse_categorical_crossentropy
// CHECK-NEXT:{{.*}}loop-unknown-function.plx:12:7: error: unknown function 'accuracy'
// CHECK-NEXT:  log accuracy(Net, points.test)
// CHECK-NEXT:      ^~~~~~~~
// CHECK-NEXT:2 errors generated.
