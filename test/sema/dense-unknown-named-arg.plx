// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A named argument the layer does not have: a suggestion when one is close,
// else the list of parameters.
model M(x: f32[N, 4]) -> f32[N, 4] {
  h = dense(x, unit: 4)
  return dense(h, 4, init: glorot)
}

// CHECK:{{.*}}dense-unknown-named-arg.plx:7:16: error: 'dense' has no parameter named 'unit'
// CHECK-NEXT:  h = dense(x, unit: 4)
// CHECK-NEXT:               ^~~~
// CHECK-NEXT:{{.*}}dense-unknown-named-arg.plx:7:16: help: did you mean 'units'?
// CHECK-NEXT:  h = dense(x, unit: 4)
// CHECK-NEXT:               ^~~~
// CHECK-NEXT:               units
// CHECK-NEXT:{{.*}}dense-unknown-named-arg.plx:8:22: error: 'dense' has no parameter named 'init'
// CHECK-NEXT:  return dense(h, 4, init: glorot)
// CHECK-NEXT:                     ^~~~
// CHECK-NEXT:{{.*}}dense-unknown-named-arg.plx:8:10: note: 'dense' takes: input, units, activation, bias
// CHECK-NEXT:  return dense(h, 4, init: glorot)
// CHECK-NEXT:         ^~~~~
// CHECK-NEXT:2 errors generated.
