// RUN: plexus-opt %s --pass-pipeline='builtin.module(func.func(plexus-vectorize-elementwise,cse))' --split-input-file | FileCheck %s

// relu(x + bias) with a dynamic batch: the rows are an scf.parallel, the
// 512 columns 32 unmasked vectors; the bias varies along them too.
// CHECK-LABEL: func.func @bias_relu
// CHECK: scf.parallel (%[[I:.+]]) = (%c0{{.*}}) to (%{{.+}}) step (%c1) {
// CHECK:   scf.for %[[J:.+]] = %c0{{.*}} to %c512 step %c16 {
// CHECK-DAG: %[[X:.+]] = vector.load %arg0[%[[I]], %[[J]]] : memref<?x512xf32>, vector<16xf32>
// CHECK-DAG: %[[B:.+]] = vector.load %arg1[%[[J]]] : memref<512xf32>, vector<16xf32>
// CHECK:     %[[S:.+]] = arith.addf %[[X]], %[[B]] : vector<16xf32>
// CHECK:     %[[R:.+]] = arith.maximumf %[[S]], %{{.+}} : vector<16xf32>
// CHECK:     vector.store %[[R]], %arg2[%[[I]], %[[J]]] : memref<?x512xf32>, vector<16xf32>
// CHECK-NOT: linalg.generic
func.func @bias_relu(%x: memref<?x512xf32>, %bias: memref<512xf32>, %y: memref<?x512xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      ins(%x, %bias : memref<?x512xf32>, memref<512xf32>) outs(%y : memref<?x512xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// A softmax's normalization: 10 classes are one masked vector, the row's
// scalar (independent of the class) is broadcast.
// CHECK-LABEL: func.func @normalize
// CHECK: scf.parallel (%[[I:.+]]) =
// CHECK:   scf.for %[[J:.+]] = %c0{{.*}} to %c10 step %c16 {
// CHECK:     %[[LEFT:.+]] = arith.subi %c10{{.*}}, %[[J]]
// CHECK:     %[[N:.+]] = arith.minsi %[[LEFT]], %c16{{.*}}
// CHECK:     %[[MASK:.+]] = vector.create_mask %[[N]] : vector<16xi1>
// CHECK:     %[[E:.+]] = vector.maskedload %arg0[%[[I]], %[[J]]], %[[MASK]]
// CHECK:     %[[S:.+]] = memref.load %arg1[%[[I]]] : memref<?xf32>
// CHECK:     %[[SV:.+]] = vector.broadcast %[[S]] : f32 to vector<16xf32>
// CHECK:     %[[D:.+]] = arith.divf %[[E]], %[[SV]] : vector<16xf32>
// CHECK:     vector.maskedstore %arg2[%[[I]], %[[J]]], %[[MASK]], %[[D]]
func.func @normalize(%e: memref<?x10xf32>, %sum: memref<?xf32>, %p: memref<?x10xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      ins(%e, %sum : memref<?x10xf32>, memref<?xf32>) outs(%p : memref<?x10xf32>) {
  ^bb0(%a: f32, %s: f32, %o: f32):
    %d = arith.divf %a, %s : f32
    linalg.yield %d : f32
  }
  return
}

// -----

// Max pooling: the channels are vectors inside the parallel output dims;
// the window dims (reductions) are loops inside them that carry the output
// in a register: one load and one store per output vector.
// CHECK-LABEL: func.func @max_pool
// CHECK: scf.parallel (%[[N:.+]], %[[I:.+]], %[[J:.+]]) =
// CHECK:   scf.for %[[C:.+]] = %c0{{.*}} to %c32 step %c16
// CHECK:     %[[INIT:.+]] = vector.load %arg2[%[[N]], %[[I]], %[[J]], %[[C]]] : memref<?x14x14x32xf32>, vector<16xf32>
// CHECK:     %[[R:.+]] = scf.for %{{.+}} = %c0{{.*}} to %c2 step %c1 iter_args(%[[ACC:.+]] = %[[INIT]])
// CHECK:       scf.for %{{.+}} = %c0{{.*}} to %c2 step %c1 iter_args(%[[ACC2:.+]] = %[[ACC]])
// CHECK:         %[[X:.+]] = vector.load %arg0[%[[N]], %{{.+}}, %{{.+}}, %[[C]]] : memref<?x28x28x32xf32>, vector<16xf32>
// CHECK:         %[[M:.+]] = arith.maximumf %[[ACC2]], %[[X]] : vector<16xf32>
// CHECK:         scf.yield %[[M]]
// CHECK:     vector.store %[[R]], %arg2[%[[N]], %[[I]], %[[J]], %[[C]]]
func.func @max_pool(%x: memref<?x28x28x32xf32>, %window: memref<2x2xf32>, %y: memref<?x14x14x32xf32>) {
  linalg.generic {indexing_maps = [affine_map<(n, i, j, a, b, c) -> (n, i * 2 + a, j * 2 + b, c)>, affine_map<(n, i, j, a, b, c) -> (a, b)>, affine_map<(n, i, j, a, b, c) -> (n, i, j, c)>], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]}
      ins(%x, %window : memref<?x28x28x32xf32>, memref<2x2xf32>) outs(%y : memref<?x14x14x32xf32>) {
  ^bb0(%in: f32, %w: f32, %out: f32):
    %m = arith.maximumf %out, %in : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// One dim (an optimizer update): the vector loop itself is parallel.
// CHECK-LABEL: func.func @update
// CHECK: scf.parallel (%[[K:.+]]) = (%c0{{.*}}) to (%c1000) step (%c16) {
// CHECK:   vector.maskedload %arg0[%[[K]]]
// CHECK:   arith.mulf %{{.+}}, %{{.+}} : vector<16xf32>
// CHECK:   vector.maskedstore %arg1[%[[K]]]
func.func @update(%g: memref<1000xf32>, %p: memref<1000xf32>, %lr: f32) {
  linalg.generic {indexing_maps = [affine_map<(k) -> (k)>, affine_map<(k) -> (k)>], iterator_types = ["parallel"]}
      ins(%g : memref<1000xf32>) outs(%p : memref<1000xf32>) {
  ^bb0(%a: f32, %o: f32):
    %d = arith.mulf %a, %lr : f32
    %r = arith.subf %o, %d : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// A bias gradient (sum over the batch): no parallel dim but the columns,
// so the vector loop itself is parallel, the batch loop inside it.
// CHECK-LABEL: func.func @bias_gradient
// CHECK: scf.parallel (%[[C:.+]]) = (%c0{{.*}}) to (%c64) step (%c16) {
// CHECK:   %[[INIT:.+]] = vector.load %arg1[%[[C]]]
// CHECK:   %[[SUM:.+]] = scf.for %[[N:.+]] = %c0{{.*}} to %{{.+}} step %c1 iter_args(%[[ACC:.+]] = %[[INIT]])
// CHECK:     %[[G:.+]] = vector.load %arg0[%[[N]], %[[C]]]
// CHECK:     arith.addf %[[ACC]], %[[G]] : vector<16xf32>
// CHECK:   vector.store %[[SUM]], %arg1[%[[C]]]
func.func @bias_gradient(%g: memref<?x64xf32>, %db: memref<64xf32>) {
  linalg.generic {indexing_maps = [affine_map<(n, c) -> (n, c)>, affine_map<(n, c) -> (c)>], iterator_types = ["reduction", "parallel"]}
      ins(%g : memref<?x64xf32>) outs(%db : memref<64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %o, %a : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A bias gradient over batch x pixels at a batch hint (50,176 steps into two
// vectors): 8 parts of the batch, each one sweep for both vectors into its
// row of a scratch buffer, then the rows added to the output in order.
// CHECK-LABEL: func.func @split_bias_gradient
// CHECK: %[[P:.+]] = memref.alloc() : memref<8x32xf32>
// CHECK: scf.parallel (%[[S:.+]]) = (%c0) to (%c8) step (%c1) {
// CHECK:   scf.for %[[N:.+]] = %{{.+}} to %{{.+}} step %c1 iter_args
// CHECK:     scf.for
// CHECK:       scf.for %[[J:.+]] = %c0 to %c28 step %c1 iter_args(%[[A:.+]] = %{{.+}}, %[[B:.+]] = %{{.+}})
// CHECK-DAG:     vector.load %arg0[%[[N]], %{{.+}}, %[[J]], %c0]
// CHECK-DAG:     vector.load %arg0[%[[N]], %{{.+}}, %[[J]], %c16{{.*}}]
// CHECK:   vector.store %{{.+}}, %[[P]][%[[S]], %c0]
// CHECK:   vector.store %{{.+}}, %[[P]][%[[S]], %c16{{.*}}]
// CHECK-COUNT-8: vector.load %[[P]]
// CHECK: vector.store %{{.+}}, %arg1[%c0]
// CHECK-COUNT-8: vector.load %[[P]]
// CHECK: vector.store %{{.+}}, %arg1[%c16{{.*}}]
// CHECK: memref.dealloc %[[P]]
func.func @split_bias_gradient(%g: memref<?x28x28x32xf32>, %db: memref<32xf32>) attributes {plexus.batch_hint = 64 : i64} {
  linalg.generic {indexing_maps = [affine_map<(n, i, j, c) -> (n, i, j, c)>, affine_map<(n, i, j, c) -> (c)>], iterator_types = ["reduction", "reduction", "reduction", "parallel"]}
      ins(%g : memref<?x28x28x32xf32>) outs(%db : memref<32xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %o, %a : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A fill: the scalar broadcast once per vector store (LLVM had turned the
// loops of a fill into scatters along the wrong dim).
// CHECK-LABEL: func.func @fill
// CHECK: scf.parallel (%[[N:.+]], %[[I:.+]], %[[J:.+]]) =
// CHECK:   scf.for %[[C:.+]] = %c0{{.*}} to %c32 step %c16 {
// CHECK:     %[[V:.+]] = vector.broadcast %arg1 : f32 to vector<16xf32>
// CHECK:     vector.store %[[V]], %arg0[%[[N]], %[[I]], %[[J]], %[[C]]]
func.func @fill(%m: memref<?x14x14x32xf32>, %v: f32) {
  linalg.fill ins(%v : f32) outs(%m : memref<?x14x14x32xf32>)
  return
}

// -----

// Left to loops: a reduction along the innermost dim, an innermost dim
// that is strided in an operand (a transpose), an index-dependent payload.
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-3: linalg.generic
// CHECK-NOT: vector.
func.func @left_alone(%x: memref<?x64xf32>, %m: memref<?xf32>, %t: memref<64x?xf32>, %z: memref<?x64xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<?x64xf32>) outs(%m : memref<?xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.maximumf %o, %a : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j, i)>], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<?x64xf32>) outs(%t : memref<64x?xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      outs(%z : memref<?x64xf32>) {
  ^bb0(%o: f32):
    %j = linalg.index 1 : index
    %ji = arith.index_cast %j : index to i32
    %jf = arith.sitofp %ji : i32 to f32
    linalg.yield %jf : f32
  }
  return
}
