// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Integers must fit in 64 bits.
data d = random(samples: 99999999999999999999, features: 4, classes: 2)

// CHECK:{{.*}}integer-too-large.plx:5:26: error: integer '99999999999999999999' is too large
// CHECK-NEXT:data d = random(samples: 99999999999999999999, features: 4, classes: 2)
// CHECK-NEXT:                         ^~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:1 error generated.
