// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Data files are opened at compile time, relative to the model file.
data d = csv("Inputs/missing.csv", label: last)

// CHECK:{{.*}}data-file-not-found.plx:5:14: error: data file 'Inputs/missing.csv' not found
// CHECK-NEXT:data d = csv("Inputs/missing.csv", label: last)
// CHECK-NEXT:             ^~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}data-file-not-found.plx:5:14: note: looked for '{{.*}}/sema/Inputs/missing.csv' (paths are relative to the model file)
// CHECK-NEXT:data d = csv("Inputs/missing.csv", label: last)
// CHECK-NEXT:             ^~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:1 error generated.
