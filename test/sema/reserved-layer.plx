// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Layers of later language versions are a clear error, not a typo.
model M(x: f32[N, 4]) -> f32[N, 4] {
  h = batch_norm(x)
  return h
}

// CHECK:{{.*}}reserved-layer.plx:6:7: error: layer 'batch_norm' is not available in Plexus language version 1
// CHECK-NEXT:  h = batch_norm(x)
// CHECK-NEXT:      ^~~~~~~~~~
// CHECK-NEXT:1 error generated.
