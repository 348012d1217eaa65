// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// The result has the input's batch dimension.
model M(x: f32[N, 4]) -> f32[B, 4] {
  return dense(x, 4)
}

// CHECK:{{.*}}batch-symbol-mismatch.plx:5:30: error: the result's batch dimension 'B' must be the input's, 'N'
// CHECK-NEXT:model M(x: f32[N, 4]) -> f32[B, 4] {
// CHECK-NEXT:                             ^
// CHECK-NEXT:{{.*}}batch-symbol-mismatch.plx:5:16: note: the input's batch dimension is declared here
// CHECK-NEXT:model M(x: f32[N, 4]) -> f32[B, 4] {
// CHECK-NEXT:               ^
// CHECK-NEXT:1 error generated.
