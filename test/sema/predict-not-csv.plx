// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Predictions are written as CSV.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train { optimizer = adam }
predict Net on points.test -> "predictions.txt"

// CHECK:{{.*}}predict-not-csv.plx:8:31: error: predictions are written as CSV; the output file name must end in '.csv'
// CHECK-NEXT:predict Net on points.test -> "predictions.txt"
// CHECK-NEXT:                              ^~~~~~~~~~~~~~~~~
// CHECK-NEXT:1 error generated.
