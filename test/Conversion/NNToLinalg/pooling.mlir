// RUN: plexus-opt %s --convert-nn-to-linalg --split-input-file | FileCheck %s

// 2x2 windows that tile the input: one pass over the input that reads the
// window's maximum and gradient at (r / 2, q / 2); no spread tensors.
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[WIN:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 floordiv 2, d2 floordiv 2, d3)>
// CHECK-LABEL: func.func @max_pool_grad_tiles
// CHECK-NOT: tensor.insert_slice
// CHECK: %[[OUT:.+]] = tensor.empty
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[WIN]], #[[WIN]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: outs(%[[OUT]]
// CHECK: arith.cmpf oeq
// CHECK: arith.select
func.func @max_pool_grad_tiles(%x: tensor<?x8x8x16xf32>, %y: tensor<?x4x4x16xf32>, %dy: tensor<?x4x4x16xf32>) -> tensor<?x8x8x16xf32> {
  %dx = nn.max_pool2d_grad %x, %y, %dy {window = 2 : i64, stride = 2 : i64}
      : tensor<?x8x8x16xf32>, tensor<?x4x4x16xf32> -> tensor<?x8x8x16xf32>
  return %dx : tensor<?x8x8x16xf32>
}

// -----

// A trailing row no window covers (7 = 3 x 2 + 1): the spread formulation,
// whose zero-filled output keeps that row's gradient zero.
// CHECK-LABEL: func.func @max_pool_grad_uncovered
// CHECK: tensor.insert_slice
// CHECK: linalg.generic
func.func @max_pool_grad_uncovered(%x: tensor<?x7x7x16xf32>, %y: tensor<?x3x3x16xf32>, %dy: tensor<?x3x3x16xf32>) -> tensor<?x7x7x16xf32> {
  %dx = nn.max_pool2d_grad %x, %y, %dy {window = 2 : i64, stride = 2 : i64}
      : tensor<?x7x7x16xf32>, tensor<?x3x3x16xf32> -> tensor<?x7x7x16xf32>
  return %dx : tensor<?x7x7x16xf32>
}
