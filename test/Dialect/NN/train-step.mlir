// RUN: plexus-opt %s --nn-autodiff --nn-build-train-step | FileCheck %s
// The train step slices the flat parameter buffer, calls the gradient
// function, flattens the gradients and applies Adam in place.

module attributes {nn.optimizer = {kind = "adam", beta1 = 0.9 : f32, beta2 = 0.999 : f32, epsilon = 1.0e-07 : f32, momentum = 0.0 : f32, nesterov = false}} {
  func.func private @loss(%w: tensor<4x3xf32>, %b: tensor<3xf32>, %x: tensor<?x4xf32>, %y: tensor<?x1xf32>) -> (tensor<f32>, tensor<?x3xf32>) attributes {nn.differentiate = 2} {
    %0 = nn.matmul %x, %w : tensor<?x4xf32>, tensor<4x3xf32> -> tensor<?x3xf32>
    %1 = nn.bias_add %0, %b : tensor<?x3xf32>, tensor<3xf32>
    %c = tensor.collapse_shape %y [[0, 1]] : tensor<?x1xf32> into tensor<?xf32>
    %2 = nn.softmax_cross_entropy %1, %c : tensor<?x3xf32>, tensor<?xf32>
    return %2, %1 : tensor<f32>, tensor<?x3xf32>
  }
}

// CHECK-LABEL: func.func @plx_train_step
// CHECK-SAME: (%[[P:[^ ,]+]]: memref<15xf32> {plexus.resident}, %[[S:[^ ,]+]]: memref<30xf32> {plexus.resident}, %[[X:[^ ,]+]]: memref<?x4xf32>, %[[Y:[^ ,]+]]: memref<?x1xf32>, %[[H:[^ ,]+]]: memref<9xf32>, %[[L:[^ ,]+]]: memref<f32>, %[[O:[^ ,]+]]: memref<?x3xf32>)
// CHECK-SAME: attributes {llvm.emit_c_interface}
// CHECK: %[[PT:[^ ,]+]] = bufferization.to_tensor %[[P]] restrict writable
// Adam's moments are views of the halves of the state, read and written
// back in place.
// CHECK: %[[MB:[^ ,]+]] = memref.subview %[[S]][0] [15] [1]
// CHECK: %[[VB:[^ ,]+]] = memref.subview %[[S]][15] [15] [1]
// CHECK: %[[W:[^ ,]+]] = tensor.extract_slice %[[PT]][0] [12] [1]
// CHECK: tensor.expand_shape %[[W]] {{\[\[}}0, 1]] output_shape [4, 3]
// CHECK: tensor.extract_slice %[[PT]][12] [3] [1]
// CHECK: %[[G:[^ ,]+]]:4 = call @loss_grad(
// CHECK: tensor.insert_slice
// The hyperparameters are read from the buffer at every step.
// CHECK: %[[MT:[^ ,]+]] = bufferization.to_tensor %[[MB]] restrict writable
// CHECK: %[[VT:[^ ,]+]] = bufferization.to_tensor %[[VB]] restrict writable
// CHECK: %[[NEW:[^ ,]+]], %[[M:[^ ,]+]], %[[V:[^ ,]+]] = nn.adam_update %[[PT]], %{{.+}}, %[[MT]], %[[VT]], %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : tensor<15xf32>
// CHECK: bufferization.materialize_in_destination %[[M]] in restrict writable %[[MB]]
// CHECK: bufferization.materialize_in_destination %[[V]] in restrict writable %[[VB]]
// CHECK: bufferization.materialize_in_destination %[[NEW]] in restrict writable %[[P]]
// CHECK: bufferization.materialize_in_destination %[[G]]#0 in restrict writable %[[L]]
// CHECK: bufferization.materialize_in_destination %[[G]]#1 in restrict writable %[[O]]
