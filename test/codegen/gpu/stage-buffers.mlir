// RUN: plexus-opt %s --pass-pipeline='builtin.module(func.func(plexus-gpu-stage-buffers))' | FileCheck %s

// A train step's arguments: the resident parameters and state are used in
// place; the batch goes up (read only); the hyperparameters stay on the host
// (read there); the loss comes down (written only, so not copied up); the
// temporary lives on the device; the copy becomes a kernel.
// CHECK-LABEL: func.func @step
// CHECK-SAME: (%[[P:[a-z0-9]+]]: memref<8xf32> {plexus.resident}, %[[X:[a-z0-9]+]]: memref<?x8xf32>, %[[H:[a-z0-9]+]]: memref<9xf32>, %[[L:[a-z0-9]+]]: memref<8xf32>)
// CHECK-DAG: %[[LD:.+]] = gpu.alloc () : memref<8xf32>
// CHECK-DAG: %[[ROWS:.+]] = memref.dim %[[X]], %c0
// CHECK-DAG: %[[XD:.+]] = gpu.alloc (%[[ROWS]]) : memref<?x8xf32>
// CHECK-DAG: gpu.memcpy %[[XD]], %[[X]]
// CHECK-NOT: gpu.memcpy %[[LD]], %[[L]]
// CHECK: %[[LR:.+]] = memref.load %[[H]]
// CHECK: %[[T:.+]] = gpu.alloc () : memref<8xf32>
// CHECK: linalg.generic {{.*}} ins(%[[XD]], %[[P]] : {{.*}}) outs(%[[T]] :
// CHECK: linalg.copy ins(%[[T]] : memref<8xf32>) outs(%[[LD]] : memref<8xf32>)
// CHECK: gpu.dealloc %[[T]]
// CHECK-DAG: gpu.dealloc %[[XD]]
// CHECK-DAG: gpu.memcpy %[[L]], %[[LD]]
// CHECK: gpu.dealloc %[[LD]]
// CHECK-NOT: gpu.memcpy %[[X]]
// CHECK: return
func.func @step(%p: memref<8xf32> {plexus.resident}, %x: memref<?x8xf32>, %h: memref<9xf32>, %loss: memref<8xf32>) attributes {llvm.emit_c_interface} {
  %c0 = arith.constant 0 : index
  %lr = memref.load %h[%c0] : memref<9xf32>
  %t = memref.alloc() : memref<8xf32>
  linalg.generic {indexing_maps = [affine_map<(j, i) -> (i, j)>, affine_map<(j, i) -> (j)>, affine_map<(j, i) -> (j)>], iterator_types = ["parallel", "reduction"]}
      ins(%x, %p : memref<?x8xf32>, memref<8xf32>) outs(%t : memref<8xf32>) {
  ^bb0(%v: f32, %w: f32, %acc: f32):
    %m = arith.mulf %v, %w : f32
    %s = arith.mulf %m, %lr : f32
    %a = arith.addf %acc, %s : f32
    linalg.yield %a : f32
  }
  memref.copy %t, %loss : memref<8xf32> to memref<8xf32>
  memref.dealloc %t : memref<8xf32>
  return
}
