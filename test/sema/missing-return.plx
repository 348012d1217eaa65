// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A model body ends with 'return'.
model M(x: f32[N, 4]) -> f32[N, 4] {
  h = dense(x, 4, relu)
}

// CHECK:{{.*}}missing-return.plx:5:7: error: model 'M' has no 'return' statement
// CHECK-NEXT:model M(x: f32[N, 4]) -> f32[N, 4] {
// CHECK-NEXT:      ^
// CHECK-NEXT:1 error generated.
