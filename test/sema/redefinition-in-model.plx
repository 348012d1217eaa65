// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A name in a model body is assigned once.
model M(x: f32[N, 4]) -> f32[N, 4] {
  h = dense(x, 4, relu)
  h = dense(h, 4, relu)
  return h
}

// CHECK:{{.*}}redefinition-in-model.plx:7:3: error: redefinition of 'h'
// CHECK-NEXT:  h = dense(h, 4, relu)
// CHECK-NEXT:  ^
// CHECK-NEXT:{{.*}}redefinition-in-model.plx:6:3: note: previous definition is here
// CHECK-NEXT:  h = dense(x, 4, relu)
// CHECK-NEXT:  ^
// CHECK-NEXT:1 error generated.
