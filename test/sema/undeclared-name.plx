// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A name that is not defined in the model body; the suggestion catches a
// transposition of two letters.
model M(input: f32[N, 4]) -> f32[N, 4] {
  return dense(inptu, 4)
}

// CHECK:{{.*}}undeclared-name.plx:7:16: error: use of undeclared name 'inptu'
// CHECK-NEXT:  return dense(inptu, 4)
// CHECK-NEXT:               ^~~~~
// CHECK-NEXT:{{.*}}undeclared-name.plx:7:16: help: did you mean 'input'?
// CHECK-NEXT:  return dense(inptu, 4)
// CHECK-NEXT:               ^~~~~
// CHECK-NEXT:               input
// CHECK-NEXT:1 error generated.
