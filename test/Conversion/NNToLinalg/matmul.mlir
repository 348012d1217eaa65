// RUN: plexus-opt %s --convert-nn-to-linalg --split-input-file | FileCheck %s
// Every matmul becomes a generic over (m, n, k), k the reduction, with the
// transposes in the operand maps, tagged for register tiling.

// CHECK-DAG: #[[A:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[B:.+]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG: #[[C:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @plain
// CHECK: %[[DIM:.+]] = tensor.dim %{{.+}}, %c0 : tensor<?x4xf32>
// CHECK: %[[INIT:.+]] = tensor.empty(%[[DIM]]) : tensor<?x3xf32>
// CHECK: %[[ZERO:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%[[INIT]] : tensor<?x3xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[A]], #[[B]], #[[C]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME: outs(%[[ZERO]] : tensor<?x3xf32>)
// CHECK: arith.mulf %{{.+}}, %{{.+}} fastmath<reassoc,contract> : f32
// CHECK: arith.addf %{{.+}}, %{{.+}} fastmath<reassoc,contract> : f32
func.func @plain(%a: tensor<?x4xf32>, %b: tensor<4x3xf32>) -> tensor<?x3xf32> {
  %0 = nn.matmul %a, %b : tensor<?x4xf32>, tensor<4x3xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// The weight gradient: A transposed, the batch is the reduction.
// CHECK-DAG: #[[A:.+]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG: #[[B:.+]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-LABEL: func.func @weight_gradient
// CHECK: linalg.generic {indexing_maps = [#[[A]], #[[B]], #{{.+}}], iterator_types = ["parallel", "parallel", "reduction"]}
func.func @weight_gradient(%x: tensor<?x4xf32>, %dy: tensor<?x3xf32>) -> tensor<4x3xf32> {
  %0 = nn.matmul %x, %dy {transpose_lhs} : tensor<?x4xf32>, tensor<?x3xf32> -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// The input gradient: B transposed.
// CHECK-DAG: #[[A:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[B:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func.func @input_gradient
// CHECK: linalg.generic {indexing_maps = [#[[A]], #[[B]], #{{.+}}], iterator_types = ["parallel", "parallel", "reduction"]}
func.func @input_gradient(%dy: tensor<?x3xf32>, %w: tensor<4x3xf32>) -> tensor<?x4xf32> {
  %0 = nn.matmul %dy, %w {transpose_rhs} : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// CHECK-DAG: #[[A:.+]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG: #[[B:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func.func @both
// CHECK: linalg.generic {indexing_maps = [#[[A]], #[[B]], #{{.+}}], iterator_types = ["parallel", "parallel", "reduction"]}
func.func @both(%a: tensor<4x2xf32>, %b: tensor<3x4xf32>) -> tensor<2x3xf32> {
  %0 = nn.matmul %a, %b {transpose_lhs, transpose_rhs} : tensor<4x2xf32>, tensor<3x4xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
