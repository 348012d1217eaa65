// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Each setting is given once.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  epochs = 10
  batch = 32
  epochs = 20
}

// CHECK:{{.*}}setting-twice.plx:11:3: error: setting 'epochs' is given twice
// CHECK-NEXT:  epochs = 20
// CHECK-NEXT:  ^~~~~~
// CHECK-NEXT:{{.*}}setting-twice.plx:9:3: note: first given here
// CHECK-NEXT:  epochs = 10
// CHECK-NEXT:  ^~~~~~
// CHECK-NEXT:1 error generated.
