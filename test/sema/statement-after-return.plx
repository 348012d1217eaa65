// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Nothing may follow the 'return' of a model body.
model M(x: f32[N, 4]) -> f32[N, 4] {
  return dense(x, 4)
  h = relu(x)
}

// CHECK:{{.*}}statement-after-return.plx:7:3: error: statement after 'return' is never executed
// CHECK-NEXT:  h = relu(x)
// CHECK-NEXT:  ^
// CHECK-NEXT:1 error generated.
