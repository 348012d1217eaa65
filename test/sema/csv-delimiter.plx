// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// The delimiter is one character.
data flowers = csv("Inputs/numbers.csv", delimiter: ", ")

// CHECK:{{.*}}csv-delimiter.plx:5:53: error: delimiter must be a single character
// CHECK-NEXT:data flowers = csv("Inputs/numbers.csv", delimiter: ", ")
// CHECK-NEXT:                                                    ^~~~
// CHECK-NEXT:1 error generated.
