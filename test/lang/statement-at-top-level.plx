// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Statements belong in blocks: at the top level only declarations are
// allowed.
model M(x: f32[N, 4]) -> f32[N, 4] { return x }
epochs = 10

// CHECK:{{.*}}statement-at-top-level.plx:7:1: error: expected a declaration ('import', 'data', 'model', 'train', 'evaluate' or 'predict'), found 'epochs'
// CHECK-NEXT:epochs = 10
// CHECK-NEXT:^~~~~~
// CHECK-NEXT:1 error generated.
