// RUN: plexus-opt %s --pass-pipeline='builtin.module(func.func(plexus-parallelize-loops{threshold=1000}))' | FileCheck %s

// Little work (8 x 8 iterations of 2 operations): sequential loops.
// CHECK-LABEL: func.func @small
// CHECK-NOT: scf.parallel
// CHECK: scf.for
// CHECK: scf.for
func.func @small(%m: memref<8x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%c8, %c8) step (%c1, %c1) {
    %v = memref.load %m[%i, %j] : memref<8x8xf32>
    %w = arith.addf %v, %v : f32
    memref.store %w, %m[%i, %j] : memref<8x8xf32>
    scf.reduce
  }
  return
}

// Enough work: stays parallel (convert-scf-to-openmp takes it); the
// parallel loop nested inside it becomes sequential.
// CHECK-LABEL: func.func @large
// CHECK: scf.parallel
// CHECK-NOT: scf.parallel
// CHECK: scf.for
func.func @large(%m: memref<512x512xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c512 = arith.constant 512 : index
  scf.parallel (%i) = (%c0) to (%c512) step (%c1) {
    scf.parallel (%j) = (%c0) to (%c512) step (%c1) {
      %v = memref.load %m[%i, %j] : memref<512x512xf32>
      %w = arith.addf %v, %v : f32
      memref.store %w, %m[%i, %j] : memref<512x512xf32>
      scf.reduce
    }
    scf.reduce
  }
  return
}

// A parallel nest keeps its innermost dim sequential, which LLVM
// vectorizes (OpenMP would collapse it into the outer ones), unless the
// outer dims have too few iterations to share.
// CHECK-LABEL: func.func @rows
// CHECK: scf.parallel (%[[I:.+]]) = (%c0) to (%c512) step (%c1) {
// CHECK-NEXT: scf.for %[[J:.+]] = %c0 to %c512 step %c1 {
// CHECK-NEXT: memref.load %{{.+}}[%[[I]], %[[J]]]
// CHECK-LABEL: func.func @few_rows
// CHECK: scf.parallel (%{{.+}}, %{{.+}}) = (%c0, %c0) to (%c4, %c65536)
// CHECK-NOT: scf.for
func.func @rows(%m: memref<512x512xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c512 = arith.constant 512 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%c512, %c512) step (%c1, %c1) {
    %v = memref.load %m[%i, %j] : memref<512x512xf32>
    %w = arith.addf %v, %v : f32
    memref.store %w, %m[%i, %j] : memref<512x512xf32>
    scf.reduce
  }
  return
}
func.func @few_rows(%m: memref<4x65536xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c65536 = arith.constant 65536 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c65536) step (%c1, %c1) {
    %v = memref.load %m[%i, %j] : memref<4x65536xf32>
    %w = arith.addf %v, %v : f32
    memref.store %w, %m[%i, %j] : memref<4x65536xf32>
    scf.reduce
  }
  return
}

// Work that depends on the batch: decided at run time.
// CHECK-LABEL: func.func @batch
// CHECK: %[[WORK:.+]] = arith.muli %{{.+}}, %c{{[0-9]+}}
// CHECK: %[[LARGE:.+]] = arith.cmpi sge, %[[WORK]], %c1000
// CHECK: scf.if %[[LARGE]] {
// CHECK:   scf.parallel (%[[I:.+]]) = (%c0) to (%{{.+}}) step (%c1) {
// CHECK:     scf.for %[[J:.+]] = %c0 to %c64 step %c1 {
// CHECK:       memref.load %{{.+}}[%[[I]], %[[J]]]
// CHECK: } else {
// CHECK-NOT: scf.parallel
// CHECK:   scf.for
// CHECK: }
func.func @batch(%m: memref<?x64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %n = memref.dim %m, %c0 : memref<?x64xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c64) step (%c1, %c1) {
    %v = memref.load %m[%i, %j] : memref<?x64xf32>
    %w = arith.addf %v, %v : f32
    memref.store %w, %m[%i, %j] : memref<?x64xf32>
    scf.reduce
  }
  return
}

// With a batch hint (plx_train_step's batch size), work that depends on
// the batch is decided once, at that size: no run-time versions. 2 rows of
// 64 iterations are below the threshold, 512 rows above it.
// CHECK-LABEL: func.func @hinted_few
// CHECK-NOT: scf.if
// CHECK-NOT: scf.parallel
// CHECK: scf.for
// CHECK: scf.for
// CHECK-LABEL: func.func @hinted_many
// CHECK-NOT: scf.if
// CHECK: scf.parallel (%{{.+}}) = (%c0) to (%{{.+}}) step (%c1) {
// CHECK-NEXT: scf.for
// CHECK-NOT: scf.if
// CHECK: return
func.func @hinted_few(%m: memref<?x64xf32>) attributes {plexus.batch_hint = 2 : i64} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %n = memref.dim %m, %c0 : memref<?x64xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c64) step (%c1, %c1) {
    %v = memref.load %m[%i, %j] : memref<?x64xf32>
    %w = arith.addf %v, %v : f32
    memref.store %w, %m[%i, %j] : memref<?x64xf32>
    scf.reduce
  }
  return
}
func.func @hinted_many(%m: memref<?x64xf32>) attributes {plexus.batch_hint = 512 : i64} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %n = memref.dim %m, %c0 : memref<?x64xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c64) step (%c1, %c1) {
    %v = memref.load %m[%i, %j] : memref<?x64xf32>
    %w = arith.addf %v, %v : f32
    memref.store %w, %m[%i, %j] : memref<?x64xf32>
    scf.reduce
  }
  return
}

// The register-tiled matmuls' row loops are tagged parallel.
// CHECK-LABEL: func.func @tagged
// CHECK: scf.parallel (%{{.+}}) = (%c0) to (%c512) step (%c8)
// CHECK-NOT: plexus.parallel
func.func @tagged(%m: memref<512x512xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c512 = arith.constant 512 : index
  scf.for %i = %c0 to %c512 step %c8 {
    scf.for %j = %c0 to %c512 step %c1 {
      %v = memref.load %m[%i, %j] : memref<512x512xf32>
      %w = arith.addf %v, %v : f32
      memref.store %w, %m[%i, %j] : memref<512x512xf32>
    }
  } {plexus.parallel}
  return
}

// A loop that streams its data (a small batch's matmul) goes to threads at
// a quarter of the threshold: 16 x 8 iterations of about 3 operations (some
// 400) are below the plain loop's 1000, above the streaming loop's 250.
// CHECK-LABEL: func.func @streaming
// CHECK: scf.parallel
// CHECK-LABEL: func.func @not_streaming
// CHECK-NOT: scf.parallel
func.func @streaming(%m: memref<16x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  scf.for %i = %c0 to %c16 step %c1 {
    scf.for %j = %c0 to %c8 step %c1 {
      %v = memref.load %m[%i, %j] : memref<16x8xf32>
      %w = arith.addf %v, %v : f32
      memref.store %w, %m[%i, %j] : memref<16x8xf32>
    }
  } {plexus.parallel, plexus.streaming}
  return
}
func.func @not_streaming(%m: memref<16x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  scf.for %i = %c0 to %c16 step %c1 {
    scf.for %j = %c0 to %c8 step %c1 {
      %v = memref.load %m[%i, %j] : memref<16x8xf32>
      %w = arith.addf %v, %v : f32
      memref.store %w, %m[%i, %j] : memref<16x8xf32>
    }
  } {plexus.parallel}
  return
}
