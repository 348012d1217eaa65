// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A column cannot be the label and a feature at once; by default the label
// is the last column.
data flowers = csv("Inputs/numbers.csv", features: [0, 2, 4])

// CHECK:{{.*}}csv-label-is-feature.plx:6:52: error: column 4 is both the label and a feature
// CHECK-NEXT:data flowers = csv("Inputs/numbers.csv", features: [0, 2, 4])
// CHECK-NEXT:                                                   ^~~~~~~~~
// CHECK-NEXT:{{.*}}csv-label-is-feature.plx:6:16: note: the label is column 4 (by default, the last column)
// CHECK-NEXT:data flowers = csv("Inputs/numbers.csv", features: [0, 2, 4])
// CHECK-NEXT:               ^~~
// CHECK-NEXT:1 error generated.
