// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// The result type of a model follows '->'.
model M(x: f32[N, 4]) f32[N, 4] {
  return x
}

// CHECK:{{.*}}missing-arrow.plx:5:23: error: expected '->', found 'f32'
// CHECK-NEXT:model M(x: f32[N, 4]) f32[N, 4] {
// CHECK-NEXT:                      ^~~
// CHECK-NEXT:1 error generated.
