// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A string must end on the line it starts on.
data d = csv("data.csv, header: true)
model M(x: f32[N, 4]) -> f32[N, 4] { return x }

// CHECK:{{.*}}unterminated-string.plx:5:14: error: unterminated string literal
// CHECK-NEXT:data d = csv("data.csv, header: true)
// CHECK-NEXT:             ^
// CHECK-NEXT:1 error generated.
