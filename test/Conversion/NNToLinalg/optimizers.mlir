// RUN: plexus-opt %s --convert-nn-to-linalg | FileCheck %s
// Optimizer updates are one pass over the flat parameter buffer. The
// parameters and the state are read through the outputs they are written
// to (not as inputs, whose outputs elementwise fusion would replace by
// fresh tensors), so that bufferization updates them in place.

// The hyperparameters are values (the program passes them at each step).
// CHECK-LABEL: func.func @sgd(
// CHECK-SAME: %[[PARAM:[^:]+]]: tensor<10xf32>, %[[GRAD:[^:]+]]: tensor<10xf32>, %[[VEL:[^:]+]]: tensor<10xf32>, %[[LR:[^:]+]]: f32, %[[MU:[^:]+]]: f32)
// CHECK: %{{.+}}:2 = linalg.generic {{.+}} iterator_types = ["parallel"]} ins(%[[GRAD]] : tensor<10xf32>) outs(%[[PARAM]], %[[VEL]] : tensor<10xf32>, tensor<10xf32>)
// CHECK: ^bb0(%[[G:[^:]+]]: f32, %[[OLDP:[^:]+]]: f32, %[[OLDV:[^:]+]]: f32):
// CHECK: %[[MV:.+]] = arith.mulf %[[MU]], %[[OLDV]]
// CHECK: %[[V:.+]] = arith.addf %[[MV]], %[[G]]
// CHECK: %[[STEP:.+]] = arith.mulf %{{.+}}, %[[V]]
// CHECK: %[[P:.+]] = arith.subf %[[OLDP]], %[[STEP]]
// CHECK: linalg.yield %[[P]], %[[V]]
func.func @sgd(%p: tensor<10xf32>, %g: tensor<10xf32>, %v: tensor<10xf32>, %lr: f32, %mu: f32) -> (tensor<10xf32>, tensor<10xf32>) {
  %0, %1 = nn.sgd_update %p, %g, %v, %lr, %mu {nesterov = false} : tensor<10xf32>
  return %0, %1 : tensor<10xf32>, tensor<10xf32>
}

// Bias correction is computed once per step, outside the loop.
// CHECK-LABEL: func.func @adam
// CHECK: math.powf
// CHECK: math.powf
// CHECK: math.sqrt
// CHECK: %{{.+}}:3 = linalg.generic {{.+}} ins(%arg1 : tensor<10xf32>) outs(%arg0, %arg2, %arg3 : tensor<10xf32>, tensor<10xf32>, tensor<10xf32>)
// CHECK: math.sqrt
// CHECK: linalg.yield
func.func @adam(%p: tensor<10xf32>, %g: tensor<10xf32>, %m: tensor<10xf32>, %v: tensor<10xf32>, %lr: f32, %t: f32, %b1: f32, %b2: f32, %eps: f32, %wd: f32) -> tensor<10xf32> {
  %0, %1, %2 = nn.adam_update %p, %g, %m, %v, %lr, %t, %b1, %b2, %eps, %wd : tensor<10xf32>
  return %0 : tensor<10xf32>
}

// CHECK-LABEL: func.func @rmsprop
// CHECK: %{{.+}}:2 = linalg.generic {{.+}} ins(%arg1 : tensor<10xf32>) outs(%arg0, %arg2 : tensor<10xf32>, tensor<10xf32>)
// CHECK: math.sqrt
// CHECK: arith.divf
// CHECK: linalg.yield
func.func @rmsprop(%p: tensor<10xf32>, %g: tensor<10xf32>, %s: tensor<10xf32>, %lr: f32, %rho: f32, %eps: f32) -> tensor<10xf32> {
  %0, %1 = nn.rmsprop_update %p, %g, %s, %lr, %rho, %eps : tensor<10xf32>
  return %0 : tensor<10xf32>
}

// AdamW decays the parameter by lr * weight_decay before the Adam step.
// CHECK-LABEL: func.func @adamw(
// CHECK: %[[DECAY:.+]] = arith.mulf %arg4, %arg9 fastmath<reassoc,contract> : f32
// CHECK: linalg.generic
// CHECK: ^bb0(%{{[^:]+}}: f32, %[[P:[^:]+]]: f32,
// CHECK: %[[D:.+]] = arith.mulf %[[DECAY]], %[[P]]
// CHECK: arith.subf %[[P]], %[[D]]
func.func @adamw(%p: tensor<10xf32>, %g: tensor<10xf32>, %m: tensor<10xf32>, %v: tensor<10xf32>, %lr: f32, %t: f32, %b1: f32, %b2: f32, %eps: f32, %wd: f32) -> tensor<10xf32> {
  %0, %1, %2 = nn.adam_update %p, %g, %m, %v, %lr, %t, %b1, %b2, %eps, %wd : tensor<10xf32>
  return %0 : tensor<10xf32>
}

// The norm is reduced once; the scale is 1 unless the norm is too large.
// CHECK-LABEL: func.func @clip(
// CHECK: %[[SUM:.+]] = linalg.generic {{.+}} iterator_types = ["reduction"]
// CHECK: %[[NORM:.+]] = math.sqrt
// CHECK: %[[BIG:.+]] = arith.cmpf ogt, %[[NORM]]
// CHECK: %[[SCALE:.+]] = arith.select %[[BIG]]
// CHECK: linalg.generic
// CHECK: arith.mulf %{{.+}}, %[[SCALE]]
func.func @clip(%g: tensor<10xf32>, %max: f32) -> tensor<10xf32> {
  %0 = nn.clip_by_global_norm %g, %max : tensor<10xf32>
  return %0 : tensor<10xf32>
}
