// RUN: plexc --emit=grad %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s < %t
// A loss that depends on an op without a gradient rule fails with one
// diagnostic that lists every such op with its source location.

data d = random(samples: 8, features: 4, targets: 2, seed: 1)

model Quantized(x: f32[N, 4]) -> f32[N, 2] {
  h = round(dense(x, 8, tanh))
  g = dense(h, 8, round)
  return dense(g, 2)
}

train Quantized on d {
  loss = mse
  optimizer = sgd(lr: 0.1)
  epochs = 1
}

// CHECK: {{.*}}no-gradient-rule.plx:14:1: error: cannot differentiate the loss: 2 operations between the parameters and the loss have no gradient rule
// CHECK-NEXT: train Quantized on d {
// CHECK-NEXT: ^
// CHECK: {{.*}}no-gradient-rule.plx:9:7: note: 'nn.round' has no gradient rule
// CHECK-NEXT:   h = round(dense(x, 8, tanh))
// CHECK-NEXT:       ^
// CHECK: {{.*}}no-gradient-rule.plx:10:7: note: 'nn.round' has no gradient rule
// CHECK-NEXT:   g = dense(h, 8, round)
// CHECK-NEXT:       ^
