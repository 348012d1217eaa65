// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// One error per broken declaration: each is reported, the follow-on errors
// of the parser's recovery inside a declaration are not.
model A( -> f32[N, 1] { return x }
model B(x: f32[N, 1]) -> { return x }
data d = random(samples: 10 features: 4, classes: 2)
model C(x: f32[N, 1]) -> f32[N, 1] { return x }

// CHECK:{{.*}}syntax-errors-per-declaration.plx:6:10: error: expected ')' or identifier, found '->'
// CHECK-NEXT:model A( -> f32[N, 1] { return x }
// CHECK-NEXT:         ^~
// CHECK-NEXT:{{.*}}syntax-errors-per-declaration.plx:7:26: error: expected identifier, found '{'
// CHECK-NEXT:model B(x: f32[N, 1]) -> { return x }
// CHECK-NEXT:                         ^
// CHECK-NEXT:{{.*}}syntax-errors-per-declaration.plx:8:29: error: expected ',' or ')', found 'features'
// CHECK-NEXT:data d = random(samples: 10 features: 4, classes: 2)
// CHECK-NEXT:                            ^~~~~~~~
// CHECK-NEXT:3 errors generated.
