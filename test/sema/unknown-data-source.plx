// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Data comes from csv(...), npy(...) or random(...); two swapped letters
// still get a suggestion.
data d = cvs("Inputs/numbers.csv")
data e = database("iris")

// CHECK:{{.*}}unknown-data-source.plx:6:10: error: unknown data source 'cvs'; expected csv, npy, idx or random
// CHECK-NEXT:data d = cvs("Inputs/numbers.csv")
// CHECK-NEXT:         ^~~
// CHECK-NEXT:{{.*}}unknown-data-source.plx:6:10: help: did you mean 'csv'?
// CHECK-NEXT:data d = cvs("Inputs/numbers.csv")
// CHECK-NEXT:         ^~~
// CHECK-NEXT:         csv
// CHECK-NEXT:{{.*}}unknown-data-source.plx:7:10: error: unknown data source 'database'; expected csv, npy, idx or random
// CHECK-NEXT:data e = database("iris")
// CHECK-NEXT:         ^~~~~~~~
// CHECK-NEXT:2 errors generated.
