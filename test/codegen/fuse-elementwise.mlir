// RUN: plexus-opt %s --convert-nn-to-linalg --canonicalize --plexus-fuse-elementwise | FileCheck %s

// dense(dense(x, 500, relu), 10): the bias and relu fuse into one pass, but
// not into the second matmul, which would recompute them for each of its
// 10 columns; the second matmul keeps its tag (and its tiled kernel).
// CHECK-LABEL: func.func @two_layers
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]
// CHECK-NEXT: ^bb0
// CHECK-NEXT:   arith.addf
// CHECK-NEXT:   arith.maximumf
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-NOT: arith.maximumf
func.func @two_layers(%x: tensor<?x64xf32>, %w1: tensor<64x500xf32>, %b1: tensor<500xf32>, %w2: tensor<500x10xf32>) -> tensor<?x10xf32> {
  %0 = nn.matmul %x, %w1 : tensor<?x64xf32>, tensor<64x500xf32> -> tensor<?x500xf32>
  %1 = nn.bias_add %0, %b1 : tensor<?x500xf32>, tensor<500xf32>
  %2 = nn.relu %1 : tensor<?x500xf32>
  %3 = nn.matmul %2, %w2 : tensor<?x500xf32>, tensor<500x10xf32> -> tensor<?x10xf32>
  return %3 : tensor<?x10xf32>
}
