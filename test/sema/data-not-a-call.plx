// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A data declaration names a source call, not a value.
data d = "Inputs/numbers.csv"

// CHECK:{{.*}}data-not-a-call.plx:5:10: error: expected a data source, csv(...), npy(...), idx(...) or random(...), found a string
// CHECK-NEXT:data d = "Inputs/numbers.csv"
// CHECK-NEXT:         ^~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:1 error generated.
