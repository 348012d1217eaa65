// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A trailing comma in a call: the argument after it is missing.
model M(x: f32[N, 4]) -> f32[N, 4] {
  return dense(x, 4,)
}

// CHECK:{{.*}}trailing-comma.plx:6:21: error: expected an expression, found ')'
// CHECK-NEXT:  return dense(x, 4,)
// CHECK-NEXT:                    ^
// CHECK-NEXT:1 error generated.
