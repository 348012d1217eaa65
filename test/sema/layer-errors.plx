// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s < %t

// Shape rules of the image layers, and their arguments.
model M(x: f32[N, 8, 8, 1]) -> f32[N, 10] {
  a = conv2d(x, 4, 9)
  b = max_pool2d(x, 9)
  c = dense(x, 10)
  d = conv2d(flatten(x), 4, 3)
  e = batch_norm(x, momentum: 1.5)
  f = dropout(x, 1)
  g = embedding(x, 10, 4)
  return dense(flatten(x), 10, softmax)
}

// CHECK: layer-errors.plx:6:7: error: conv2d kernel 9x9 is larger than its input f32[N, 8, 8, 1] (padding: valid)
// CHECK: layer-errors.plx:6:7: help: use a smaller kernel or 'padding: same'
// CHECK: layer-errors.plx:7:7: error: max_pool2d window 9x9 is larger than its input f32[N, 8, 8, 1]
// CHECK: layer-errors.plx:8:7: error: dense expects a rank-2 input [batch, features], found f32[N, 8, 8, 1]
// CHECK: layer-errors.plx:9:7: error: conv2d expects a rank-4 input [batch, height, width, channels], found f32[N, 64]
// CHECK: layer-errors.plx:10:31: error: argument 'momentum' of 'batch_norm' must be in [0, 1), got 1.5
// CHECK: layer-errors.plx:11:18: error: argument 'rate' of 'dropout' must be in [0, 1), got 1
// CHECK: layer-errors.plx:12:7: error: embedding expects a rank-2 input [batch, positions] of token ids, found f32[N, 8, 8, 1]
// CHECK: 7 errors generated.
