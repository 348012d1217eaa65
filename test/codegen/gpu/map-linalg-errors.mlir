// An output that several threads would write: refused, not raced.
// RUN: not plexus-opt %s --pass-pipeline='builtin.module(func.func(plexus-gpu-map-linalg))' 2>&1 | FileCheck %s
// CHECK: error: 'linalg.generic' op has an output that is not indexed by exactly its parallel dims: no GPU mapping
func.func @shared_output(%x: memref<4x8xf32>, %y: memref<8xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<4x8xf32>) outs(%y : memref<8xf32>) {
  ^bb0(%v: f32, %out: f32):
    linalg.yield %v : f32
  }
  return
}
