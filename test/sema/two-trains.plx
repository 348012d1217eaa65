// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Language version 1 compiles one training per program.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train { optimizer = adam }
train Net on points.test { optimizer = sgd }

// CHECK:{{.*}}two-trains.plx:8:1: error: a program has one 'train' declaration in language version 1
// CHECK-NEXT:train Net on points.test { optimizer = sgd }
// CHECK-NEXT:^~~~~
// CHECK-NEXT:{{.*}}two-trains.plx:7:1: note: the first one is here
// CHECK-NEXT:train Net on points.train { optimizer = adam }
// CHECK-NEXT:^~~~~
// CHECK-NEXT:1 error generated.
