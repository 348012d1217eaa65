// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// dense(input, units, activation, bias: ...) needs its units.
model M(x: f32[N, 4]) -> f32[N, 4] {
  return dense(x)
}

// CHECK:{{.*}}dense-missing-units.plx:6:10: error: missing argument 'units' in call to 'dense'
// CHECK-NEXT:  return dense(x)
// CHECK-NEXT:         ^~~~~
// CHECK-NEXT:1 error generated.
