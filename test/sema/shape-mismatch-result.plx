// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// The returned shape differs from the declared result type: the notes show
// the chain of shapes that led to it, from the input on.
model M(x: f32[N, 4]) -> f32[N, 3] {
  h = dense(x, 8, relu)
  g = dense(h, 5)
  out = softmax(g)
  return out
}

// CHECK:{{.*}}shape-mismatch-result.plx:10:10: error: model 'M' returns f32[N, 5] but its declared result type is f32[N, 3]
// CHECK-NEXT:  return out
// CHECK-NEXT:         ^~~
// CHECK-NEXT:{{.*}}shape-mismatch-result.plx:6:9: note: input 'x' has shape f32[N, 4]
// CHECK-NEXT:model M(x: f32[N, 4]) -> f32[N, 3] {
// CHECK-NEXT:        ^
// CHECK-NEXT:{{.*}}shape-mismatch-result.plx:7:7: note: dense(x, 8, relu) has shape f32[N, 8]
// CHECK-NEXT:  h = dense(x, 8, relu)
// CHECK-NEXT:      ^~~~~
// CHECK-NEXT:{{.*}}shape-mismatch-result.plx:8:7: note: dense(h, 5) has shape f32[N, 5]
// CHECK-NEXT:  g = dense(h, 5)
// CHECK-NEXT:      ^~~~~
// CHECK-NEXT:{{.*}}shape-mismatch-result.plx:9:9: note: softmax(g) has shape f32[N, 5]
// CHECK-NEXT:  out = softmax(g)
// CHECK-NEXT:        ^~~~~~~
// CHECK-NEXT:{{.*}}shape-mismatch-result.plx:6:26: note: result type declared here
// CHECK-NEXT:model M(x: f32[N, 4]) -> f32[N, 3] {
// CHECK-NEXT:                         ^~~~~~~~~
// CHECK-NEXT:1 error generated.
