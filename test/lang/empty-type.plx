// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A tensor type lists at least one dimension.
model M(x: f32[]) -> f32[N, 4] { return x }

// CHECK:{{.*}}empty-type.plx:5:16: error: expected identifier or integer, found ']'
// CHECK-NEXT:model M(x: f32[]) -> f32[N, 4] { return x }
// CHECK-NEXT:               ^
// CHECK-NEXT:1 error generated.
