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

// The loss reads each row's label column (one read per row, not a pass
// over the row), guarded: a label that is no class (not whole, out of
// range) reads column 0 and adds nothing. It divides by the (dynamic)
// number of rows.
// CHECK-LABEL: func.func @cross_entropy
// CHECK: %[[ROWS:.+]] = arith.sitofp %{{.+}} : i64 to f32
// CHECK: %[[INV:.+]] = arith.divf %{{.+}}, %[[ROWS]]
// CHECK: %[[DIM:.+]] = tensor.dim %arg0, %c1
// CHECK: %[[N:.+]] = arith.index_castui %[[DIM]]
// CHECK: %[[CLASSES:.+]] = arith.uitofp %[[N]]
// CHECK: linalg.generic {{.+}} iterator_types = ["reduction"]} ins(%arg1, %{{.+}} : tensor<?xf32>, tensor<?xf32>)
// CHECK: ^bb0(%[[LABEL:[^:]+]]: f32, %[[LSE:[^:]+]]: f32, %[[ACC:[^:]+]]: f32):
// CHECK: %[[COL:.+]] = arith.fptosi %[[LABEL]]
// CHECK: %[[BACK:.+]] = arith.sitofp %[[COL]]
// CHECK: %[[WHOLE:.+]] = arith.cmpf oeq, %[[BACK]], %[[LABEL]]
// CHECK-DAG: arith.cmpf oge, %[[LABEL]]
// CHECK-DAG: arith.cmpf olt, %[[LABEL]], %[[CLASSES]]
// CHECK: %[[VALID:.+]] = arith.andi %[[WHOLE]]
// CHECK: %[[INDEX:.+]] = arith.select %[[VALID]]
// CHECK: %[[ROW:.+]] = linalg.index 0
// CHECK: %[[X:.+]] = tensor.extract %arg0[%[[ROW]], %[[INDEX]]]
// CHECK: %[[PICK:.+]] = arith.select %[[VALID]], %[[X]]
// CHECK: arith.subf %[[LSE]], %[[PICK]]
// CHECK: arith.mulf %{{.+}}, %[[INV]]
func.func @cross_entropy(%x: tensor<?x4xf32>, %labels: tensor<?xf32>) -> tensor<f32> {
  %0 = nn.softmax_cross_entropy %x, %labels : tensor<?x4xf32>, tensor<?xf32>
  return %0 : tensor<f32>
}
