// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Each argument has a type: header is a boolean, the path a string, split a
// number in (0, 1).
data a = csv("Inputs/header.csv", header: "yes")
data b = csv(Inputs, header: true)
data c = csv("Inputs/numbers.csv", split: 1.0)
data e = csv("Inputs/numbers.csv", normalize: zscore)

// CHECK:{{.*}}csv-argument-types.plx:6:43: error: argument 'header' of 'csv' must be true or false, found a string
// CHECK-NEXT:data a = csv("Inputs/header.csv", header: "yes")
// CHECK-NEXT:                                          ^~~~~
// CHECK-NEXT:{{.*}}csv-argument-types.plx:7:14: error: argument 'path' of 'csv' must be a string, found the name 'Inputs'
// CHECK-NEXT:data b = csv(Inputs, header: true)
// CHECK-NEXT:             ^~~~~~
// CHECK-NEXT:{{.*}}csv-argument-types.plx:8:43: error: argument 'split' of 'csv' must be in (0, 1), got 1
// CHECK-NEXT:data c = csv("Inputs/numbers.csv", split: 1.0)
// CHECK-NEXT:                                          ^~~
// CHECK-NEXT:{{.*}}csv-argument-types.plx:9:47: error: unknown value 'zscore' for argument 'normalize' of 'csv'; expected one of 'none', 'minmax', 'standard'
// CHECK-NEXT:data e = csv("Inputs/numbers.csv", normalize: zscore)
// CHECK-NEXT:                                              ^~~~~~
// CHECK-NEXT:4 errors generated.
