// RUN: plexus-opt %s --convert-nn-to-linalg | FileCheck %s
// Optimizer updates are one pass over the flat parameter buffer.

// CHECK-LABEL: func.func @sgd
// CHECK: %{{.+}}:2 = linalg.generic {{.+}} iterator_types = ["parallel"]} ins(%{{.+}}, %{{.+}}, %{{.+}} : tensor<10xf32>, tensor<10xf32>, tensor<10xf32>)
// CHECK: %[[MU:.+]] = arith.constant 0.899999976 : f32
// CHECK: %[[MV:.+]] = arith.mulf %[[MU]], %{{.+}}
// CHECK: %[[V:.+]] = arith.addf %[[MV]], %{{.+}}
// CHECK: %[[STEP:.+]] = arith.mulf %{{.+}}, %[[V]]
// CHECK: %[[P:.+]] = arith.subf %{{.+}}, %[[STEP]]
// CHECK: linalg.yield %[[P]], %[[V]]
func.func @sgd(%p: tensor<10xf32>, %g: tensor<10xf32>, %v: tensor<10xf32>, %lr: f32) -> (tensor<10xf32>, tensor<10xf32>) {
  %0, %1 = nn.sgd_update %p, %g, %v, %lr {momentum = 0.9 : f32, nesterov = false} : tensor<10xf32>
  return %0, %1 : tensor<10xf32>, tensor<10xf32>
}

// Bias correction is computed once per step, outside the loop.
// CHECK-LABEL: func.func @adam
// CHECK: math.powf
// CHECK: math.powf
// CHECK: math.sqrt
// CHECK: %{{.+}}:3 = linalg.generic
// CHECK: math.sqrt
// CHECK: linalg.yield
func.func @adam(%p: tensor<10xf32>, %g: tensor<10xf32>, %m: tensor<10xf32>, %v: tensor<10xf32>, %lr: f32, %t: f32) -> tensor<10xf32> {
  %0, %1, %2 = nn.adam_update %p, %g, %m, %v, %lr, %t {beta1 = 0.9 : f32, beta2 = 0.999 : f32, epsilon = 1.0e-07 : f32} : tensor<10xf32>
  return %0 : tensor<10xf32>
}
