// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// 'return' needs a value.
model M(x: f32[N, 4]) -> f32[N, 4] {
  h = relu(x)
  return
}

// CHECK:{{.*}}missing-expression.plx:8:1: error: expected an expression, found '}'
// CHECK-NEXT:}
// CHECK-NEXT:^
// CHECK-NEXT:1 error generated.
