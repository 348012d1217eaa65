// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// The same in a training loop; 'from_logits: true' would accept the model.
data points = random(samples: 100, features: 4, classes: 3)
model Net(x: f32[N, 4]) -> f32[N, 3] { return relu(dense(x, 3)) }
train Net on points {
  optimizer = adam
  for (x, y) in batches(points, 16) {
    step sparse_categorical_crossentropy(Net(x), y)
  }
}

// CHECK:{{.*}}loss-needs-softmax-loop.plx:10:10: error: loss 'sparse_categorical_crossentropy' needs a model that ends in softmax
// CHECK-NEXT:    step sparse_categorical_crossentropy(Net(x), y)
// CHECK-NEXT:         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}loss-needs-softmax-loop.plx:6:47: note: model 'Net' ends here, in relu
// CHECK-NEXT:model Net(x: f32[N, 4]) -> f32[N, 3] { return relu(dense(x, 3)) }
// CHECK-NEXT:                                              ^~~~
// CHECK-NEXT:{{.*}}loss-needs-softmax-loop.plx:10:10: help: end the model in softmax, or give the loss 'from_logits: true' if the model returns logits
// CHECK-NEXT:    step sparse_categorical_crossentropy(Net(x), y)
// CHECK-NEXT:         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:1 error generated.
