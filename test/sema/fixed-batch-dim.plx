// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// The batch size is chosen by train/evaluate/predict, so the first
// dimension must be a symbol.
model M(x: f32[32, 4]) -> f32[N, 4] {
  return dense(x, 4)
}

// CHECK:{{.*}}fixed-batch-dim.plx:6:16: error: the first dimension is the batch dimension and must be a symbol such as 'N', found 32
// CHECK-NEXT:model M(x: f32[32, 4]) -> f32[N, 4] {
// CHECK-NEXT:               ^~
// CHECK-NEXT:1 error generated.
