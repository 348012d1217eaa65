// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A call left open at the end of the file.
data d = random(samples: 10, features: 4,

// CHECK:{{.*}}missing-close-paren-eof.plx:5:42: error: expected ')', found end of file
// CHECK-NEXT:data d = random(samples: 10, features: 4,
// CHECK-NEXT:                                         ^
// CHECK-NEXT:{{.*}}missing-close-paren-eof.plx:5:16: note: to match this '('
// CHECK-NEXT:data d = random(samples: 10, features: 4,
// CHECK-NEXT:               ^
// CHECK-NEXT:1 error generated.
