// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

model M(x: f32[N, 4]) -> f32[N, 4] { return x }
/* A block comment that never ends hides everything after it:
model B(x: f32[N, 4]) -> f32[N, 4] { return x }

// CHECK:{{.*}}unterminated-comment.plx:5:1: error: unterminated block comment
// CHECK-NEXT:/* A block comment that never ends hides everything after it:
// CHECK-NEXT:^~
// CHECK-NEXT:1 error generated.
