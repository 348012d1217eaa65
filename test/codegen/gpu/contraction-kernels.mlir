// RUN: plexus-opt %s --pass-pipeline='builtin.module(func.func(plexus-gpu-contraction-kernels),canonicalize)' | FileCheck %s

#mk = affine_map<(m, n, k) -> (m, k)>
#kn = affine_map<(m, n, k) -> (k, n)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>

// A [?, 64] x [64, 500] matmul: a grid of 64x64 tiles (rows in x, columns
// in y) of 16x16 threads, both operands staged in workgroup memory, two
// barriers per 16-deep step of K, and 16 accumulators per thread.
// CHECK-LABEL: func.func @matmul
// CHECK: %[[M:.+]] = memref.dim %arg0, %c0
// CHECK: %[[GX:.+]] = arith.ceildivui %[[M]], %c64
// CHECK: gpu.launch blocks({{[^)]*}}) in ({{[^)]*}} = %[[GX]], {{[^)]*}} = %c8, {{[^)]*}}) threads({{[^)]*}}) in ({{[^)]*}} = %c16, {{[^)]*}} = %c16, {{[^)]*}})
// CHECK-SAME: workgroup(%[[SA:[a-z0-9]+]] : memref<16x64xf32, #gpu.address_space<workgroup>>, %[[SB:[a-z0-9]+]] : memref<16x64xf32, #gpu.address_space<workgroup>>)
// CHECK: scf.for %{{.+}} = %c0 to %c64 step %c16 iter_args({{.+}}) -> (f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32)
// CHECK-COUNT-4: memref.store {{.+}}, %[[SA]]
// CHECK-COUNT-4: memref.store {{.+}}, %[[SB]]
// CHECK: gpu.barrier
// CHECK: scf.for
// CHECK-COUNT-4: memref.load %[[SA]]
// CHECK-COUNT-4: memref.load %[[SB]]
// CHECK-COUNT-16: arith.addf
// CHECK: gpu.barrier
// CHECK-COUNT-16: memref.store {{.+}}, %arg2
// CHECK-NOT: linalg.generic
func.func @matmul(%a: memref<?x64xf32>, %b: memref<64x500xf32>, %c: memref<?x500xf32>) {
  linalg.generic {indexing_maps = [#mk, #kn, #mn], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<?x64xf32>, memref<64x500xf32>) outs(%c : memref<?x500xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// The backward pass's transposed operand (dX = dY * W^T): still a
// contraction; the staged slice of W is read with K fastest.
// CHECK-LABEL: func.func @transposed
// CHECK: gpu.launch
// CHECK-SAME: workgroup(
// CHECK: gpu.barrier
func.func @transposed(%a: memref<32x10xf32>, %b: memref<500x10xf32>, %c: memref<32x500xf32>) {
  linalg.generic {indexing_maps = [#mk, #nk, #mn], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<32x10xf32>, memref<500x10xf32>) outs(%c : memref<32x500xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// A bias gradient (a sum over the batch) has no N side: not a contraction.
// CHECK-LABEL: func.func @column_sums
// CHECK-NOT: gpu.launch
// CHECK: linalg.generic
func.func @column_sums(%g: memref<?x500xf32>, %db: memref<500xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (j, i)>, affine_map<(i, j) -> (i)>], iterator_types = ["parallel", "reduction"]}
      ins(%g : memref<?x500xf32>) outs(%db : memref<500xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %s = arith.addf %acc, %x : f32
    linalg.yield %s : f32
  }
  return
}
