// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s < %t

// rho and weight_decay are in [0, 1); rmsprop has no beta.
data points = random(samples: 100, features: 4, classes: 3)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points { optimizer = rmsprop(lr: 0.01, rho: 1.0) }
train Net on points { optimizer = adamw(weight_decay: -0.1) }
train Net on points { optimizer = rmsprop(beta1: 0.9) }

// CHECK: optimizer-ranges.plx:7:58: error: argument 'rho' of 'rmsprop' must be in [0, 1), got 1
// CHECK: optimizer-ranges.plx:8:55: error: argument 'weight_decay' of 'adamw' must be in [0, 1), got -0.1
// CHECK: optimizer-ranges.plx:9:43: error: 'rmsprop' has no parameter named 'beta1'
