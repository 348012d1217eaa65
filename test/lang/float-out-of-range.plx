// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Floating-point literals must be finite doubles.
data d = random(samples: 10, features: 4, classes: 2, split: 1e999)

// CHECK:{{.*}}float-out-of-range.plx:5:62: error: number '1e999' is out of range
// CHECK-NEXT:data d = random(samples: 10, features: 4, classes: 2, split: 1e999)
// CHECK-NEXT:                                                             ^~~~~
// CHECK-NEXT:1 error generated.
