// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// 'step' takes a loss: a model output is not one.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  for (x, y) in batches(points.train, 32) {
    step Net(x)
  }
}

// CHECK:{{.*}}step-not-a-loss.plx:10:10: error: 'step' expects a loss, found a model output
// CHECK-NEXT:    step Net(x)
// CHECK-NEXT:         ^~~
// CHECK-NEXT:1 error generated.
