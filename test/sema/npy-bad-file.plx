// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// NPY files are checked at compile time too.
data images = npy("Inputs/not-npy.npy")

// CHECK:{{.*}}npy-bad-file.plx:5:19: error: 'not-npy.npy' is not an NPY file (bad magic)
// CHECK-NEXT:data images = npy("Inputs/not-npy.npy")
// CHECK-NEXT:                  ^~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:1 error generated.
