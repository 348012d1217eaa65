// RUN: plexus-opt %s --pass-pipeline='builtin.module(func.func(plexus-gpu-map-linalg),canonicalize)' | FileCheck %s

// Elementwise (bias + relu): 256-thread blocks over the flattened ? x 500
// elements; each thread splits its index into (row, column) and stores once.
// CHECK-LABEL: func.func @bias_relu
// CHECK: %[[ROWS:.+]] = memref.dim %arg0, %c0
// CHECK: %[[TOTAL:.+]] = arith.muli %[[ROWS]], %c500
// CHECK: %[[BLOCKS:.+]] = arith.ceildivui %[[TOTAL]], %c256
// CHECK: gpu.launch blocks(%[[BX:[a-z0-9]+]], {{[^)]*}}) in ({{[^)]*}} = %[[BLOCKS]], {{[^)]*}}) threads(%[[TX:[a-z0-9]+]], {{[^)]*}}) in ({{[^)]*}} = %c256,
// CHECK:   %[[B:.+]] = arith.muli %[[BX]], %c256
// CHECK:   %[[FLAT:.+]] = arith.addi %[[B]], %[[TX]]
// CHECK:   %[[IN:.+]] = arith.cmpi ult, %[[FLAT]], %[[TOTAL]]
// CHECK:   scf.if %[[IN]]
// CHECK:     %[[COL:.+]] = arith.remui %[[FLAT]], %c500
// CHECK:     %[[ROW:.+]] = arith.divui %[[FLAT]], %c500
// CHECK:     memref.load %arg0[%[[ROW]], %[[COL]]]
// CHECK:     memref.load %arg1[%[[COL]]]
// CHECK:     arith.maximumf
// CHECK:     memref.store {{.+}}, %arg2[%[[ROW]], %[[COL]]]
// CHECK-NOT: linalg.generic
func.func @bias_relu(%x: memref<?x500xf32>, %b: memref<500xf32>, %y: memref<?x500xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      ins(%x, %b : memref<?x500xf32>, memref<500xf32>) outs(%y : memref<?x500xf32>) {
  ^bb0(%v: f32, %c: f32, %out: f32):
    %s = arith.addf %v, %c : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  }
  return
}

// A bias gradient: one thread per column, looping over the batch with the
// sum in a register.
// CHECK-LABEL: func.func @column_sums
// CHECK: gpu.launch
// CHECK:   scf.if
// CHECK:     %[[INIT:.+]] = memref.load %arg1[%[[J:.+]]]
// CHECK:     %[[SUM:.+]] = scf.for %[[I:.+]] = %c0 to %{{.+}} step %c1 iter_args(%[[ACC:.+]] = %[[INIT]]) -> (f32)
// CHECK:       %[[G:.+]] = memref.load %arg0[%[[I]], %[[J]]]
// CHECK:       %[[NEW:.+]] = arith.addf %[[ACC]], %[[G]]
// CHECK:       scf.yield %[[NEW]]
// CHECK:     memref.store %[[SUM]], %arg1[%[[J]]]
func.func @column_sums(%g: memref<?x500xf32>, %db: memref<500xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (j, i)>, affine_map<(i, j) -> (i)>], iterator_types = ["parallel", "reduction"]}
      ins(%g : memref<?x500xf32>) outs(%db : memref<500xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %s = arith.addf %acc, %x : f32
    linalg.yield %s : f32
  }
  return
}

// A fill: the scalar operand is used as is.
// CHECK-LABEL: func.func @fill
// CHECK: gpu.launch
// CHECK:   memref.store %arg0, %arg1[
func.func @fill(%v: f32, %y: memref<4x8xf32>) {
  linalg.fill ins(%v : f32) outs(%y : memref<4x8xf32>)
  return
}

