// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Positional arguments come first.
model M(x: f32[N, 4]) -> f32[N, 4] {
  return dense(input: x, 4)
}

// CHECK:{{.*}}positional-after-named.plx:6:26: error: positional argument after a named argument in call to 'dense'
// CHECK-NEXT:  return dense(input: x, 4)
// CHECK-NEXT:                         ^
// CHECK-NEXT:1 error generated.
