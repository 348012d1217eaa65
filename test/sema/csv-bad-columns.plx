// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Column ranges go upwards, lists hold integers, and are not empty.
data a = csv("Inputs/numbers.csv", features: 3..1)
data b = csv("Inputs/numbers.csv", features: [0, 1.5])
data c = csv("Inputs/numbers.csv", features: [])

// CHECK:{{.*}}csv-bad-columns.plx:5:47: error: empty column range 3..1
// CHECK-NEXT:data a = csv("Inputs/numbers.csv", features: 3..1)
// CHECK-NEXT:                                              ^~
// CHECK-NEXT:{{.*}}csv-bad-columns.plx:6:50: error: column index must be an integer, found a number
// CHECK-NEXT:data b = csv("Inputs/numbers.csv", features: [0, 1.5])
// CHECK-NEXT:                                                 ^~~
// CHECK-NEXT:{{.*}}csv-bad-columns.plx:7:46: error: empty column list
// CHECK-NEXT:data c = csv("Inputs/numbers.csv", features: [])
// CHECK-NEXT:                                             ^~
// CHECK-NEXT:3 errors generated.
