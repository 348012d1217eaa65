// RUN: plexus-opt %s --convert-nn-to-linalg | FileCheck %s
// Activations and their kernels lower themselves (LinalgLoweringOpInterface,
// compiler/Dialect/NN/IR/Ops/): one elementwise linalg.generic each, with
// the fast-math flags that allow FMA contraction.

// CHECK-LABEL: func.func @relu
// CHECK:         %[[DIM:.+]] = tensor.dim %{{.+}}, %c0
// CHECK:         %[[INIT:.+]] = tensor.empty(%[[DIM]]) : tensor<?x4xf32>
// CHECK:         linalg.generic {{.+}} iterator_types = ["parallel", "parallel"]{{.+}} ins(%{{.+}} : tensor<?x4xf32>) outs(%[[INIT]] : tensor<?x4xf32>)
// CHECK:           arith.maximumf %{{.+}}, %{{.+}} fastmath<reassoc,contract> : f32
// CHECK-NOT:     nn.
func.func @relu(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = nn.relu %x : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// CHECK-LABEL: func.func @silu
// CHECK:         linalg.generic
// CHECK:           math.exp
// CHECK:           arith.divf
// CHECK:           arith.mulf
// CHECK-NOT:     nn.
func.func @silu(%x: tensor<3x4xf64>) -> tensor<3x4xf64> {
  %0 = nn.silu %x : tensor<3x4xf64>
  return %0 : tensor<3x4xf64>
}

// CHECK-LABEL: func.func @gelu_grad
// CHECK:         linalg.generic {{.+}} ins(%{{.+}}, %{{.+}} : tensor<?x4xf32>, tensor<?x4xf32>)
// CHECK:           math.erf
// CHECK:           math.exp
// CHECK-NOT:     nn.
func.func @gelu_grad(%x: tensor<?x4xf32>, %dy: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = nn.gelu_grad %x, %dy : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// CHECK-LABEL: func.func @round
// CHECK:         linalg.generic
// CHECK:           math.roundeven
func.func @round(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = nn.round %x : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
