// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Arguments are separated by commas.
model M(x: f32[N, 4]) -> f32[N, 4] {
  return dense(x 4)
}

// CHECK:{{.*}}missing-comma.plx:6:18: error: expected ',' or ')', found '4'
// CHECK-NEXT:  return dense(x 4)
// CHECK-NEXT:                 ^
// CHECK-NEXT:1 error generated.
