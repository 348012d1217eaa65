// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A directory is not a data file.
data d = csv("Inputs")

// CHECK:{{.*}}data-file-directory.plx:5:14: error: data file 'Inputs' is a directory, not a file
// CHECK-NEXT:data d = csv("Inputs")
// CHECK-NEXT:             ^~~~~~~~
// CHECK-NEXT:1 error generated.
