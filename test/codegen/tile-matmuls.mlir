// RUN: plexus-opt %s --convert-nn-to-linalg --plexus-tile-and-vectorize-matmuls --canonicalize | FileCheck %s
// A [?, 64] x [64, 500] matmul: full 8 x 32 tiles become a vector.contract
// over a register-resident accumulator; the last 20 columns (500 = 15 * 32
// + 20) get a static 8 x 20 tile; the last rows of the batch get 1 x 32
// and 1 x 20 tiles.

// CHECK-LABEL: func.func @dense
// CHECK: %[[ROWS:.+]] = affine.apply
// Main rows, main columns:
// CHECK: scf.for %[[M:.+]] = %c0 to %[[ROWS]] step %c8
// CHECK:   scf.for %[[N:.+]] = %c0 to %c480 step %c32
// CHECK:     %[[ACC:.+]] = vector.transfer_read %{{.+}}[%[[M]], %[[N]]]{{.*}} : tensor<?x500xf32>, vector<8x32xf32>
// CHECK:     %[[SUM:.+]] = scf.for %[[K:.+]] = %c0 to %c64 step %c1 iter_args(%[[C:.+]] = %[[ACC]]) -> (vector<8x32xf32>)
// CHECK:       %[[A:.+]] = vector.transfer_read %{{.+}}[%[[M]], %[[K]]]{{.*}} vector<8x1xf32>
// CHECK:       %[[B:.+]] = vector.transfer_read %{{.+}}[%[[K]], %[[N]]]{{.*}} vector<1x32xf32>
// CHECK:       %[[R:.+]] = vector.contract {{.+}} %[[A]], %[[B]], %[[C]] : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK:       scf.yield %[[R]]
// CHECK:     vector.transfer_write %[[SUM]]
// Main rows, last 20 columns:
// CHECK:   scf.for
// CHECK:     vector.contract {{.+}} into vector<8x20xf32>
// Remaining rows (the last rows of a batch, or a batch of 1), one row at a
// time, vectorized too:
// CHECK: scf.for %{{.+}} = %[[ROWS]] to
// CHECK:   vector.contract {{.+}} into vector<1x32xf32>
// CHECK:   vector.contract {{.+}} into vector<1x20xf32>
// CHECK-NOT: linalg.generic
// CHECK-NOT: plexus.matmul
func.func @dense(%x: tensor<?x64xf32>, %w: tensor<64x500xf32>) -> tensor<?x500xf32> {
  %0 = nn.matmul %x, %w : tensor<?x64xf32>, tensor<64x500xf32> -> tensor<?x500xf32>
  return %0 : tensor<?x500xf32>
}
