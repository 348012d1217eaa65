// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A model is applied to the inputs of a batch, and a loss to the model's
// output and the labels, in this order.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  for (x, y) in batches(points.train, 32) {
    step mse(Net(y), x)
  }
}

// CHECK:{{.*}}loop-model-arguments.plx:11:18: error: model 'Net' expects a batch of inputs, found a batch of labels
// CHECK-NEXT:    step mse(Net(y), x)
// CHECK-NEXT:                 ^
// CHECK-NEXT:{{.*}}loop-model-arguments.plx:11:22: error: the loss' second argument expects a batch of labels, found a batch of inputs
// CHECK-NEXT:    step mse(Net(y), x)
// CHECK-NEXT:                     ^
// CHECK-NEXT:2 errors generated.
