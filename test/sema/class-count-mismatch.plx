// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A classifier has one output per class of its data.
data points = random(samples: 100, features: 4, classes: 10)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
predict Net on points -> "out.csv"

// CHECK:{{.*}}class-count-mismatch.plx:7:16: error: model 'Net' has 3 outputs but data set 'points' has 10 classes
// CHECK-NEXT:predict Net on points -> "out.csv"
// CHECK-NEXT:               ^~~~~~
// CHECK-NEXT:{{.*}}class-count-mismatch.plx:6:28: note: model result declared here
// CHECK-NEXT:model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
// CHECK-NEXT:                           ^~~~~~~~~
// CHECK-NEXT:1 error generated.
