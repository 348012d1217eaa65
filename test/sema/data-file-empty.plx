// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// An empty CSV file has no columns to check.
data d = csv("Inputs/empty.csv")

// CHECK:{{.*}}data-file-empty.plx:5:14: error: data file 'Inputs/empty.csv' is empty
// CHECK-NEXT:data d = csv("Inputs/empty.csv")
// CHECK-NEXT:             ^~~~~~~~~~~~~~~~~~
// CHECK-NEXT:1 error generated.
