// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A split data set has two parts, 'train' and 'test'.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.validation {
  optimizer = adam
}

// CHECK:{{.*}}data-bad-part.plx:7:21: error: data set 'points' has no part 'validation'; expected 'train' or 'test'
// CHECK-NEXT:train Net on points.validation {
// CHECK-NEXT:                    ^~~~~~~~~~
// CHECK-NEXT:1 error generated.
