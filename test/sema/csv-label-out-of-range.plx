// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// The label column must exist in the file.
data flowers = csv("Inputs/header.csv", header: true, label: 5)

// CHECK:{{.*}}csv-label-out-of-range.plx:5:62: error: label column 5 is out of range: 'Inputs/header.csv' has 5 columns (0..4)
// CHECK-NEXT:data flowers = csv("Inputs/header.csv", header: true, label: 5)
// CHECK-NEXT:                                                             ^
// CHECK-NEXT:1 error generated.
