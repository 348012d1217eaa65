// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Sizes are positive.
model M(x: f32[N, 0]) -> f32[N, 4] {
  return dense(x, 4)
}

// CHECK:{{.*}}zero-dim.plx:5:19: error: dimension must be positive, got 0
// CHECK-NEXT:model M(x: f32[N, 0]) -> f32[N, 4] {
// CHECK-NEXT:                  ^
// CHECK-NEXT:1 error generated.
