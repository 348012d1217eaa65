// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A closing brace without an opening one.
model M(x: f32[N, 4]) -> f32[N, 4] {
  return x
}
}

// CHECK:{{.*}}unmatched-close.plx:8:1: error: unmatched '}'
// CHECK-NEXT:}
// CHECK-NEXT:^
// CHECK-NEXT:1 error generated.
