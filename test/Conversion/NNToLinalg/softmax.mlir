// RUN: plexus-opt %s --convert-nn-to-linalg | FileCheck %s
// Softmax and the cross-entropy use the log-sum-exp form: the row maximum
// (from -inf) is subtracted before exp.

// CHECK-LABEL: func.func @softmax
// CHECK: %[[NEGINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: %[[MAXINIT:.+]] = linalg.fill ins(%[[NEGINF]] : f32)
// CHECK: %[[MAX:.+]] = linalg.generic {{.+}} iterator_types = ["parallel", "reduction"]{{.+}} outs(%[[MAXINIT]]
// CHECK: arith.maximumf
// CHECK: %[[SUM:.+]] = linalg.generic {{.+}} ins(%{{.+}}, %[[MAX]] : tensor<?x4xf32>, tensor<?xf32>)
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: %[[LSE:.+]] = linalg.generic
// CHECK: math.log
// CHECK: linalg.generic {{.+}} ins(%{{.+}}, %[[LSE]] : tensor<?x4xf32>, tensor<?xf32>)
// CHECK: arith.subf
// CHECK: math.exp
func.func @softmax(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = nn.softmax %x : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// The loss picks each row's label column with linalg.index instead of a
// gather, and divides by the (dynamic) number of rows.
// CHECK-LABEL: func.func @cross_entropy
// CHECK: %[[ROWS:.+]] = arith.sitofp %{{.+}} : i64 to f32
// CHECK: %[[INV:.+]] = arith.divf %{{.+}}, %[[ROWS]]
// CHECK: linalg.generic {{.+}} iterator_types = ["reduction", "reduction"]
// CHECK: linalg.index 1
// CHECK: arith.cmpf oeq
// CHECK: arith.select
// CHECK: arith.mulf %{{.+}}, %[[INV]]
func.func @cross_entropy(%x: tensor<?x4xf32>, %labels: tensor<?xf32>) -> tensor<f32> {
  %0 = nn.softmax_cross_entropy %x, %labels : tensor<?x4xf32>, tensor<?xf32>
  return %0 : tensor<f32>
}
