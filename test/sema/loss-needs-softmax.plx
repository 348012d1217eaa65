// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Cross-entropy losses are computed from the logits under the model's final
// softmax: a model without one must say it returns logits. The default loss
// is categorical_crossentropy.
data points = random(samples: 100, features: 4, classes: 3)
model Net(x: f32[N, 4]) -> f32[N, 3] {
  h = dense(x, 8, relu)
  return dense(h, 3)
}
train Net on points {
  optimizer = adam
}

// CHECK:{{.*}}loss-needs-softmax.plx:12:1: error: loss 'categorical_crossentropy' needs a model that ends in softmax (it is the default loss)
// CHECK-NEXT:train Net on points {
// CHECK-NEXT:^~~~~
// CHECK-NEXT:{{.*}}loss-needs-softmax.plx:10:10: note: model 'Net' ends here without an activation
// CHECK-NEXT:  return dense(h, 3)
// CHECK-NEXT:         ^~~~~
// CHECK-NEXT:{{.*}}loss-needs-softmax.plx:12:1: help: end the model in softmax, or give the loss 'from_logits: true' if the model returns logits
// CHECK-NEXT:train Net on points {
// CHECK-NEXT:^~~~~
// CHECK-NEXT:1 error generated.
