// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Elementwise operators need equal shapes; the notes explain both operands.
model M(x: f32[N, 4]) -> f32[N, 8] {
  h = dense(x, 8, relu)
  return h + x
}

// CHECK:{{.*}}shape-mismatch-binary.plx:7:12: error: operands of '+' have different shapes: f32[N, 8] and f32[N, 4]
// CHECK-NEXT:  return h + x
// CHECK-NEXT:           ^
// CHECK-NEXT:{{.*}}shape-mismatch-binary.plx:5:9: note: input 'x' has shape f32[N, 4]
// CHECK-NEXT:model M(x: f32[N, 4]) -> f32[N, 8] {
// CHECK-NEXT:        ^
// CHECK-NEXT:{{.*}}shape-mismatch-binary.plx:6:7: note: dense(x, 8, relu) has shape f32[N, 8]
// CHECK-NEXT:  h = dense(x, 8, relu)
// CHECK-NEXT:      ^~~~~
// CHECK-NEXT:{{.*}}shape-mismatch-binary.plx:5:9: note: input 'x' has shape f32[N, 4]
// CHECK-NEXT:model M(x: f32[N, 4]) -> f32[N, 8] {
// CHECK-NEXT:        ^
// CHECK-NEXT:1 error generated.
