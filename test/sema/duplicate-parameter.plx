// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Two parameters with one name (and two inputs, which version 1 does not
// support either).
model M(x: f32[N, 4], x: f32[N, 4]) -> f32[N, 4] {
  return x
}

// CHECK:{{.*}}duplicate-parameter.plx:6:7: error: model 'M' must take exactly one input in language version 1, found 2
// CHECK-NEXT:model M(x: f32[N, 4], x: f32[N, 4]) -> f32[N, 4] {
// CHECK-NEXT:      ^
// CHECK-NEXT:{{.*}}duplicate-parameter.plx:6:23: error: duplicate parameter 'x'
// CHECK-NEXT:model M(x: f32[N, 4], x: f32[N, 4]) -> f32[N, 4] {
// CHECK-NEXT:                      ^
// CHECK-NEXT:{{.*}}duplicate-parameter.plx:6:9: note: previous definition is here
// CHECK-NEXT:model M(x: f32[N, 4], x: f32[N, 4]) -> f32[N, 4] {
// CHECK-NEXT:        ^
// CHECK-NEXT:2 errors generated.
