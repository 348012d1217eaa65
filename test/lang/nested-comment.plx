// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Block comments do not nest: the first '*/' ends the comment, and the
// second one is outside of any comment.
/* outer /* inner */ still outer */
model M(x: f32[N, 4]) -> f32[N, 4] { return x }

// CHECK:{{.*}}nested-comment.plx:6:34: error: '*/' outside of a block comment (block comments do not nest)
// CHECK-NEXT:/* outer /* inner */ still outer */
// CHECK-NEXT:                                 ^~
// CHECK-NEXT:1 error generated.
