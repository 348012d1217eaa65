// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Version 1 models take exactly one input.
model M(a: f32[N, 4], b: f32[N, 4]) -> f32[N, 4] {
  return a + b
}

// CHECK:{{.*}}two-inputs.plx:5:7: error: model 'M' must take exactly one input in language version 1, found 2
// CHECK-NEXT:model M(a: f32[N, 4], b: f32[N, 4]) -> f32[N, 4] {
// CHECK-NEXT:      ^
// CHECK-NEXT:1 error generated.
