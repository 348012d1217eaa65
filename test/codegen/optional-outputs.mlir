// RUN: plexus-opt %s --pass-pipeline='builtin.module(func.func(plexus-optional-outputs))' | FileCheck %s

// The loss is written only when its buffer is not null, and the sum that
// only the loss uses moves in with the write; the exp that the outputs use
// too stays before it, and the outputs are written unconditionally.
// CHECK-LABEL: func.func @evaluate
// CHECK: %[[EXP:.+]] = linalg.generic
// CHECK: math.exp
// CHECK: %[[ADDRESS:.+]] = memref.extract_aligned_pointer_as_index %arg1
// CHECK: %[[WANTED:.+]] = arith.cmpi ne, %[[ADDRESS]], %c0
// CHECK: scf.if %[[WANTED]] {
// CHECK:   tensor.empty
// CHECK:   linalg.fill
// CHECK:   %[[SUM:.+]] = linalg.generic {{.*}} ins(%[[EXP]]
// CHECK:   bufferization.materialize_in_destination %[[SUM]] in restrict writable %arg1
// CHECK: }
// CHECK-NEXT: bufferization.materialize_in_destination %[[EXP]] in restrict writable %arg2
#id = affine_map<(d0) -> (d0)>
#all = affine_map<(d0) -> ()>
func.func @evaluate(%x: tensor<8xf32>, %loss: memref<f32> {plexus.optional},
                    %out: memref<8xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8xf32>
  %exp = linalg.generic {indexing_maps = [#id, #id],
                         iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%a: f32, %b: f32):
    %y = math.exp %a : f32
    linalg.yield %y : f32
  } -> tensor<8xf32>
  %s = tensor.empty() : tensor<f32>
  %init = linalg.fill ins(%zero : f32) outs(%s : tensor<f32>) -> tensor<f32>
  %sum = linalg.generic {indexing_maps = [#id, #all],
                         iterator_types = ["reduction"]}
      ins(%exp : tensor<8xf32>) outs(%init : tensor<f32>) {
  ^bb0(%a: f32, %acc: f32):
    %y = arith.addf %a, %acc : f32
    linalg.yield %y : f32
  } -> tensor<f32>
  bufferization.materialize_in_destination %sum in restrict writable %loss
      : (tensor<f32>, memref<f32>) -> ()
  bufferization.materialize_in_destination %exp in restrict writable %out
      : (tensor<8xf32>, memref<8xf32>) -> ()
  return
}

// Without plexus.optional nothing changes.
// CHECK-LABEL: func.func @required
// CHECK-NOT: scf.if
// CHECK: return
func.func @required(%x: tensor<f32>, %loss: memref<f32>) {
  bufferization.materialize_in_destination %x in restrict writable %loss
      : (tensor<f32>, memref<f32>) -> ()
  return
}
