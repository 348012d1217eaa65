// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Only f32 tensors in language version 1.
model M(x: f64[N, 4]) -> i32[N, 4] {
  return x
}

// CHECK:{{.*}}element-type.plx:5:12: error: unsupported element type 'f64'; language version 1 supports only 'f32'
// CHECK-NEXT:model M(x: f64[N, 4]) -> i32[N, 4] {
// CHECK-NEXT:           ^~~~~~~~~
// CHECK-NEXT:{{.*}}element-type.plx:5:26: error: unsupported element type 'i32'; language version 1 supports only 'f32'
// CHECK-NEXT:model M(x: f64[N, 4]) -> i32[N, 4] {
// CHECK-NEXT:                         ^~~~~~~~~
// CHECK-NEXT:2 errors generated.
