// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// train/evaluate/predict name a data set declared with 'data'.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on pionts.train {
  optimizer = adam
}
evaluate Net on Net

// CHECK:{{.*}}unknown-data-set.plx:7:14: error: unknown data set 'pionts'
// CHECK-NEXT:train Net on pionts.train {
// CHECK-NEXT:             ^~~~~~
// CHECK-NEXT:{{.*}}unknown-data-set.plx:7:14: help: did you mean 'points'?
// CHECK-NEXT:train Net on pionts.train {
// CHECK-NEXT:             ^~~~~~
// CHECK-NEXT:             points
// CHECK-NEXT:{{.*}}unknown-data-set.plx:10:17: error: 'Net' is not a data set
// CHECK-NEXT:evaluate Net on Net
// CHECK-NEXT:                ^~~
// CHECK-NEXT:{{.*}}unknown-data-set.plx:6:7: note: 'Net' is declared here
// CHECK-NEXT:model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
// CHECK-NEXT:      ^~~
// CHECK-NEXT:2 errors generated.
