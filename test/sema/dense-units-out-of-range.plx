// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Units are a positive integer constant.
model M(x: f32[N, 4]) -> f32[N, 4] {
  h = dense(x, -4)
  g = dense(x, 2.5)
  return dense(x, 0)
}

// CHECK:{{.*}}dense-units-out-of-range.plx:6:16: error: argument 'units' of 'dense' must be in [1, 16777216], got -4
// CHECK-NEXT:  h = dense(x, -4)
// CHECK-NEXT:               ^
// CHECK-NEXT:{{.*}}dense-units-out-of-range.plx:7:16: error: argument 'units' of 'dense' must be an integer, found a number
// CHECK-NEXT:  g = dense(x, 2.5)
// CHECK-NEXT:               ^~~
// CHECK-NEXT:{{.*}}dense-units-out-of-range.plx:8:19: error: argument 'units' of 'dense' must be in [1, 16777216], got 0
// CHECK-NEXT:  return dense(x, 0)
// CHECK-NEXT:                  ^
// CHECK-NEXT:3 errors generated.
