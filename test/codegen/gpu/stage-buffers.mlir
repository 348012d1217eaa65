// RUN: plexus-opt %s --plexus-gpu-stage-buffers | FileCheck %s

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

// Gradient clipping: the device writes the squared norm into a buffer (here
// the loss output, reused as scratch) that host code then reads: that
// buffer is managed memory, which both reach, and the host reads the copy.
// A temporary the host reads is managed memory too.
// CHECK-LABEL: func.func @clip
// CHECK-SAME: (%[[P:[a-z0-9]+]]: memref<8xf32> {plexus.resident}, %[[L:[a-z0-9]+]]: memref<f32>)
// CHECK: %[[BYTES:.+]] = call @plx_cuda_shared_alloc(%c4{{.*}}) : (index) -> memref<?xi8>
// CHECK: %[[LS:.+]] = memref.view %[[BYTES]][%{{.+}}][] : memref<?xi8> to memref<f32>
// CHECK: gpu.memcpy %[[LS]], %[[L]]
// CHECK: linalg.generic {{.*}} outs(%[[LS]] : memref<f32>)
// CHECK: memref.load %[[LS]][]
// CHECK: call @plx_cuda_shared_alloc
// CHECK: memref.load
// CHECK: gpu.memcpy %[[L]], %[[LS]]
// CHECK: gpu.dealloc %[[LS]]
func.func @clip(%p: memref<8xf32> {plexus.resident}, %loss: memref<f32>) attributes {llvm.emit_c_interface} {
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> ()>], iterator_types = ["reduction"]}
      ins(%p : memref<8xf32>) outs(%loss : memref<f32>) {
  ^bb0(%v: f32, %acc: f32):
    %m = arith.mulf %v, %v : f32
    %a = arith.addf %acc, %m : f32
    linalg.yield %a : f32
  }
  %n = memref.load %loss[] : memref<f32>
  %t = memref.alloc() : memref<f32>
  linalg.fill ins(%n : f32) outs(%t : memref<f32>)
  %u = memref.load %t[] : memref<f32>
  memref.dealloc %t : memref<f32>
  return
}
