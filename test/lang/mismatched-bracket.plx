// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A bracket closed by the wrong kind of bracket.
model M(x: f32[N, 4]) -> f32[N, 4] {
  return dense(x, 4, relu]
}

// CHECK:{{.*}}mismatched-bracket.plx:6:26: error: expected ')', found ']'
// CHECK-NEXT:  return dense(x, 4, relu]
// CHECK-NEXT:                         ^
// CHECK-NEXT:{{.*}}mismatched-bracket.plx:6:15: note: to match this '('
// CHECK-NEXT:  return dense(x, 4, relu]
// CHECK-NEXT:              ^
// CHECK-NEXT:1 error generated.
