// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// An argument given twice, by position and by name.
model M(x: f32[N, 4]) -> f32[N, 4] {
  return dense(x, 4, units: 8)
}

// CHECK:{{.*}}dense-duplicate-arg.plx:6:22: error: argument 'units' of 'dense' is given twice
// CHECK-NEXT:  return dense(x, 4, units: 8)
// CHECK-NEXT:                     ^~~~~
// CHECK-NEXT:{{.*}}dense-duplicate-arg.plx:6:19: note: first given here
// CHECK-NEXT:  return dense(x, 4, units: 8)
// CHECK-NEXT:                  ^
// CHECK-NEXT:1 error generated.
