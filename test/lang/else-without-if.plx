// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// 'else' continues an 'if'; on its own it is not a statement.
data d = random(samples: 10, features: 4, classes: 2)
model M(x: f32[N, 4]) -> f32[N, 2] { return dense(x, 2) }
train M on d {
  for epoch in 1..3 {
    log epoch
  }
  else {
    log 0
  }
}

// CHECK:{{.*}}else-without-if.plx:11:3: error: expected a statement or '}', found keyword 'else'
// CHECK-NEXT:  else {
// CHECK-NEXT:  ^~~~
// CHECK-NEXT:1 error generated.
