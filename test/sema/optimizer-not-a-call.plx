// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// An optimizer is named, not given as a learning rate.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = 0.01
}

// CHECK:{{.*}}optimizer-not-a-call.plx:8:15: error: expected an optimizer, sgd(...) or adam(...), found a number
// CHECK-NEXT:  optimizer = 0.01
// CHECK-NEXT:              ^~~~
// CHECK-NEXT:1 error generated.
