// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A loss that is no near miss: the error lists the losses.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  loss = hinge
}

// CHECK:{{.*}}unknown-loss-no-suggestion.plx:9:10: error: unknown loss 'hinge'; expected one of categorical_crossentropy, sparse_categorical_crossentropy, cross_entropy, binary_crossentropy, mse, mae, huber
// CHECK-NEXT:  loss = hinge
// CHECK-NEXT:         ^~~~~
// CHECK-NEXT:1 error generated.
