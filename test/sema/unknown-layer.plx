// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

model M(x: f32[N, 4]) -> f32[N, 4] {
  return relux(x)
}

// CHECK:{{.*}}unknown-layer.plx:5:10: error: unknown layer 'relux'
// CHECK-NEXT:  return relux(x)
// CHECK-NEXT:         ^~~~~
// CHECK-NEXT:{{.*}}unknown-layer.plx:5:10: help: did you mean 'relu'?
// CHECK-NEXT:  return relux(x)
// CHECK-NEXT:         ^~~~~
// CHECK-NEXT:         relu
// CHECK-NEXT:1 error generated.
