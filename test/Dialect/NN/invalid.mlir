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
  // expected-error @+1 {{'nn.bias_add' op bias has 11 elements but rows have 10}}
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
  // expected-error @+1 {{'nn.broadcast_rows' op input has 3 elements but rows have 4}}
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
