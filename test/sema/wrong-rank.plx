// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Version 1 models take and return rank-2 tensors; an input with a wrong
// type is not reported again where it is used.
model M(x: f32[N, 4, 2]) -> f32[N] {
  return relu(x)
}

// CHECK:{{.*}}wrong-rank.plx:6:12: error: expected a rank-2 tensor type such as f32[N, 10], found rank 3
// CHECK-NEXT:model M(x: f32[N, 4, 2]) -> f32[N] {
// CHECK-NEXT:           ^~~~~~~~~~~~
// CHECK-NEXT:{{.*}}wrong-rank.plx:6:29: error: expected a rank-2 tensor type such as f32[N, 10], found rank 1
// CHECK-NEXT:model M(x: f32[N, 4, 2]) -> f32[N] {
// CHECK-NEXT:                            ^~~~~~
// CHECK-NEXT:2 errors generated.
