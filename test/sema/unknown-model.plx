// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// train/evaluate/predict name a model; near misses get a suggestion.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Nte on points.train {
  optimizer = adam
}
predict Classifier on points.test

// CHECK:{{.*}}unknown-model.plx:7:7: error: unknown model 'Nte'
// CHECK-NEXT:train Nte on points.train {
// CHECK-NEXT:      ^~~
// CHECK-NEXT:{{.*}}unknown-model.plx:7:7: help: did you mean 'Net'?
// CHECK-NEXT:train Nte on points.train {
// CHECK-NEXT:      ^~~
// CHECK-NEXT:      Net
// CHECK-NEXT:{{.*}}unknown-model.plx:10:9: error: unknown model 'Classifier'
// CHECK-NEXT:predict Classifier on points.test
// CHECK-NEXT:        ^~~~~~~~~~
// CHECK-NEXT:2 errors generated.
