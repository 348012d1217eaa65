// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// '.train' and '.test' exist only for data sets with a split.
data points = random(samples: 100, features: 4, classes: 3)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
}

// CHECK:{{.*}}train-unsplit.plx:7:21: error: data set 'points' is not split into train and test
// CHECK-NEXT:train Net on points.train {
// CHECK-NEXT:                    ^~~~~
// CHECK-NEXT:{{.*}}train-unsplit.plx:5:1: help: add 'split: 0.8' to its declaration
// CHECK-NEXT:data points = random(samples: 100, features: 4, classes: 3)
// CHECK-NEXT:^~~~
// CHECK-NEXT:1 error generated.
