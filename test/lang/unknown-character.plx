// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A character that starts no token is reported where it is; every one in
// the file is reported.
model M(x: f32[N, 4]) -> f32[N, 4] {
  h = x @ x
  return $h
}

// CHECK:{{.*}}unknown-character.plx:7:9: error: unexpected character '@'
// CHECK-NEXT:  h = x @ x
// CHECK-NEXT:        ^
// CHECK-NEXT:{{.*}}unknown-character.plx:8:10: error: unexpected character '$'
// CHECK-NEXT:  return $h
// CHECK-NEXT:         ^
// CHECK-NEXT:2 errors generated.
