// RUN: plexus-opt %s --nn-autodiff | FileCheck %s
// A parameter the loss does not depend on gets a zero gradient.

// CHECK-LABEL: func.func @loss_grad
// CHECK: %[[Z:.+]] = arith.constant dense<0.000000e+00> : tensor<2xf32>
// CHECK: return %{{.+}}, %{{.+}}, %[[Z]] : tensor<f32>, tensor<?x2xf32>, tensor<2xf32>
func.func @loss(%p: tensor<?x2xf32>, %unused: tensor<2xf32>, %t: tensor<?x2xf32>) -> tensor<f32> attributes {nn.differentiate = 2} {
  %0 = nn.sigmoid %p : tensor<?x2xf32>
  %1 = nn.mse_loss %0, %t : tensor<?x2xf32>
  return %1 : tensor<f32>
}
