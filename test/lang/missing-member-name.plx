// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// After '.' comes a name (keywords included, as in 'digits.train').
data d = random(samples: 10, features: 4, classes: 2, split: 0.5)
model M(x: f32[N, 4]) -> f32[N, 2] { return dense(x, 2) }
evaluate M on d.

// CHECK:{{.*}}missing-member-name.plx:7:17: error: expected a name, found end of file
// CHECK-NEXT:evaluate M on d.
// CHECK-NEXT:                ^
// CHECK-NEXT:1 error generated.
