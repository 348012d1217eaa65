// RUN: plexus-opt %s --pass-pipeline='builtin.module(func.func(plexus-gather-in-place))' | FileCheck %s

// Two parts gathered into one flat buffer (as the train step gathers the
// gradients) are computed in their slices; the copies go.
// CHECK-LABEL: func.func @gathered
// CHECK: %[[FLAT:.+]] = memref.alloc() : memref<14xf32>
// CHECK: %[[S0:.+]] = memref.subview %[[FLAT]][0] [6] [1]
// CHECK: %[[P0:.+]] = memref.expand_shape %[[S0]] {{\[\[}}0, 1]] output_shape [2, 3]
// CHECK: linalg.fill ins(%{{.+}} : f32) outs(%[[P0]] : memref<2x3xf32>)
// CHECK: %[[S1:.+]] = memref.subview %[[FLAT]][6] [8] [1]
// CHECK: %[[P1:.+]] = memref.expand_shape %[[S1]] {{\[\[}}0, 1]] output_shape [2, 4]
// CHECK: linalg.fill ins(%{{.+}} : f32) outs(%[[P1]] : memref<2x4xf32, strided<[4, 1], offset: 6>>)
// CHECK-NOT: memref.copy
// CHECK: memref.load %[[FLAT]]
func.func @gathered(%x: f32) -> f32 {
  %a = memref.alloc() : memref<2x3xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<2x3xf32>)
  %b = memref.alloc() : memref<2x4xf32>
  linalg.fill ins(%x : f32) outs(%b : memref<2x4xf32>)
  %flat = memref.alloc() : memref<14xf32>
  %ca = memref.collapse_shape %a [[0, 1]] : memref<2x3xf32> into memref<6xf32>
  %sa = memref.subview %flat[0] [6] [1] : memref<14xf32> to memref<6xf32, strided<[1]>>
  memref.copy %ca, %sa : memref<6xf32> to memref<6xf32, strided<[1]>>
  %cb = memref.collapse_shape %b [[0, 1]] : memref<2x4xf32> into memref<8xf32>
  %sb = memref.subview %flat[6] [8] [1] : memref<14xf32> to memref<8xf32, strided<[1], offset: 6>>
  memref.copy %cb, %sb : memref<8xf32> to memref<8xf32, strided<[1], offset: 6>>
  memref.dealloc %a : memref<2x3xf32>
  memref.dealloc %b : memref<2x4xf32>
  %c0 = arith.constant 0 : index
  %v = memref.load %flat[%c0] : memref<14xf32>
  memref.dealloc %flat : memref<14xf32>
  return %v : f32
}

// The flat buffer is read before the copy: its old contents matter.
// CHECK-LABEL: func.func @flat_read_first
// CHECK: memref.copy
func.func @flat_read_first(%x: f32) -> f32 {
  %a = memref.alloc() : memref<2x3xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<2x3xf32>)
  %flat = memref.alloc() : memref<6xf32>
  %c0 = arith.constant 0 : index
  %v = memref.load %flat[%c0] : memref<6xf32>
  %ca = memref.collapse_shape %a [[0, 1]] : memref<2x3xf32> into memref<6xf32>
  %sa = memref.subview %flat[0] [6] [1] : memref<6xf32> to memref<6xf32, strided<[1]>>
  memref.copy %ca, %sa : memref<6xf32> to memref<6xf32, strided<[1]>>
  return %v : f32
}

// The part is written again after the copy: it is not the slice's value.
// CHECK-LABEL: func.func @part_used_after
// CHECK: memref.copy
func.func @part_used_after(%x: f32, %y: f32) -> memref<6xf32> {
  %a = memref.alloc() : memref<2x3xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<2x3xf32>)
  %flat = memref.alloc() : memref<6xf32>
  %ca = memref.collapse_shape %a [[0, 1]] : memref<2x3xf32> into memref<6xf32>
  %sa = memref.subview %flat[0] [6] [1] : memref<6xf32> to memref<6xf32, strided<[1]>>
  memref.copy %ca, %sa : memref<6xf32> to memref<6xf32, strided<[1]>>
  linalg.fill ins(%y : f32) outs(%a : memref<2x3xf32>)
  return %flat : memref<6xf32>
}

// The slice is read before the copy: it must keep its old contents until
// then.
// CHECK-LABEL: func.func @slice_read_first
// CHECK: memref.copy
func.func @slice_read_first(%x: f32) -> f32 {
  %a = memref.alloc() : memref<2x3xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<2x3xf32>)
  %flat = memref.alloc() : memref<6xf32>
  %ca = memref.collapse_shape %a [[0, 1]] : memref<2x3xf32> into memref<6xf32>
  %sa = memref.subview %flat[0] [6] [1] : memref<6xf32> to memref<6xf32, strided<[1]>>
  %c0 = arith.constant 0 : index
  %v = memref.load %sa[%c0] : memref<6xf32, strided<[1]>>
  memref.copy %ca, %sa : memref<6xf32> to memref<6xf32, strided<[1]>>
  return %v : f32
}
