// RUN: plexus-opt %s --nn-autodiff -verify-diagnostics
// Every op between the parameters and the loss without a gradient rule is
// listed in one diagnostic, each with its location. Ops that do not lie on
// that path (the round of the labels) are not listed.

// expected-error @+1 {{cannot differentiate the loss: 2 operations between the parameters and the loss have no gradient rule}}
func.func @loss(%w: tensor<4x3xf32>, %x: tensor<?x4xf32>, %t: tensor<?x3xf32>) -> tensor<f32> attributes {nn.differentiate = 1} {
  %0 = nn.matmul %x, %w : tensor<?x4xf32>, tensor<4x3xf32> -> tensor<?x3xf32>
  // expected-note @+1 {{'nn.round' has no gradient rule}}
  %1 = nn.round %0 : tensor<?x3xf32>
  %2 = nn.tanh %1 : tensor<?x3xf32>
  // expected-note @+1 {{'nn.round' has no gradient rule}}
  %3 = nn.round %2 : tensor<?x3xf32>
  %4 = nn.round %t : tensor<?x3xf32>
  %5 = nn.mse_loss %3, %4 : tensor<?x3xf32>
  return %5 : tensor<f32>
}
