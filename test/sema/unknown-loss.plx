// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Losses are known names, with a suggestion for near misses.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  loss = sparse_categorical_crossentropi
}

// CHECK:{{.*}}unknown-loss.plx:9:10: error: unknown loss 'sparse_categorical_crossentropi'; expected one of categorical_crossentropy, sparse_categorical_crossentropy, cross_entropy, binary_crossentropy, mse, mae, huber
// CHECK-NEXT:  loss = sparse_categorical_crossentropi
// CHECK-NEXT:         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}unknown-loss.plx:9:10: help: did you mean 'sparse_categorical_crossentropy'?
// CHECK-NEXT:  loss = sparse_categorical_crossentropi
// CHECK-NEXT:         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:         sparse_categorical_crossentropy
// CHECK-NEXT:1 error generated.
