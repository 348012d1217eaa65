// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Feature columns must exist in the file (ranges are inclusive: 0..5 is six
// columns).
data flowers = csv("Inputs/numbers.csv", features: 0..5, label: first)

// CHECK:{{.*}}csv-feature-out-of-range.plx:6:53: error: feature column 5 is out of range: 'Inputs/numbers.csv' has 5 columns (0..4)
// CHECK-NEXT:data flowers = csv("Inputs/numbers.csv", features: 0..5, label: first)
// CHECK-NEXT:                                                    ^~
// CHECK-NEXT:1 error generated.
