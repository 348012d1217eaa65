// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Model bodies hold only assignments and 'return'.
model M(x: f32[N, 4]) -> f32[N, 4] {
  for i in 1..3 {
    log i
  }
  return x
}

// CHECK:{{.*}}loop-in-model.plx:6:3: error: only assignments 'name = layer(...)' and 'return' are allowed in a model body
// CHECK-NEXT:  for i in 1..3 {
// CHECK-NEXT:  ^~~
// CHECK-NEXT:1 error generated.
