// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// An explicit loop decides the number of epochs itself.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  epochs = 10
  for (x, y) in batches(points.train, 32) {
    step sparse_categorical_crossentropy(Net(x), y)
  }
}

// CHECK:{{.*}}epochs-with-loop.plx:9:3: error: 'epochs' cannot be combined with an explicit training loop
// CHECK-NEXT:  epochs = 10
// CHECK-NEXT:  ^~~~~~
// CHECK-NEXT:{{.*}}epochs-with-loop.plx:10:3: note: the loop starts here
// CHECK-NEXT:  for (x, y) in batches(points.train, 32) {
// CHECK-NEXT:  ^~~
// CHECK-NEXT:1 error generated.
