// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// An evaluate block takes 'metrics' and 'batch' only.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train { optimizer = adam }
evaluate Net on points.test {
  metrics = [accuracy]
  batch = 0
  epochs = 3
}

// CHECK:{{.*}}evaluate-block.plx:10:11: error: 'batch' must be a positive integer, found 0
// CHECK-NEXT:  batch = 0
// CHECK-NEXT:          ^
// CHECK-NEXT:{{.*}}evaluate-block.plx:11:3: error: an evaluate block takes only 'metrics = [...]' and 'batch = N'
// CHECK-NEXT:  epochs = 3
// CHECK-NEXT:  ^~~~~~
// CHECK-NEXT:2 errors generated.
