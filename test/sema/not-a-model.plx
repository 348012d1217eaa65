// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A data set is not a model.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
evaluate points on points.test

// CHECK:{{.*}}not-a-model.plx:7:10: error: 'points' is not a model
// CHECK-NEXT:evaluate points on points.test
// CHECK-NEXT:         ^~~~~~
// CHECK-NEXT:{{.*}}not-a-model.plx:5:6: note: 'points' is declared here
// CHECK-NEXT:data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
// CHECK-NEXT:     ^~~~~~
// CHECK-NEXT:1 error generated.
