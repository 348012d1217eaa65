// RUN: plexus-opt %s --nn-autodiff | FileCheck %s
// Reverse mode over a dense layer with relu and a softmax cross-entropy:
// every rule comes from GradientOpInterface, contributions of the two uses
// of %h are summed.

// The original function is kept (for evaluation); the gradient follows it.
// CHECK-LABEL: func.func @loss(
// CHECK-LABEL: func.func @loss_grad
// CHECK-SAME: -> (tensor<f32>, tensor<4x3xf32>, tensor<3xf32>)
// CHECK: %[[MM:[^ ,]+]] = nn.matmul %[[X:[^ ,]+]], %[[W:[^ ,]+]] :
// CHECK: %[[B:[^ ,]+]] = nn.bias_add %[[MM]], %{{.+}}
// CHECK: %[[H:[^ ,]+]] = nn.relu %[[B]]
// CHECK: %[[S:[^ ,]+]] = nn.add %[[H]], %[[H]]
// CHECK: %[[L:[^ ,]+]] = nn.softmax_cross_entropy %[[S]], %{{.+}}
// CHECK: %[[ONE:[^ ,]+]] = arith.constant dense<1.000000e+00> : tensor<f32>
// CHECK: %[[DS:[^ ,]+]] = nn.softmax_cross_entropy_grad %[[S]], %{{.+}}, %[[ONE]]
// CHECK: %[[DH:[^ ,]+]] = nn.add %[[DS]], %[[DS]]
// CHECK: %[[DB:[^ ,]+]] = nn.relu_grad %[[H]], %[[DH]]
// CHECK: %[[DBIAS:[^ ,]+]] = nn.sum_rows %[[DB]]
// CHECK: nn.matmul %[[DB]], %[[W]] {transpose_rhs}
// CHECK: %[[DW:[^ ,]+]] = nn.matmul %[[X]], %[[DB]] {transpose_lhs}
// CHECK: return %[[L]], %[[DW]], %[[DBIAS]]
func.func @loss(%w: tensor<4x3xf32>, %b: tensor<3xf32>, %x: tensor<?x4xf32>, %y: tensor<?xf32>) -> tensor<f32> attributes {nn.differentiate = 2} {
  %0 = nn.matmul %x, %w : tensor<?x4xf32>, tensor<4x3xf32> -> tensor<?x3xf32>
  %1 = nn.bias_add %0, %b : tensor<?x3xf32>, tensor<3xf32>
  %2 = nn.relu %1 : tensor<?x3xf32>
  %3 = nn.add %2, %2 : tensor<?x3xf32>
  %4 = nn.softmax_cross_entropy %3, %y : tensor<?x3xf32>, tensor<?xf32>
  return %4 : tensor<f32>
}
