// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A block left open before the next declaration: reported at that
// declaration, and the next model is still checked (one error only).
model A(x: f32[N, 4]) -> f32[N, 4] {
  return x

model B(x: f32[N, 4]) -> f32[N, 4] {
  return x
}

// CHECK:{{.*}}missing-close-brace-before-decl.plx:9:1: error: expected '}', found 'model'
// CHECK-NEXT:model B(x: f32[N, 4]) -> f32[N, 4] {
// CHECK-NEXT:^~~~~
// CHECK-NEXT:{{.*}}missing-close-brace-before-decl.plx:6:36: note: to match this '{'
// CHECK-NEXT:model A(x: f32[N, 4]) -> f32[N, 4] {
// CHECK-NEXT:                                   ^
// CHECK-NEXT:1 error generated.
