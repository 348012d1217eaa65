// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Only the first dimension, the batch, may be a symbol.
model M(x: f32[N, K]) -> f32[N, 4] {
  return dense(x, 4)
}

// CHECK:{{.*}}symbolic-dim-not-first.plx:5:19: error: symbolic dimension 'K' is only allowed as the first (batch) dimension
// CHECK-NEXT:model M(x: f32[N, K]) -> f32[N, 4] {
// CHECK-NEXT:                  ^
// CHECK-NEXT:1 error generated.
