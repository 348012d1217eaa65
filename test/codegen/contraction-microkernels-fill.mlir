// RUN: plexus-opt %s --pass-pipeline='builtin.module(plexus-contraction-microkernels)' --split-input-file | FileCheck %s

// A zero fill of the output just before the contraction: the kernel's
// accumulators start at zero, the fill (a pass over memory) goes, and the
// output is only stored. Each tile fetches its output lines for writing
// before its K loop (two vectors of each of its 8 rows), so that the stores
// after it do not wait on memory.
// CHECK-LABEL: func.func @zero_filled
// CHECK-NOT: linalg.fill
// CHECK-NOT: vector.load %arg2
// CHECK-NOT: vector.maskedload %arg2
// CHECK-COUNT-16: memref.prefetch %arg2[{{.+}}], write, locality<3>, data
// CHECK-NOT: memref.prefetch %arg2
// CHECK: vector.fma
// CHECK: vector.store %{{.+}}, %arg2
func.func @zero_filled(%a: memref<64x48xf32>, %b: memref<48x64xf32>, %c: memref<64x64xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<64x64xf32>)
  linalg.matmul ins(%a, %b : memref<64x48xf32>, memref<48x64xf32>) outs(%c : memref<64x64xf32>)
  return
}

// -----

// The filled output is read in between, or filled with another value: the
// fill stays and the kernel accumulates onto the output.
// CHECK-LABEL: func.func @read_between
// CHECK: linalg.fill
// CHECK: memref.copy
// CHECK-NOT: memref.prefetch %arg2
// CHECK: vector.load %arg2
// CHECK-LABEL: func.func @ones
// CHECK: linalg.fill
// CHECK: vector.load %arg2
func.func @read_between(%a: memref<64x48xf32>, %b: memref<48x64xf32>, %c: memref<64x64xf32>, %d: memref<64x64xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<64x64xf32>)
  memref.copy %c, %d : memref<64x64xf32> to memref<64x64xf32>
  linalg.matmul ins(%a, %b : memref<64x48xf32>, memref<48x64xf32>) outs(%c : memref<64x64xf32>)
  return
}
func.func @ones(%a: memref<64x48xf32>, %b: memref<48x64xf32>, %c: memref<64x64xf32>) {
  %one = arith.constant 1.0 : f32
  linalg.fill ins(%one : f32) outs(%c : memref<64x64xf32>)
  linalg.matmul ins(%a, %b : memref<64x48xf32>, memref<48x64xf32>) outs(%c : memref<64x64xf32>)
  return
}
