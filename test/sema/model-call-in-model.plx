// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Models cannot call models in version 1, not even themselves.
model A(x: f32[N, 4]) -> f32[N, 4] { return dense(x, 4) }
model B(x: f32[N, 4]) -> f32[N, 4] {
  h = A(x)
  return B(h)
}

// CHECK:{{.*}}model-call-in-model.plx:7:7: error: models cannot be called inside a model body in language version 1
// CHECK-NEXT:  h = A(x)
// CHECK-NEXT:      ^
// CHECK-NEXT:{{.*}}model-call-in-model.plx:8:10: error: models cannot be called inside a model body in language version 1
// CHECK-NEXT:  return B(h)
// CHECK-NEXT:         ^
// CHECK-NEXT:2 errors generated.
