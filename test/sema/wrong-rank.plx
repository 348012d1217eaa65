// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Tensors have rank 2 to 4 and models return [batch, outputs]; an input
// with a wrong type is not reported again where it is used.
model M(x: f32[N, 4, 2, 2, 1]) -> f32[N] {
  return relu(x)
}

model Image(x: f32[N, 8, 8, 1]) -> f32[N, 8, 8, 1] {
  return relu(x)
}

// CHECK:{{.*}}wrong-rank.plx:6:12: error: expected a tensor type of rank 2 to 4 such as f32[N, 10] or f32[N, 28, 28, 1], found rank 5
// CHECK-NEXT:model M(x: f32[N, 4, 2, 2, 1]) -> f32[N] {
// CHECK-NEXT:           ^~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}wrong-rank.plx:6:35: error: expected a tensor type of rank 2 to 4 such as f32[N, 10] or f32[N, 28, 28, 1], found rank 1
// CHECK-NEXT:model M(x: f32[N, 4, 2, 2, 1]) -> f32[N] {
// CHECK-NEXT:                                  ^~~~~~
// CHECK-NEXT:{{.*}}wrong-rank.plx:10:36: error: a model returns a rank-2 tensor [batch, outputs], found f32[N, 8, 8, 1]
// CHECK-NEXT:model Image(x: f32[N, 8, 8, 1]) -> f32[N, 8, 8, 1] {
// CHECK-NEXT:                                   ^~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}wrong-rank.plx:10:36: help: flatten(...) turns an image-shaped value into rows
// CHECK-NEXT:model Image(x: f32[N, 8, 8, 1]) -> f32[N, 8, 8, 1] {
// CHECK-NEXT:                                   ^~~~~~~~~~~~~~~
// CHECK-NEXT:3 errors generated.
