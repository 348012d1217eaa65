// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// No suggestion when nothing is close: 'y' is not a typo of 'x'.
model M(x: f32[N, 4]) -> f32[N, 4] {
  h = dense(x, 4, relu)
  return dense(y, 4)
}

// CHECK:{{.*}}undeclared-name-no-suggestion.plx:7:16: error: use of undeclared name 'y'
// CHECK-NEXT:  return dense(y, 4)
// CHECK-NEXT:               ^
// CHECK-NEXT:1 error generated.
