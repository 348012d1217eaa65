// RUN: plexus-opt %s | plexus-opt | FileCheck %s
// Every nn op round-trips through its assembly format.

// CHECK-LABEL: func.func @dense
func.func @dense(%x: tensor<?x10xf32>, %w: tensor<10x500xf32>, %b: tensor<500xf32>) -> tensor<?x500xf32> {
  // CHECK: %[[MM:.+]] = nn.matmul %{{.+}}, %{{.+}} : tensor<?x10xf32>, tensor<10x500xf32> -> tensor<?x500xf32>
  %0 = nn.matmul %x, %w : tensor<?x10xf32>, tensor<10x500xf32> -> tensor<?x500xf32>
  // CHECK: %[[B:.+]] = nn.bias_add %[[MM]], %{{.+}} : tensor<?x500xf32>, tensor<500xf32>
  %1 = nn.bias_add %0, %b : tensor<?x500xf32>, tensor<500xf32>
  // CHECK: nn.relu %[[B]] : tensor<?x500xf32>
  %2 = nn.relu %1 : tensor<?x500xf32>
  return %2 : tensor<?x500xf32>
}

// CHECK-LABEL: func.func @transposed
func.func @transposed(%x: tensor<?x10xf32>, %dy: tensor<?x500xf32>, %w: tensor<10x500xf32>) -> (tensor<10x500xf32>, tensor<?x10xf32>) {
  // CHECK: nn.matmul %{{.+}}, %{{.+}} {transpose_lhs} : tensor<?x10xf32>, tensor<?x500xf32> -> tensor<10x500xf32>
  %dw = nn.matmul %x, %dy {transpose_lhs} : tensor<?x10xf32>, tensor<?x500xf32> -> tensor<10x500xf32>
  // CHECK: nn.matmul %{{.+}}, %{{.+}} {transpose_rhs} : tensor<?x500xf32>, tensor<10x500xf32> -> tensor<?x10xf32>
  %dx = nn.matmul %dy, %w {transpose_rhs} : tensor<?x500xf32>, tensor<10x500xf32> -> tensor<?x10xf32>
  return %dw, %dx : tensor<10x500xf32>, tensor<?x10xf32>
}

// CHECK-LABEL: func.func @elementwise
func.func @elementwise(%a: tensor<?x4xf32>, %b: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // CHECK: nn.add
  %0 = nn.add %a, %b : tensor<?x4xf32>
  // CHECK: nn.sub
  %1 = nn.sub %0, %b : tensor<?x4xf32>
  // CHECK: nn.mul
  %2 = nn.mul %1, %a : tensor<?x4xf32>
  // CHECK: nn.neg
  %3 = nn.neg %2 : tensor<?x4xf32>
  // CHECK: nn.scale %{{.+}} {factor = 5.000000e-01 : f32}
  %4 = nn.scale %3 {factor = 0.5 : f32} : tensor<?x4xf32>
  // CHECK: nn.sigmoid
  %5 = nn.sigmoid %4 : tensor<?x4xf32>
  // CHECK: nn.tanh
  %6 = nn.tanh %5 : tensor<?x4xf32>
  // CHECK: nn.gelu
  %g = nn.gelu %6 : tensor<?x4xf32>
  // CHECK: nn.softmax
  %7 = nn.softmax %g : tensor<?x4xf32>
  // CHECK: nn.log_softmax
  %8 = nn.log_softmax %7 : tensor<?x4xf32>
  return %8 : tensor<?x4xf32>
}

// CHECK-LABEL: func.func @rows
func.func @rows(%m: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // CHECK: nn.sum_rows %{{.+}} : tensor<?x4xf32> -> tensor<4xf32>
  %v = nn.sum_rows %m : tensor<?x4xf32> -> tensor<4xf32>
  // CHECK: nn.broadcast_rows %{{.+}}, %{{.+}} : tensor<4xf32>, tensor<?x4xf32>
  %b = nn.broadcast_rows %v, %m : tensor<4xf32>, tensor<?x4xf32>
  return %b : tensor<?x4xf32>
}

