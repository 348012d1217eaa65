// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A block left open at the end of the file: the error is just after the
// last token, names the brace to add and points at the one it matches.
model M(x: f32[N, 4]) -> f32[N, 4] {
  h = dense(x, 4, relu)
  return h

// Comments after the last token do not move the error.

// CHECK:{{.*}}missing-close-brace.plx:8:11: error: expected '}', found end of file
// CHECK-NEXT:  return h
// CHECK-NEXT:          ^
// CHECK-NEXT:{{.*}}missing-close-brace.plx:6:36: note: to match this '{'
// CHECK-NEXT:model M(x: f32[N, 4]) -> f32[N, 4] {
// CHECK-NEXT:                                   ^
// CHECK-NEXT:1 error generated.
