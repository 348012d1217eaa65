// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A declarative train block takes only known settings.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  epoch = 10
  learning_rate = 0.1
}

// CHECK:{{.*}}unknown-setting.plx:9:3: error: unknown training setting 'epoch'; expected one of loss, optimizer, epochs, batch, shuffle, metrics, seed, schedule, warmup, validation, monitor, patience, min_delta, checkpoint_every, keep_best
// CHECK-NEXT:  epoch = 10
// CHECK-NEXT:  ^~~~~
// CHECK-NEXT:{{.*}}unknown-setting.plx:9:3: help: did you mean 'epochs'?
// CHECK-NEXT:  epoch = 10
// CHECK-NEXT:  ^~~~~
// CHECK-NEXT:  epochs
// CHECK-NEXT:{{.*}}unknown-setting.plx:10:3: error: unknown training setting 'learning_rate'; expected one of loss, optimizer, epochs, batch, shuffle, metrics, seed, schedule, warmup, validation, monitor, patience, min_delta, checkpoint_every, keep_best
// CHECK-NEXT:  learning_rate = 0.1
// CHECK-NEXT:  ^~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}unknown-setting.plx:10:3: help: the learning rate and momentum are arguments of the optimizer: 'optimizer = sgd(lr: 0.1, momentum: 0.9)'
// CHECK-NEXT:  learning_rate = 0.1
// CHECK-NEXT:  ^~~~~~~~~~~~~
// CHECK-NEXT:2 errors generated.
