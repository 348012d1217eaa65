// RUN: plexus-opt %s -split-input-file -verify-diagnostics

func.func @matmul_contracting(%a: tensor<?x10xf32>, %b: tensor<20x5xf32>) {
  // expected-error @+1 {{'nn.matmul' op contracting dimensions differ: 10 vs 20}}
  %0 = nn.matmul %a, %b : tensor<?x10xf32>, tensor<20x5xf32> -> tensor<?x5xf32>
  return
}

// -----

func.func @matmul_result(%a: tensor<?x10xf32>, %b: tensor<10x5xf32>) {
  // expected-error @+1 {{'nn.matmul' op result dimension 1 is 6, expected 5}}
  %0 = nn.matmul %a, %b : tensor<?x10xf32>, tensor<10x5xf32> -> tensor<?x6xf32>
  return
}

// -----

func.func @matmul_transposed(%a: tensor<?x10xf32>, %b: tensor<?x5xf32>) {
  // expected-error @+1 {{'nn.matmul' op result dimension 0 is 3, expected 10}}
  %0 = nn.matmul %a, %b {transpose_lhs} : tensor<?x10xf32>, tensor<?x5xf32> -> tensor<3x5xf32>
  return
}

// -----

func.func @matmul_rank(%a: tensor<10xf32>, %b: tensor<10x5xf32>) {
  // expected-error @+1 {{operand #0 must be 2D tensor of 32-bit float or 64-bit float values}}
  %0 = nn.matmul %a, %b : tensor<10xf32>, tensor<10x5xf32> -> tensor<?x5xf32>
  return
}

// -----

func.func @bias(%x: tensor<?x10xf32>, %b: tensor<11xf32>) {
  // expected-error @+1 {{'nn.bias_add' op bias has 11 elements but the last dimension is 10}}
  %0 = nn.bias_add %x, %b : tensor<?x10xf32>, tensor<11xf32>
  return
}

// -----

func.func @sum_rows(%x: tensor<?x10xf32>) {
  // expected-error @+1 {{'nn.sum_rows' op result dimension 0 is 9, expected 10}}
  %0 = nn.sum_rows %x : tensor<?x10xf32> -> tensor<9xf32>
  return
}

// -----

func.func @broadcast(%v: tensor<3xf32>, %like: tensor<?x4xf32>) {
  // expected-error @+1 {{'nn.broadcast_rows' op input has 3 elements but the last dimension is 4}}
  %0 = nn.broadcast_rows %v, %like : tensor<3xf32>, tensor<?x4xf32>
  return
}

// -----

func.func @cross_entropy(%logits: tensor<8x10xf32>, %labels: tensor<9xf32>) {
  // expected-error @+1 {{'nn.softmax_cross_entropy' op has 8 rows of logits but 9 labels}}
  %0 = nn.softmax_cross_entropy %logits, %labels : tensor<8x10xf32>, tensor<9xf32>
  return
}

// -----

func.func @f16(%a: tensor<?x4xf16>) {
  // expected-error @+1 {{operand #0 must be tensor of 32-bit float or 64-bit float values}}
  %0 = "nn.relu"(%a) : (tensor<?x4xf16>) -> tensor<?x4xf16>
  return
}

// -----

func.func @softmax_rank(%a: tensor<4xf32>) {
  // expected-error @+1 {{operand #0 must be 2D tensor of 32-bit float or 64-bit float values}}
  %0 = "nn.softmax"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @mixed(%a: tensor<?x4xf32>, %b: tensor<4x2xf64>) {
  // expected-error @+1 {{requires the same element type for all operands and results}}
  %0 = nn.matmul %a, %b : tensor<?x4xf32>, tensor<4x2xf64> -> tensor<?x2xf32>
  return
}

// -----

func.func @bias_vector(%x: tensor<10xf32>, %b: tensor<10xf32>) {
  // expected-error @+1 {{'nn.bias_add' op expects a tensor of rank 2 or more}}
  %0 = nn.bias_add %x, %b : tensor<10xf32>, tensor<10xf32>
  return
}

// -----

func.func @conv_channels(%x: tensor<?x8x8x3xf32>, %w: tensor<3x3x1x16xf32>) {
  // expected-error @+1 {{'nn.conv2d' op input has 3 channels but the filter expects 1}}
  %0 = nn.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>} : tensor<?x8x8x3xf32>, tensor<3x3x1x16xf32> -> tensor<?x8x8x16xf32>
  return
}

// -----

func.func @conv_result(%x: tensor<?x8x8x1xf32>, %w: tensor<3x3x1x16xf32>) {
  // expected-error @+1 {{'nn.conv2d' op result dimension 1 is 8, expected 3}}
  %0 = nn.conv2d %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 0, 0, 0, 0>} : tensor<?x8x8x1xf32>, tensor<3x3x1x16xf32> -> tensor<?x8x8x16xf32>
  return
}

// -----

func.func @conv_strides(%x: tensor<?x8x8x1xf32>, %w: tensor<3x3x1x16xf32>) {
  // expected-error @+1 {{'nn.conv2d' op expects two positive strides}}
  %0 = nn.conv2d %x, %w {strides = array<i64: 0, 1>, padding = array<i64: 0, 0, 0, 0>} : tensor<?x8x8x1xf32>, tensor<3x3x1x16xf32> -> tensor<?x6x6x16xf32>
  return
}

// -----

func.func @pool_result(%x: tensor<?x8x8x4xf32>) {
  // expected-error @+1 {{'nn.max_pool2d' op result dimension 1 is 3, expected 4}}
  %0 = nn.max_pool2d %x {window = 2 : i64, stride = 2 : i64} : tensor<?x8x8x4xf32> -> tensor<?x3x4x4xf32>
  return
}

// -----

func.func @pool_window(%x: tensor<?x2x2x4xf32>) {
  // expected-error @+1 {{'nn.avg_pool2d' op window is larger than the input}}
  %0 = nn.avg_pool2d %x {window = 3 : i64, stride = 1 : i64} : tensor<?x2x2x4xf32> -> tensor<?x1x1x4xf32>
  return
}

// -----

func.func @reshape_count(%x: tensor<?x4x4x2xf32>) {
  // expected-error @+1 {{'nn.reshape' op changes the elements per sample from 32 to 30}}
  %0 = nn.reshape %x : tensor<?x4x4x2xf32> -> tensor<?x30xf32>
  return
}