// CHECK-LABEL: func.func @losses
func.func @losses(%logits: tensor<?x10xf32>, %labels: tensor<?xf32>, %p: tensor<?x1xf32>, %t: tensor<?x1xf32>) -> (tensor<f32>, tensor<f32>, tensor<f32>) {
  // CHECK: nn.softmax_cross_entropy %{{.+}}, %{{.+}} : tensor<?x10xf32>, tensor<?xf32>
  %0 = nn.softmax_cross_entropy %logits, %labels : tensor<?x10xf32>, tensor<?xf32>
  // CHECK: nn.mse_loss %{{.+}}, %{{.+}} : tensor<?x1xf32>
  %1 = nn.mse_loss %p, %t : tensor<?x1xf32>
  // CHECK: nn.binary_cross_entropy %{{.+}}, %{{.+}} : tensor<?x1xf32>
  %2 = nn.binary_cross_entropy %p, %t : tensor<?x1xf32>
  // CHECK: nn.mae_loss %{{.+}}, %{{.+}} : tensor<?x1xf32>
  %3 = nn.mae_loss %p, %t : tensor<?x1xf32>
  // CHECK: nn.huber_loss %{{.+}}, %{{.+}} : tensor<?x1xf32>
  %4 = nn.huber_loss %p, %t : tensor<?x1xf32>
  return %0, %1, %2 : tensor<f32>, tensor<f32>, tensor<f32>
}

// CHECK-LABEL: func.func @gradient_kernels
func.func @gradient_kernels(%x: tensor<?x10xf32>, %dy: tensor<?x10xf32>, %labels: tensor<?xf32>, %dl: tensor<f32>) -> tensor<?x10xf32> {
  // CHECK: nn.relu_grad
  %0 = nn.relu_grad %x, %dy : tensor<?x10xf32>
  // CHECK: nn.sigmoid_grad
  %1 = nn.sigmoid_grad %x, %0 : tensor<?x10xf32>
  // CHECK: nn.tanh_grad
  %2 = nn.tanh_grad %x, %1 : tensor<?x10xf32>
  // CHECK: nn.gelu_grad
  %g = nn.gelu_grad %x, %2 : tensor<?x10xf32>
  // CHECK: nn.softmax_grad
  %3 = nn.softmax_grad %x, %g : tensor<?x10xf32>
  // CHECK: nn.log_softmax_grad
  %4 = nn.log_softmax_grad %x, %3 : tensor<?x10xf32>
  // CHECK: nn.softmax_cross_entropy_grad %{{.+}}, %{{.+}}, %{{.+}} : tensor<?x10xf32>, tensor<?xf32>
  %5 = nn.softmax_cross_entropy_grad %4, %labels, %dl : tensor<?x10xf32>, tensor<?xf32>
  // CHECK: nn.mse_loss_grad
  %6 = nn.mse_loss_grad %5, %x, %dl : tensor<?x10xf32>, tensor<?x10xf32>
  // CHECK: nn.binary_cross_entropy_grad
  %7 = nn.binary_cross_entropy_grad %6, %x, %dl : tensor<?x10xf32>, tensor<?x10xf32>
  // CHECK: nn.mae_loss_grad
  %8 = nn.mae_loss_grad %7, %x, %dl : tensor<?x10xf32>, tensor<?x10xf32>
  // CHECK: nn.huber_loss_grad
  %9 = nn.huber_loss_grad %8, %x, %dl : tensor<?x10xf32>, tensor<?x10xf32>
  return %9 : tensor<?x10xf32>
}

// CHECK-LABEL: func.func @optimizer_ops
func.func @optimizer_ops(%p: tensor<8xf32>, %g: tensor<8xf32>, %s: tensor<8xf32>, %lr: f32, %h: f32) -> tensor<8xf32> {
  // CHECK: nn.clip_by_global_norm %{{.+}}, %{{.+}} : tensor<8xf32>
  %c = nn.clip_by_global_norm %g, %h : tensor<8xf32>
  // CHECK: nn.rmsprop_update %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : tensor<8xf32>
  %p2, %s2 = nn.rmsprop_update %p, %c, %s, %lr, %h, %h : tensor<8xf32>
  return %p2 : tensor<8xf32>
}
