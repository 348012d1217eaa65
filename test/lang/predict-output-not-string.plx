// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// The output file of 'predict' is a string.
data d = random(samples: 10, features: 4, classes: 2)
model M(x: f32[N, 4]) -> f32[N, 2] { return dense(x, 2) }
predict M on d -> predictions.csv

// CHECK:{{.*}}predict-output-not-string.plx:7:19: error: expected string, found 'predictions'
// CHECK-NEXT:predict M on d -> predictions.csv
// CHECK-NEXT:                  ^~~~~~~~~~~
// CHECK-NEXT:1 error generated.
