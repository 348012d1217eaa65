// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Column indices are >= 0 ('none' says there is no label).
data flowers = csv("Inputs/numbers.csv", label: -1)

// CHECK:{{.*}}csv-negative-label.plx:5:49: error: argument 'label' of 'csv' must be a column index >= 0, got -1
// CHECK-NEXT:data flowers = csv("Inputs/numbers.csv", label: -1)
// CHECK-NEXT:                                                ^
// CHECK-NEXT:1 error generated.
