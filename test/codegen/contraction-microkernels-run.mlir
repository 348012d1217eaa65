// Executes the register-tiled kernels of plexus-contraction-microkernels on
// every path they take (packed and in-place N sides, decided at compile and
// at run time or at a batch hint; static and dynamic row remainders; masked columns; threads
// over rows, columns or parts of K; matmuls in both transpositions and the three
// convolutions; weights whose panels are kept between calls) and compares each f32 result with the same contraction in
// f64, which the pass leaves to loops. Each case prints 1 when every element
// is within 1e-4 (relative) of the reference.
//
// RUN: plexus-opt %s --pass-pipeline='builtin.module(plexus-contraction-microkernels,func.func(convert-linalg-to-loops),convert-vector-to-scf{full-unroll=true},expand-strided-metadata,lower-affine,convert-scf-to-cf,convert-vector-to-llvm,convert-math-to-llvm,convert-math-to-libm,convert-arith-to-llvm,finalize-memref-to-llvm,convert-func-to-llvm,convert-cf-to-llvm,convert-ub-to-llvm,reconcile-unrealized-casts)' \
// RUN:   | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN:   | FileCheck %s --check-prefix=RESULT
//
// RESULT-COUNT-18: {{^}}1{{$}}
// RESULT-NOT: 0
//
// Every f32 contraction took a kernel; the f64 references did not.
// RUN: plexus-opt %s --pass-pipeline='builtin.module(plexus-contraction-microkernels)' | FileCheck %s
// The panels of weights (a view of a `plexus.versioned` argument) are globals,
// with the key of what they hold; "never packed" is -1.
// CHECK-DAG: memref.global "private" @plx_packed_weights_key{{.*}} : memref<3xi64> = dense<-1>
// CHECK-DAG: memref.global "private" @plx_packed_weights{{.*}} : memref<8x64x32xf32> = uninitialized
// CHECK-DAG: memref.global "private" @plx_packed_weights_key{{.*}} : memref<3xi64> = dense<-1>
// CHECK-DAG: memref.global "private" @plx_packed_weights{{.*}} : memref<2x64x32xf32> = uninitialized
// CHECK-NOT: memref.global "private" @plx_packed
// CHECK-LABEL: func.func @mm_packed_dynamic_kernel(
// CHECK: scf.if
// CHECK: vector.fma
// With a batch hint (BatchHint.h), one kernel and no run-time choice.
// CHECK-LABEL: func.func @mm_hinted_packed_kernel(
// CHECK-NOT: scf.if
// CHECK: memref.alloc() : memref<5x45x32xf32>
// Packing prefetches the N side's rows 16 K steps ahead, one line per vector.
// CHECK: %[[AHEAD:.+]] = arith.addi %{{.+}}, %c16
// CHECK-COUNT-2: memref.prefetch %arg1[%[[AHEAD]], %{{.+}}], read, locality<3>, data
// CHECK-NOT: scf.if
// CHECK-NOT: plexus.streaming
// CHECK: return
// CHECK-LABEL: func.func @mm_hinted_wide_kernel(
// CHECK-NOT: memref.alloc
// CHECK-NOT: scf.if
// CHECK: plexus.streaming
// CHECK: return
// CHECK-LABEL: func.func @mm_direct_dynamic_kernel(
// CHECK: vector.fma
// A small batch: one row at a time, 8 vectors (128 columns) wide.
// CHECK: } else {
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for
// CHECK-COUNT-8: vector.fma
// CHECK-NOT: vector.fma
// CHECK: plexus.streaming
// CHECK: return
// CHECK-LABEL: func.func @mm_transposed_b_kernel(
// CHECK: memref.alloc() : memref<5x33x32xf32>
// CHECK: vector.fma
// CHECK-LABEL: func.func @mm_transposed_a_kernel(
// CHECK: vector.fma
// CHECK-LABEL: func.func @conv_forward_kernel(
// CHECK: vector.fma
// CHECK-LABEL: func.func @conv_filter_gradient_kernel(
// CHECK: vector.fma
// CHECK-LABEL: func.func @conv_split_k_kernel(
// CHECK: memref.alloc() : memref<8x9x32xf32>
// CHECK: scf.for
// CHECK-SAME: to %c8
// CHECK: vector.fma
// CHECK: plexus.parallel
// CHECK-COUNT-8: arith.addf {{.*}} : vector<16xf32>
// CHECK: memref.dealloc
// CHECK-LABEL: func.func @conv_input_gradient_kernel(
// CHECK: memref.alloc() : memref<1x3x3x5x16xf32>
// CHECK: vector.fma
// The key (weights version, address, offset) against the global's: the
// column tiles pack under `scf.if` only when they differ, and the new key is
// stored after the parallel loop.
// CHECK-LABEL: func.func @mm_weights_kernel(
// CHECK-NOT: memref.alloc
// CHECK-DAG: %[[PANELS:.+]] = memref.get_global @plx_packed_weights : memref<8x64x32xf32>
// CHECK-DAG: %[[KEY:.+]] = memref.get_global @plx_packed_weights_key : memref<3xi64>
// CHECK-DAG: %[[VERSION:.+]] = call @plx_params_version() : () -> i64
// CHECK: %[[HELD:.+]] = memref.load %[[KEY]][%c0
// CHECK: arith.cmpi ne, %[[HELD]], %[[VERSION]]
// CHECK: arith.ori
// CHECK: %[[STALE:.+]] = arith.ori
// CHECK: scf.for
// CHECK-NEXT: scf.if %[[STALE]] {
// CHECK: memref.prefetch
// CHECK: vector.store %{{.+}}, %[[PANELS]]
// CHECK: vector.load %[[PANELS]]
// CHECK: plexus.parallel
// CHECK: memref.store %[[VERSION]], %[[KEY]]
// CHECK-COUNT-2: memref.store %{{.+}}, %[[KEY]]
// CHECK-NOT: memref.dealloc
// CHECK: return
// The same product on an argument without the attribute packs at every call.
// CHECK-LABEL: func.func @mm_unversioned_kernel(
// CHECK: memref.alloc() : memref<8x64x32xf32>
// CHECK-NOT: get_global
// CHECK-NOT: scf.if
// CHECK: memref.dealloc
// Transposed weights of few columns: all panels packed (under the same
// check) before the row tiles, which the threads take.
// CHECK-LABEL: func.func @mm_weights_transposed_kernel(
// CHECK: call @plx_params_version()
// CHECK: scf.for
// CHECK-NEXT: scf.if
// CHECK: memref.store %{{.+}}, %{{.+}}[%c0
// CHECK: plexus.parallel
// CHECK-LABEL: func.func @main(

func.func @fill2(%m: memref<?x?xf32>, %seed: i32) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%m : memref<?x?xf32>) {
  ^bb0(%o: f32):
    %i0 = linalg.index 0 : index
    %c0 = arith.index_cast %i0 : index to i32
    %i1 = linalg.index 1 : index
    %c1 = arith.index_cast %i1 : index to i32
    %k0 = arith.constant 7 : i32
    %k1 = arith.constant 3 : i32
    %base = arith.addi %seed, %seed : i32
    %m0 = arith.muli %c0, %k0 : i32
    %s0 = arith.addi %base, %m0 : i32
    %m1 = arith.muli %c1, %k1 : i32
    %s1 = arith.addi %s0, %m1 : i32
    %f = arith.sitofp %s1 : i32 to f32
    %x = arith.constant 0.1 : f32
    %y = arith.mulf %f, %x : f32
    %v = math.sin %y : f32
    linalg.yield %v : f32
  }
  return
}
func.func @ext2(%a: memref<?x?xf32>, %b: memref<?x?xf64>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%a : memref<?x?xf32>) outs(%b : memref<?x?xf64>) {
  ^bb0(%x: f32, %o: f64):
    %v = arith.extf %x : f32 to f64
    linalg.yield %v : f64
  }
  return
}
// Prints 1 if every element of %a is within 1e-4 (relative) of %ref.
func.func @check2(%a: memref<?x?xf32>, %ref: memref<?x?xf64>) {
  %err = memref.alloc() : memref<f64>
  %zero = arith.constant 0.0 : f64
  memref.store %zero, %err[] : memref<f64>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%a, %ref : memref<?x?xf32>, memref<?x?xf64>) outs(%err : memref<f64>) {
  ^bb0(%x: f32, %r: f64, %o: f64):
    %x64 = arith.extf %x : f32 to f64
    %diff = arith.subf %x64, %r : f64
    %abs = math.absf %diff : f64
    %mag = math.absf %r : f64
    %one = arith.constant 1.0 : f64
    %scale = arith.maximumf %mag, %one : f64
    %rel = arith.divf %abs, %scale : f64
    %m = arith.maximumf %o, %rel : f64
    linalg.yield %m : f64
  }
  %e = memref.load %err[] : memref<f64>
  %tol = arith.constant 1.0e-4 : f64
  %ok = arith.cmpf olt, %e, %tol : f64
  vector.print %ok : i1
  memref.dealloc %err : memref<f64>
  return
}

func.func @fill4(%m: memref<?x?x?x?xf32>, %seed: i32) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%m : memref<?x?x?x?xf32>) {
  ^bb0(%o: f32):
    %i0 = linalg.index 0 : index
    %c0 = arith.index_cast %i0 : index to i32
    %i1 = linalg.index 1 : index
    %c1 = arith.index_cast %i1 : index to i32
    %i2 = linalg.index 2 : index
    %c2 = arith.index_cast %i2 : index to i32
    %i3 = linalg.index 3 : index
    %c3 = arith.index_cast %i3 : index to i32
    %k0 = arith.constant 7 : i32
    %k1 = arith.constant 3 : i32
    %k2 = arith.constant 5 : i32
    %k3 = arith.constant 11 : i32
    %base = arith.addi %seed, %seed : i32
    %m0 = arith.muli %c0, %k0 : i32
    %s0 = arith.addi %base, %m0 : i32
    %m1 = arith.muli %c1, %k1 : i32
    %s1 = arith.addi %s0, %m1 : i32
    %m2 = arith.muli %c2, %k2 : i32
    %s2 = arith.addi %s1, %m2 : i32
    %m3 = arith.muli %c3, %k3 : i32
    %s3 = arith.addi %s2, %m3 : i32
    %f = arith.sitofp %s3 : i32 to f32
    %x = arith.constant 0.1 : f32
    %y = arith.mulf %f, %x : f32
    %v = math.sin %y : f32
    linalg.yield %v : f32
  }
  return
}
func.func @ext4(%a: memref<?x?x?x?xf32>, %b: memref<?x?x?x?xf64>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%a : memref<?x?x?x?xf32>) outs(%b : memref<?x?x?x?xf64>) {
  ^bb0(%x: f32, %o: f64):
    %v = arith.extf %x : f32 to f64
    linalg.yield %v : f64
  }
  return
}
// Prints 1 if every element of %a is within 1e-4 (relative) of %ref.
func.func @check4(%a: memref<?x?x?x?xf32>, %ref: memref<?x?x?x?xf64>) {
  %err = memref.alloc() : memref<f64>
  %zero = arith.constant 0.0 : f64
  memref.store %zero, %err[] : memref<f64>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%a, %ref : memref<?x?x?x?xf32>, memref<?x?x?x?xf64>) outs(%err : memref<f64>) {
  ^bb0(%x: f32, %r: f64, %o: f64):
    %x64 = arith.extf %x : f32 to f64
    %diff = arith.subf %x64, %r : f64
    %abs = math.absf %diff : f64
    %mag = math.absf %r : f64
    %one = arith.constant 1.0 : f64
    %scale = arith.maximumf %mag, %one : f64
    %rel = arith.divf %abs, %scale : f64
    %m = arith.maximumf %o, %rel : f64
    linalg.yield %m : f64
  }
  %e = memref.load %err[] : memref<f64>
  %tol = arith.constant 1.0e-4 : f64
  %ok = arith.cmpf olt, %e, %tol : f64
  vector.print %ok : i1
  memref.dealloc %err : memref<f64>
  return
}

func.func @mm_packed_dynamic_kernel(%a: memref<?x45xf32>, %b: memref<45x150xf32>, %c: memref<?x150xf32>) {
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<?x45xf32>, memref<45x150xf32>) outs(%c : memref<?x150xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}

// A dynamic batch of 37 (packed at run time, 4 tiles of 8 rows, then 5 single rows), 150 columns (5 tiles over threads, the last masked).
func.func @mm_packed_dynamic() {
  %a_d0 = arith.constant 37 : index
  %a = memref.alloc(%a_d0) : memref<?x45xf32>
  %a_any = memref.cast %a : memref<?x45xf32> to memref<?x?xf32>
  %a64 = memref.alloc(%a_d0) : memref<?x45xf64>
  %a64_any = memref.cast %a64 : memref<?x45xf64> to memref<?x?xf64>
  %b = memref.alloc() : memref<45x150xf32>
  %b_any = memref.cast %b : memref<45x150xf32> to memref<?x?xf32>
  %b64 = memref.alloc() : memref<45x150xf64>
  %b64_any = memref.cast %b64 : memref<45x150xf64> to memref<?x?xf64>
  %c_d0 = arith.constant 37 : index
  %c = memref.alloc(%c_d0) : memref<?x150xf32>
  %c_any = memref.cast %c : memref<?x150xf32> to memref<?x?xf32>
  %c64 = memref.alloc(%c_d0) : memref<?x150xf64>
  %c64_any = memref.cast %c64 : memref<?x150xf64> to memref<?x?xf64>
  %seed0 = arith.constant 1 : i32
  func.call @fill2(%a_any, %seed0) : (memref<?x?xf32>, i32) -> ()
  func.call @ext2(%a_any, %a64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  %seed1 = arith.constant 2 : i32
  func.call @fill2(%b_any, %seed1) : (memref<?x?xf32>, i32) -> ()
  func.call @ext2(%b_any, %b64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  %z32 = arith.constant 0.0 : f32
  %z64 = arith.constant 0.0 : f64
  linalg.fill ins(%z32 : f32) outs(%c : memref<?x150xf32>)
  linalg.fill ins(%z64 : f64) outs(%c64 : memref<?x150xf64>)
  func.call @mm_packed_dynamic_kernel(%a, %b, %c) : (memref<?x45xf32>, memref<45x150xf32>, memref<?x150xf32>) -> ()
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a64, %b64 : memref<?x45xf64>, memref<45x150xf64>) outs(%c64 : memref<?x150xf64>) {
  ^bb0(%x: f64, %y: f64, %o: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %o, %p : f64
    linalg.yield %s : f64
  }
  func.call @check2(%c_any, %c64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  memref.dealloc %a : memref<?x45xf32>
  memref.dealloc %a64 : memref<?x45xf64>
  memref.dealloc %b : memref<45x150xf32>
  memref.dealloc %b64 : memref<45x150xf64>
  memref.dealloc %c : memref<?x150xf32>
  memref.dealloc %c64 : memref<?x150xf64>
  return
}

func.func @mm_hinted_packed_kernel(%a: memref<?x45xf32>, %b: memref<45x150xf32>, %c: memref<?x150xf32>) attributes {plexus.batch_hint = 64 : i64} {
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<?x45xf32>, memref<45x150xf32>) outs(%c : memref<?x150xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}

// A batch hint of 64: the packed kernel only, here run on 5 rows (which
// would take the row-at-a-time kernel at run time).
func.func @mm_hinted_packed() {
  %a_d0 = arith.constant 5 : index
  %a = memref.alloc(%a_d0) : memref<?x45xf32>
  %a_any = memref.cast %a : memref<?x45xf32> to memref<?x?xf32>
  %a64 = memref.alloc(%a_d0) : memref<?x45xf64>
  %a64_any = memref.cast %a64 : memref<?x45xf64> to memref<?x?xf64>
  %b = memref.alloc() : memref<45x150xf32>
  %b_any = memref.cast %b : memref<45x150xf32> to memref<?x?xf32>
  %b64 = memref.alloc() : memref<45x150xf64>
  %b64_any = memref.cast %b64 : memref<45x150xf64> to memref<?x?xf64>
  %c_d0 = arith.constant 5 : index
  %c = memref.alloc(%c_d0) : memref<?x150xf32>
  %c_any = memref.cast %c : memref<?x150xf32> to memref<?x?xf32>
  %c64 = memref.alloc(%c_d0) : memref<?x150xf64>
  %c64_any = memref.cast %c64 : memref<?x150xf64> to memref<?x?xf64>
  %seed0 = arith.constant 1 : i32
  func.call @fill2(%a_any, %seed0) : (memref<?x?xf32>, i32) -> ()
  func.call @ext2(%a_any, %a64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  %seed1 = arith.constant 2 : i32
  func.call @fill2(%b_any, %seed1) : (memref<?x?xf32>, i32) -> ()
  func.call @ext2(%b_any, %b64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  %z32 = arith.constant 0.0 : f32
  %z64 = arith.constant 0.0 : f64
  linalg.fill ins(%z32 : f32) outs(%c : memref<?x150xf32>)
  linalg.fill ins(%z64 : f64) outs(%c64 : memref<?x150xf64>)
  func.call @mm_hinted_packed_kernel(%a, %b, %c) : (memref<?x45xf32>, memref<45x150xf32>, memref<?x150xf32>) -> ()
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a64, %b64 : memref<?x45xf64>, memref<45x150xf64>) outs(%c64 : memref<?x150xf64>) {
  ^bb0(%x: f64, %y: f64, %o: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %o, %p : f64
    linalg.yield %s : f64
  }
  func.call @check2(%c_any, %c64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  memref.dealloc %a : memref<?x45xf32>
  memref.dealloc %a64 : memref<?x45xf64>
  memref.dealloc %b : memref<45x150xf32>
  memref.dealloc %b64 : memref<45x150xf64>
  memref.dealloc %c : memref<?x150xf32>
  memref.dealloc %c64 : memref<?x150xf64>
  return
}

func.func @mm_hinted_wide_kernel(%a: memref<?x45xf32>, %b: memref<45x150xf32>, %c: memref<?x150xf32>) attributes {plexus.batch_hint = 4 : i64} {
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<?x45xf32>, memref<45x150xf32>) outs(%c : memref<?x150xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}

// A batch hint of 4: the row-at-a-time kernel only, here run on 37 rows.
func.func @mm_hinted_wide() {
  %a_d0 = arith.constant 37 : index
  %a = memref.alloc(%a_d0) : memref<?x45xf32>
  %a_any = memref.cast %a : memref<?x45xf32> to memref<?x?xf32>
  %a64 = memref.alloc(%a_d0) : memref<?x45xf64>
  %a64_any = memref.cast %a64 : memref<?x45xf64> to memref<?x?xf64>
  %b = memref.alloc() : memref<45x150xf32>
  %b_any = memref.cast %b : memref<45x150xf32> to memref<?x?xf32>
  %b64 = memref.alloc() : memref<45x150xf64>
  %b64_any = memref.cast %b64 : memref<45x150xf64> to memref<?x?xf64>
  %c_d0 = arith.constant 37 : index
  %c = memref.alloc(%c_d0) : memref<?x150xf32>
  %c_any = memref.cast %c : memref<?x150xf32> to memref<?x?xf32>
  %c64 = memref.alloc(%c_d0) : memref<?x150xf64>
  %c64_any = memref.cast %c64 : memref<?x150xf64> to memref<?x?xf64>
  %seed0 = arith.constant 1 : i32
  func.call @fill2(%a_any, %seed0) : (memref<?x?xf32>, i32) -> ()
  func.call @ext2(%a_any, %a64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  %seed1 = arith.constant 2 : i32
  func.call @fill2(%b_any, %seed1) : (memref<?x?xf32>, i32) -> ()
  func.call @ext2(%b_any, %b64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  %z32 = arith.constant 0.0 : f32
  %z64 = arith.constant 0.0 : f64
  linalg.fill ins(%z32 : f32) outs(%c : memref<?x150xf32>)
  linalg.fill ins(%z64 : f64) outs(%c64 : memref<?x150xf64>)
  func.call @mm_hinted_wide_kernel(%a, %b, %c) : (memref<?x45xf32>, memref<45x150xf32>, memref<?x150xf32>) -> ()
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a64, %b64 : memref<?x45xf64>, memref<45x150xf64>) outs(%c64 : memref<?x150xf64>) {
  ^bb0(%x: f64, %y: f64, %o: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %o, %p : f64
    linalg.yield %s : f64
  }
  func.call @check2(%c_any, %c64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  memref.dealloc %a : memref<?x45xf32>
  memref.dealloc %a64 : memref<?x45xf64>
  memref.dealloc %b : memref<45x150xf32>
  memref.dealloc %b64 : memref<45x150xf64>
  memref.dealloc %c : memref<?x150xf32>
  memref.dealloc %c64 : memref<?x150xf64>
  return
}
func.func @mm_direct_dynamic_kernel(%a: memref<?x45xf32>, %b: memref<45x200xf32>, %c: memref<?x200xf32>) {
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<?x45xf32>, memref<45x200xf32>) outs(%c : memref<?x200xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}

// A dynamic batch of 5 reads the N side in place (decided at run time), one
// row at a time: a tile of 128 columns, then one of 72 (masked).
func.func @mm_direct_dynamic() {
  %a_d0 = arith.constant 5 : index
  %a = memref.alloc(%a_d0) : memref<?x45xf32>
  %a_any = memref.cast %a : memref<?x45xf32> to memref<?x?xf32>
  %a64 = memref.alloc(%a_d0) : memref<?x45xf64>
  %a64_any = memref.cast %a64 : memref<?x45xf64> to memref<?x?xf64>
  %b = memref.alloc() : memref<45x200xf32>
  %b_any = memref.cast %b : memref<45x200xf32> to memref<?x?xf32>
  %b64 = memref.alloc() : memref<45x200xf64>
  %b64_any = memref.cast %b64 : memref<45x200xf64> to memref<?x?xf64>
  %c_d0 = arith.constant 5 : index
  %c = memref.alloc(%c_d0) : memref<?x200xf32>
  %c_any = memref.cast %c : memref<?x200xf32> to memref<?x?xf32>
  %c64 = memref.alloc(%c_d0) : memref<?x200xf64>
  %c64_any = memref.cast %c64 : memref<?x200xf64> to memref<?x?xf64>
  %seed0 = arith.constant 1 : i32
  func.call @fill2(%a_any, %seed0) : (memref<?x?xf32>, i32) -> ()
  func.call @ext2(%a_any, %a64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  %seed1 = arith.constant 2 : i32
  func.call @fill2(%b_any, %seed1) : (memref<?x?xf32>, i32) -> ()
  func.call @ext2(%b_any, %b64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  %z32 = arith.constant 0.0 : f32
  %z64 = arith.constant 0.0 : f64
  linalg.fill ins(%z32 : f32) outs(%c : memref<?x200xf32>)
  linalg.fill ins(%z64 : f64) outs(%c64 : memref<?x200xf64>)
  func.call @mm_direct_dynamic_kernel(%a, %b, %c) : (memref<?x45xf32>, memref<45x200xf32>, memref<?x200xf32>) -> ()
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a64, %b64 : memref<?x45xf64>, memref<45x200xf64>) outs(%c64 : memref<?x200xf64>) {
  ^bb0(%x: f64, %y: f64, %o: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %o, %p : f64
    linalg.yield %s : f64
  }
  func.call @check2(%c_any, %c64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  memref.dealloc %a : memref<?x45xf32>
  memref.dealloc %a64 : memref<?x45xf64>
  memref.dealloc %b : memref<45x200xf32>
  memref.dealloc %b64 : memref<45x200xf64>
  memref.dealloc %c : memref<?x200xf32>
  memref.dealloc %c64 : memref<?x200xf64>
  return
}
func.func @mm_transposed_b_kernel(%a: memref<21x33xf32>, %b: memref<130x33xf32>, %c: memref<21x130xf32>) {
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<21x33xf32>, memref<130x33xf32>) outs(%c : memref<21x130xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}

// A transposed N side (packed lane by lane), 21 static rows (2 tiles of 8 and one of 5), 130 columns over threads.
func.func @mm_transposed_b() {
  %a = memref.alloc() : memref<21x33xf32>
  %a_any = memref.cast %a : memref<21x33xf32> to memref<?x?xf32>
  %a64 = memref.alloc() : memref<21x33xf64>
  %a64_any = memref.cast %a64 : memref<21x33xf64> to memref<?x?xf64>
  %b = memref.alloc() : memref<130x33xf32>
  %b_any = memref.cast %b : memref<130x33xf32> to memref<?x?xf32>
  %b64 = memref.alloc() : memref<130x33xf64>
  %b64_any = memref.cast %b64 : memref<130x33xf64> to memref<?x?xf64>
  %c = memref.alloc() : memref<21x130xf32>
  %c_any = memref.cast %c : memref<21x130xf32> to memref<?x?xf32>
  %c64 = memref.alloc() : memref<21x130xf64>
  %c64_any = memref.cast %c64 : memref<21x130xf64> to memref<?x?xf64>
  %seed0 = arith.constant 1 : i32
  func.call @fill2(%a_any, %seed0) : (memref<?x?xf32>, i32) -> ()
  func.call @ext2(%a_any, %a64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  %seed1 = arith.constant 2 : i32
  func.call @fill2(%b_any, %seed1) : (memref<?x?xf32>, i32) -> ()
  func.call @ext2(%b_any, %b64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  %z32 = arith.constant 0.0 : f32
  %z64 = arith.constant 0.0 : f64
  linalg.fill ins(%z32 : f32) outs(%c : memref<21x130xf32>)
  linalg.fill ins(%z64 : f64) outs(%c64 : memref<21x130xf64>)
  func.call @mm_transposed_b_kernel(%a, %b, %c) : (memref<21x33xf32>, memref<130x33xf32>, memref<21x130xf32>) -> ()
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a64, %b64 : memref<21x33xf64>, memref<130x33xf64>) outs(%c64 : memref<21x130xf64>) {
  ^bb0(%x: f64, %y: f64, %o: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %o, %p : f64
    linalg.yield %s : f64
  }
  func.call @check2(%c_any, %c64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  memref.dealloc %a : memref<21x33xf32>
  memref.dealloc %a64 : memref<21x33xf64>
  memref.dealloc %b : memref<130x33xf32>
  memref.dealloc %b64 : memref<130x33xf64>
  memref.dealloc %c : memref<21x130xf32>
  memref.dealloc %c64 : memref<21x130xf64>
  return
}
func.func @mm_transposed_a_kernel(%a: memref<19x40xf32>, %b: memref<19x36xf32>, %c: memref<40x36xf32>) {
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<19x40xf32>, memref<19x36xf32>) outs(%c : memref<40x36xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}

// A transposed M side (the weight gradient: the batch is K).
func.func @mm_transposed_a() {
  %a = memref.alloc() : memref<19x40xf32>
  %a_any = memref.cast %a : memref<19x40xf32> to memref<?x?xf32>
  %a64 = memref.alloc() : memref<19x40xf64>
  %a64_any = memref.cast %a64 : memref<19x40xf64> to memref<?x?xf64>
  %b = memref.alloc() : memref<19x36xf32>
  %b_any = memref.cast %b : memref<19x36xf32> to memref<?x?xf32>
  %b64 = memref.alloc() : memref<19x36xf64>
  %b64_any = memref.cast %b64 : memref<19x36xf64> to memref<?x?xf64>
  %c = memref.alloc() : memref<40x36xf32>
  %c_any = memref.cast %c : memref<40x36xf32> to memref<?x?xf32>
  %c64 = memref.alloc() : memref<40x36xf64>
  %c64_any = memref.cast %c64 : memref<40x36xf64> to memref<?x?xf64>
  %seed0 = arith.constant 1 : i32
  func.call @fill2(%a_any, %seed0) : (memref<?x?xf32>, i32) -> ()
  func.call @ext2(%a_any, %a64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  %seed1 = arith.constant 2 : i32
  func.call @fill2(%b_any, %seed1) : (memref<?x?xf32>, i32) -> ()
  func.call @ext2(%b_any, %b64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  %z32 = arith.constant 0.0 : f32
  %z64 = arith.constant 0.0 : f64
  linalg.fill ins(%z32 : f32) outs(%c : memref<40x36xf32>)
  linalg.fill ins(%z64 : f64) outs(%c64 : memref<40x36xf64>)
  func.call @mm_transposed_a_kernel(%a, %b, %c) : (memref<19x40xf32>, memref<19x36xf32>, memref<40x36xf32>) -> ()
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a64, %b64 : memref<19x40xf64>, memref<19x36xf64>) outs(%c64 : memref<40x36xf64>) {
  ^bb0(%x: f64, %y: f64, %o: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %o, %p : f64
    linalg.yield %s : f64
  }
  func.call @check2(%c_any, %c64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  memref.dealloc %a : memref<19x40xf32>
  memref.dealloc %a64 : memref<19x40xf64>
  memref.dealloc %b : memref<19x36xf32>
  memref.dealloc %b64 : memref<19x36xf64>
  memref.dealloc %c : memref<40x36xf32>
  memref.dealloc %c64 : memref<40x36xf64>
  return
}
func.func @conv_forward_kernel(%a: memref<?x7x6x3xf32>, %b: memref<3x3x3x5xf32>, %c: memref<?x5x4x5xf32>) {
  linalg.generic {indexing_maps = [affine_map<(n, i, j, kh, kw, c, f) -> (n, i + kh, j + kw, c)>, affine_map<(n, i, j, kh, kw, c, f) -> (kh, kw, c, f)>, affine_map<(n, i, j, kh, kw, c, f) -> (n, i, j, f)>], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]}
      ins(%a, %b : memref<?x7x6x3xf32>, memref<3x3x3x5xf32>) outs(%c : memref<?x5x4x5xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}

// Convolution forward: M = n x i x j (3 x 5 x 4: 7 tiles of 8 rows over threads, then 4 single rows), N = f (5 columns, one masked vector), K = kh x kw x c.
func.func @conv_forward() {
  %a_d0 = arith.constant 3 : index
  %a = memref.alloc(%a_d0) : memref<?x7x6x3xf32>
  %a_any = memref.cast %a : memref<?x7x6x3xf32> to memref<?x?x?x?xf32>
  %a64 = memref.alloc(%a_d0) : memref<?x7x6x3xf64>
  %a64_any = memref.cast %a64 : memref<?x7x6x3xf64> to memref<?x?x?x?xf64>
  %b = memref.alloc() : memref<3x3x3x5xf32>
  %b_any = memref.cast %b : memref<3x3x3x5xf32> to memref<?x?x?x?xf32>
  %b64 = memref.alloc() : memref<3x3x3x5xf64>
  %b64_any = memref.cast %b64 : memref<3x3x3x5xf64> to memref<?x?x?x?xf64>
  %c_d0 = arith.constant 3 : index
  %c = memref.alloc(%c_d0) : memref<?x5x4x5xf32>
  %c_any = memref.cast %c : memref<?x5x4x5xf32> to memref<?x?x?x?xf32>
  %c64 = memref.alloc(%c_d0) : memref<?x5x4x5xf64>
  %c64_any = memref.cast %c64 : memref<?x5x4x5xf64> to memref<?x?x?x?xf64>
  %seed0 = arith.constant 1 : i32
  func.call @fill4(%a_any, %seed0) : (memref<?x?x?x?xf32>, i32) -> ()
  func.call @ext4(%a_any, %a64_any) : (memref<?x?x?x?xf32>, memref<?x?x?x?xf64>) -> ()
  %seed1 = arith.constant 2 : i32
  func.call @fill4(%b_any, %seed1) : (memref<?x?x?x?xf32>, i32) -> ()
  func.call @ext4(%b_any, %b64_any) : (memref<?x?x?x?xf32>, memref<?x?x?x?xf64>) -> ()
  %z32 = arith.constant 0.0 : f32
  %z64 = arith.constant 0.0 : f64
  linalg.fill ins(%z32 : f32) outs(%c : memref<?x5x4x5xf32>)
  linalg.fill ins(%z64 : f64) outs(%c64 : memref<?x5x4x5xf64>)
  func.call @conv_forward_kernel(%a, %b, %c) : (memref<?x7x6x3xf32>, memref<3x3x3x5xf32>, memref<?x5x4x5xf32>) -> ()
  linalg.generic {indexing_maps = [affine_map<(n, i, j, kh, kw, c, f) -> (n, i + kh, j + kw, c)>, affine_map<(n, i, j, kh, kw, c, f) -> (kh, kw, c, f)>, affine_map<(n, i, j, kh, kw, c, f) -> (n, i, j, f)>], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]}
      ins(%a64, %b64 : memref<?x7x6x3xf64>, memref<3x3x3x5xf64>) outs(%c64 : memref<?x5x4x5xf64>) {
  ^bb0(%x: f64, %y: f64, %o: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %o, %p : f64
    linalg.yield %s : f64
  }
  func.call @check4(%c_any, %c64_any) : (memref<?x?x?x?xf32>, memref<?x?x?x?xf64>) -> ()
  memref.dealloc %a : memref<?x7x6x3xf32>
  memref.dealloc %a64 : memref<?x7x6x3xf64>
  memref.dealloc %b : memref<3x3x3x5xf32>
  memref.dealloc %b64 : memref<3x3x3x5xf64>
  memref.dealloc %c : memref<?x5x4x5xf32>
  memref.dealloc %c64 : memref<?x5x4x5xf64>
  return
}
func.func @conv_filter_gradient_kernel(%a: memref<?x9x7x3xf32>, %b: memref<?x4x3x5xf32>, %c: memref<3x3x3x5xf32>) {
  linalg.generic {indexing_maps = [affine_map<(n, i, j, kh, kw, c, f) -> (n, i * 2 + kh, j * 2 + kw, c)>, affine_map<(n, i, j, kh, kw, c, f) -> (n, i, j, f)>, affine_map<(n, i, j, kh, kw, c, f) -> (kh, kw, c, f)>], iterator_types = ["reduction", "reduction", "reduction", "parallel", "parallel", "parallel", "parallel"]}
      ins(%a, %b : memref<?x9x7x3xf32>, memref<?x4x3x5xf32>) outs(%c : memref<3x3x3x5xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}

// Convolution filter gradient: M = kh x kw x c (27 rows: 3 tiles of 9), K = n x i x j with a dynamic batch.
func.func @conv_filter_gradient() {
  %a_d0 = arith.constant 2 : index
  %a = memref.alloc(%a_d0) : memref<?x9x7x3xf32>
  %a_any = memref.cast %a : memref<?x9x7x3xf32> to memref<?x?x?x?xf32>
  %a64 = memref.alloc(%a_d0) : memref<?x9x7x3xf64>
  %a64_any = memref.cast %a64 : memref<?x9x7x3xf64> to memref<?x?x?x?xf64>
  %b_d0 = arith.constant 2 : index
  %b = memref.alloc(%b_d0) : memref<?x4x3x5xf32>
  %b_any = memref.cast %b : memref<?x4x3x5xf32> to memref<?x?x?x?xf32>
  %b64 = memref.alloc(%b_d0) : memref<?x4x3x5xf64>
  %b64_any = memref.cast %b64 : memref<?x4x3x5xf64> to memref<?x?x?x?xf64>
  %c = memref.alloc() : memref<3x3x3x5xf32>
  %c_any = memref.cast %c : memref<3x3x3x5xf32> to memref<?x?x?x?xf32>
  %c64 = memref.alloc() : memref<3x3x3x5xf64>
  %c64_any = memref.cast %c64 : memref<3x3x3x5xf64> to memref<?x?x?x?xf64>
  %seed0 = arith.constant 1 : i32
  func.call @fill4(%a_any, %seed0) : (memref<?x?x?x?xf32>, i32) -> ()
  func.call @ext4(%a_any, %a64_any) : (memref<?x?x?x?xf32>, memref<?x?x?x?xf64>) -> ()
  %seed1 = arith.constant 2 : i32
  func.call @fill4(%b_any, %seed1) : (memref<?x?x?x?xf32>, i32) -> ()
  func.call @ext4(%b_any, %b64_any) : (memref<?x?x?x?xf32>, memref<?x?x?x?xf64>) -> ()
  %z32 = arith.constant 0.0 : f32
  %z64 = arith.constant 0.0 : f64
  linalg.fill ins(%z32 : f32) outs(%c : memref<3x3x3x5xf32>)
  linalg.fill ins(%z64 : f64) outs(%c64 : memref<3x3x3x5xf64>)
  func.call @conv_filter_gradient_kernel(%a, %b, %c) : (memref<?x9x7x3xf32>, memref<?x4x3x5xf32>, memref<3x3x3x5xf32>) -> ()
  linalg.generic {indexing_maps = [affine_map<(n, i, j, kh, kw, c, f) -> (n, i * 2 + kh, j * 2 + kw, c)>, affine_map<(n, i, j, kh, kw, c, f) -> (n, i, j, f)>, affine_map<(n, i, j, kh, kw, c, f) -> (kh, kw, c, f)>], iterator_types = ["reduction", "reduction", "reduction", "parallel", "parallel", "parallel", "parallel"]}
      ins(%a64, %b64 : memref<?x9x7x3xf64>, memref<?x4x3x5xf64>) outs(%c64 : memref<3x3x3x5xf64>) {
  ^bb0(%x: f64, %y: f64, %o: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %o, %p : f64
    linalg.yield %s : f64
  }
  func.call @check4(%c_any, %c64_any) : (memref<?x?x?x?xf32>, memref<?x?x?x?xf64>) -> ()
  memref.dealloc %a : memref<?x9x7x3xf32>
  memref.dealloc %a64 : memref<?x9x7x3xf64>
  memref.dealloc %b : memref<?x4x3x5xf32>
  memref.dealloc %b64 : memref<?x4x3x5xf64>
  memref.dealloc %c : memref<3x3x3x5xf32>
  memref.dealloc %c64 : memref<3x3x3x5xf64>
  return
}
func.func @conv_split_k_kernel(%a: memref<?x16x16x1xf32>, %b: memref<?x14x14x20xf32>, %c: memref<3x3x1x20xf32>) attributes {plexus.batch_hint = 64 : i64} {
  linalg.generic {indexing_maps = [affine_map<(n, i, j, kh, kw, c, f) -> (n, i + kh, j + kw, c)>, affine_map<(n, i, j, kh, kw, c, f) -> (n, i, j, f)>, affine_map<(n, i, j, kh, kw, c, f) -> (kh, kw, c, f)>], iterator_types = ["reduction", "reduction", "reduction", "parallel", "parallel", "parallel", "parallel"]}
      ins(%a, %b : memref<?x16x16x1xf32>, memref<?x14x14x20xf32>) outs(%c : memref<3x3x1x20xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}

// The filter gradient of a convolution on one channel: a single tile of 9 x 20
// (masked) over a K nest of 64 x 14 x 14 at the batch hint, split along the
// batch into 8 parts; it runs with 11 images (parts of 2, the last ones empty).
func.func @conv_split_k() {
  %a_d0 = arith.constant 11 : index
  %a = memref.alloc(%a_d0) : memref<?x16x16x1xf32>
  %a_any = memref.cast %a : memref<?x16x16x1xf32> to memref<?x?x?x?xf32>
  %a64 = memref.alloc(%a_d0) : memref<?x16x16x1xf64>
  %a64_any = memref.cast %a64 : memref<?x16x16x1xf64> to memref<?x?x?x?xf64>
  %b_d0 = arith.constant 11 : index
  %b = memref.alloc(%b_d0) : memref<?x14x14x20xf32>
  %b_any = memref.cast %b : memref<?x14x14x20xf32> to memref<?x?x?x?xf32>
  %b64 = memref.alloc(%b_d0) : memref<?x14x14x20xf64>
  %b64_any = memref.cast %b64 : memref<?x14x14x20xf64> to memref<?x?x?x?xf64>
  %c = memref.alloc() : memref<3x3x1x20xf32>
  %c_any = memref.cast %c : memref<3x3x1x20xf32> to memref<?x?x?x?xf32>
  %c64 = memref.alloc() : memref<3x3x1x20xf64>
  %c64_any = memref.cast %c64 : memref<3x3x1x20xf64> to memref<?x?x?x?xf64>
  %seed0 = arith.constant 1 : i32
  func.call @fill4(%a_any, %seed0) : (memref<?x?x?x?xf32>, i32) -> ()
  func.call @ext4(%a_any, %a64_any) : (memref<?x?x?x?xf32>, memref<?x?x?x?xf64>) -> ()
  %seed1 = arith.constant 2 : i32
  func.call @fill4(%b_any, %seed1) : (memref<?x?x?x?xf32>, i32) -> ()
  func.call @ext4(%b_any, %b64_any) : (memref<?x?x?x?xf32>, memref<?x?x?x?xf64>) -> ()
  %z32 = arith.constant 0.0 : f32
  %z64 = arith.constant 0.0 : f64
  linalg.fill ins(%z32 : f32) outs(%c : memref<3x3x1x20xf32>)
  linalg.fill ins(%z64 : f64) outs(%c64 : memref<3x3x1x20xf64>)
  func.call @conv_split_k_kernel(%a, %b, %c) : (memref<?x16x16x1xf32>, memref<?x14x14x20xf32>, memref<3x3x1x20xf32>) -> ()
  linalg.generic {indexing_maps = [affine_map<(n, i, j, kh, kw, c, f) -> (n, i + kh, j + kw, c)>, affine_map<(n, i, j, kh, kw, c, f) -> (n, i, j, f)>, affine_map<(n, i, j, kh, kw, c, f) -> (kh, kw, c, f)>], iterator_types = ["reduction", "reduction", "reduction", "parallel", "parallel", "parallel", "parallel"]}
      ins(%a64, %b64 : memref<?x16x16x1xf64>, memref<?x14x14x20xf64>) outs(%c64 : memref<3x3x1x20xf64>) {
  ^bb0(%x: f64, %y: f64, %o: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %o, %p : f64
    linalg.yield %s : f64
  }
  func.call @check4(%c_any, %c64_any) : (memref<?x?x?x?xf32>, memref<?x?x?x?xf64>) -> ()
  memref.dealloc %a : memref<?x16x16x1xf32>
  memref.dealloc %a64 : memref<?x16x16x1xf64>
  memref.dealloc %b : memref<?x14x14x20xf32>
  memref.dealloc %b64 : memref<?x14x14x20xf64>
  memref.dealloc %c : memref<3x3x1x20xf32>
  memref.dealloc %c64 : memref<3x3x1x20xf64>
  return
}
func.func @conv_input_gradient_kernel(%a: memref<?x7x6x5xf32>, %b: memref<3x3x3x5xf32>, %c: memref<?x5x4x3xf32>) {
  linalg.generic {indexing_maps = [affine_map<(n, r, q, i, j, c, f) -> (n, r + i, q + j, f)>, affine_map<(n, r, q, i, j, c, f) -> (i, j, c, f)>, affine_map<(n, r, q, i, j, c, f) -> (n, r, q, c)>], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel", "reduction"]}
      ins(%a, %b : memref<?x7x6x5xf32>, memref<3x3x3x5xf32>) outs(%c : memref<?x5x4x3xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}

// Convolution input gradient: the flipped filter's N dim (c) is not innermost: packed.
func.func @conv_input_gradient() {
  %a_d0 = arith.constant 2 : index
  %a = memref.alloc(%a_d0) : memref<?x7x6x5xf32>
  %a_any = memref.cast %a : memref<?x7x6x5xf32> to memref<?x?x?x?xf32>
  %a64 = memref.alloc(%a_d0) : memref<?x7x6x5xf64>
  %a64_any = memref.cast %a64 : memref<?x7x6x5xf64> to memref<?x?x?x?xf64>
  %b = memref.alloc() : memref<3x3x3x5xf32>
  %b_any = memref.cast %b : memref<3x3x3x5xf32> to memref<?x?x?x?xf32>
  %b64 = memref.alloc() : memref<3x3x3x5xf64>
  %b64_any = memref.cast %b64 : memref<3x3x3x5xf64> to memref<?x?x?x?xf64>
  %c_d0 = arith.constant 2 : index
  %c = memref.alloc(%c_d0) : memref<?x5x4x3xf32>
  %c_any = memref.cast %c : memref<?x5x4x3xf32> to memref<?x?x?x?xf32>
  %c64 = memref.alloc(%c_d0) : memref<?x5x4x3xf64>
  %c64_any = memref.cast %c64 : memref<?x5x4x3xf64> to memref<?x?x?x?xf64>
  %seed0 = arith.constant 1 : i32
  func.call @fill4(%a_any, %seed0) : (memref<?x?x?x?xf32>, i32) -> ()
  func.call @ext4(%a_any, %a64_any) : (memref<?x?x?x?xf32>, memref<?x?x?x?xf64>) -> ()
  %seed1 = arith.constant 2 : i32
  func.call @fill4(%b_any, %seed1) : (memref<?x?x?x?xf32>, i32) -> ()
  func.call @ext4(%b_any, %b64_any) : (memref<?x?x?x?xf32>, memref<?x?x?x?xf64>) -> ()
  %z32 = arith.constant 0.0 : f32
  %z64 = arith.constant 0.0 : f64
  linalg.fill ins(%z32 : f32) outs(%c : memref<?x5x4x3xf32>)
  linalg.fill ins(%z64 : f64) outs(%c64 : memref<?x5x4x3xf64>)
  func.call @conv_input_gradient_kernel(%a, %b, %c) : (memref<?x7x6x5xf32>, memref<3x3x3x5xf32>, memref<?x5x4x3xf32>) -> ()
  linalg.generic {indexing_maps = [affine_map<(n, r, q, i, j, c, f) -> (n, r + i, q + j, f)>, affine_map<(n, r, q, i, j, c, f) -> (i, j, c, f)>, affine_map<(n, r, q, i, j, c, f) -> (n, r, q, c)>], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel", "reduction"]}
      ins(%a64, %b64 : memref<?x7x6x5xf64>, memref<3x3x3x5xf64>) outs(%c64 : memref<?x5x4x3xf64>) {
  ^bb0(%x: f64, %y: f64, %o: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %o, %p : f64
    linalg.yield %s : f64
  }
  func.call @check4(%c_any, %c64_any) : (memref<?x?x?x?xf32>, memref<?x?x?x?xf64>) -> ()
  memref.dealloc %a : memref<?x7x6x5xf32>
  memref.dealloc %a64 : memref<?x7x6x5xf64>
  memref.dealloc %b : memref<3x3x3x5xf32>
  memref.dealloc %b64 : memref<3x3x3x5xf64>
  memref.dealloc %c : memref<?x5x4x3xf32>
  memref.dealloc %c64 : memref<?x5x4x3xf64>
  return
}
// The weights version that the runtime provides (plan.c).
memref.global "private" @version : memref<i64> = dense<0>
func.func @plx_params_version() -> i64 {
  %g = memref.get_global @version : memref<i64>
  %v = memref.load %g[] : memref<i64>
  return %v : i64
}
func.func @bump_version() {
  %g = memref.get_global @version : memref<i64>
  %v = memref.load %g[] : memref<i64>
  %one = arith.constant 1 : i64
  %next = arith.addi %v, %one : i64
  memref.store %next, %g[] : memref<i64>
  return
}
func.func @mm_weights_kernel(%params: memref<16384xf32> {plexus.versioned}, %x: memref<64x64xf32>, %out: memref<64x256xf32>) {
  %w = memref.expand_shape %params [[0, 1]] output_shape [64, 256] : memref<16384xf32> into memref<64x256xf32>
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%out : memref<64x256xf32>)
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<64x64xf32>, memref<64x256xf32>) outs(%out : memref<64x256xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}
func.func @mm_unversioned_kernel(%w: memref<64x256xf32>, %x: memref<64x64xf32>, %out: memref<64x256xf32>) {
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%out : memref<64x256xf32>)
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<64x64xf32>, memref<64x256xf32>) outs(%out : memref<64x256xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}
// Weights `params` filled from `seed`, and their f64 copy.
func.func @fill_weights(%params: memref<16384xf32>, %w64: memref<?x?xf64>, %seed: i32) {
  %w = memref.expand_shape %params [[0, 1]] output_shape [64, 256] : memref<16384xf32> into memref<64x256xf32>
  %w_any = memref.cast %w : memref<64x256xf32> to memref<?x?xf32>
  func.call @fill2(%w_any, %seed) : (memref<?x?xf32>, i32) -> ()
  func.call @ext2(%w_any, %w64) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  return
}
// Prints 1 if @mm_weights_kernel on `params` gives x times `w64`.
func.func @check_weights(%params: memref<16384xf32>, %w64: memref<?x?xf64>, %x: memref<64x64xf32>, %x64: memref<?x?xf64>) {
  %c = memref.alloc() : memref<64x256xf32>
  %c64 = memref.alloc() : memref<64x256xf64>
  func.call @mm_weights_kernel(%params, %x, %c) : (memref<16384xf32>, memref<64x64xf32>, memref<64x256xf32>) -> ()
  %z64 = arith.constant 0.0 : f64
  linalg.fill ins(%z64 : f64) outs(%c64 : memref<64x256xf64>)
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x64, %w64 : memref<?x?xf64>, memref<?x?xf64>) outs(%c64 : memref<64x256xf64>) {
  ^bb0(%a: f64, %b: f64, %o: f64):
    %p = arith.mulf %a, %b : f64
    %s = arith.addf %o, %p : f64
    linalg.yield %s : f64
  }
  %c_any = memref.cast %c : memref<64x256xf32> to memref<?x?xf32>
  %c64_any = memref.cast %c64 : memref<64x256xf64> to memref<?x?xf64>
  func.call @check2(%c_any, %c64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  memref.dealloc %c : memref<64x256xf32>
  memref.dealloc %c64 : memref<64x256xf64>
  return
}
func.func @mm_weights_transposed_kernel(%params: memref<2560xf32> {plexus.versioned}, %x: memref<64x64xf32>, %out: memref<64x40xf32>) {
  %w = memref.expand_shape %params [[0, 1]] output_shape [40, 64] : memref<2560xf32> into memref<40x64xf32>
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%out : memref<64x40xf32>)
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<64x64xf32>, memref<40x64xf32>) outs(%out : memref<64x40xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}
// Prints 1 if @mm_weights_transposed_kernel gives x times `w64` transposed.
func.func @check_transposed(%params: memref<2560xf32>, %w64: memref<?x?xf64>, %x: memref<64x64xf32>, %x64: memref<?x?xf64>) {
  %c = memref.alloc() : memref<64x40xf32>
  %c64 = memref.alloc() : memref<64x40xf64>
  func.call @mm_weights_transposed_kernel(%params, %x, %c) : (memref<2560xf32>, memref<64x64xf32>, memref<64x40xf32>) -> ()
  %z64 = arith.constant 0.0 : f64
  linalg.fill ins(%z64 : f64) outs(%c64 : memref<64x40xf64>)
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x64, %w64 : memref<?x?xf64>, memref<?x?xf64>) outs(%c64 : memref<64x40xf64>) {
  ^bb0(%a: f64, %b: f64, %o: f64):
    %p = arith.mulf %a, %b : f64
    %s = arith.addf %o, %p : f64
    linalg.yield %s : f64
  }
  %c_any = memref.cast %c : memref<64x40xf32> to memref<?x?xf32>
  %c64_any = memref.cast %c64 : memref<64x40xf64> to memref<?x?xf64>
  func.call @check2(%c_any, %c64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  memref.dealloc %c : memref<64x40xf32>
  memref.dealloc %c64 : memref<64x40xf64>
  return
}
// Transposed weights from `seed` into `params`, and their f64 copy.
func.func @fill_transposed(%params: memref<2560xf32>, %w64: memref<?x?xf64>, %seed: i32) {
  %w = memref.expand_shape %params [[0, 1]] output_shape [40, 64] : memref<2560xf32> into memref<40x64xf32>
  %w_any = memref.cast %w : memref<40x64xf32> to memref<?x?xf32>
  func.call @fill2(%w_any, %seed) : (memref<?x?xf32>, i32) -> ()
  func.call @ext2(%w_any, %w64) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  return
}
// Three calls: packed, kept while the version stays, packed anew after.
func.func @mm_weights_transposed() {
  %params = memref.alloc() : memref<2560xf32>
  %w64 = memref.alloc() : memref<40x64xf64>
  %w64_any = memref.cast %w64 : memref<40x64xf64> to memref<?x?xf64>
  %new64 = memref.alloc() : memref<40x64xf64>
  %new64_any = memref.cast %new64 : memref<40x64xf64> to memref<?x?xf64>
  %x = memref.alloc() : memref<64x64xf32>
  %x_any = memref.cast %x : memref<64x64xf32> to memref<?x?xf32>
  %x64 = memref.alloc() : memref<64x64xf64>
  %x64_any = memref.cast %x64 : memref<64x64xf64> to memref<?x?xf64>
  %s1 = arith.constant 5 : i32
  %s2 = arith.constant 6 : i32
  %s3 = arith.constant 7 : i32
  func.call @fill2(%x_any, %s1) : (memref<?x?xf32>, i32) -> ()
  func.call @ext2(%x_any, %x64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  func.call @fill_transposed(%params, %w64_any, %s2) : (memref<2560xf32>, memref<?x?xf64>, i32) -> ()
  func.call @check_transposed(%params, %w64_any, %x, %x64_any) : (memref<2560xf32>, memref<?x?xf64>, memref<64x64xf32>, memref<?x?xf64>) -> ()
  func.call @fill_transposed(%params, %new64_any, %s3) : (memref<2560xf32>, memref<?x?xf64>, i32) -> ()
  func.call @check_transposed(%params, %w64_any, %x, %x64_any) : (memref<2560xf32>, memref<?x?xf64>, memref<64x64xf32>, memref<?x?xf64>) -> ()
  func.call @bump_version() : () -> ()
  func.call @check_transposed(%params, %new64_any, %x, %x64_any) : (memref<2560xf32>, memref<?x?xf64>, memref<64x64xf32>, memref<?x?xf64>) -> ()
  memref.dealloc %params : memref<2560xf32>
  memref.dealloc %w64 : memref<40x64xf64>
  memref.dealloc %new64 : memref<40x64xf64>
  memref.dealloc %x : memref<64x64xf32>
  memref.dealloc %x64 : memref<64x64xf64>
  return
}
// Five calls: the first packs; weights rewritten in place without a new
// version still give the panels of the first (what the cache promises,
// and the proof that it kept them); a new version, then other weights at
// another address, then the first again, each pack anew.
func.func @mm_weights() {
  %params = memref.alloc() : memref<16384xf32>
  %other = memref.alloc() : memref<16384xf32>
  %w64 = memref.alloc() : memref<64x256xf64>
  %w64_any = memref.cast %w64 : memref<64x256xf64> to memref<?x?xf64>
  %new64 = memref.alloc() : memref<64x256xf64>
  %new64_any = memref.cast %new64 : memref<64x256xf64> to memref<?x?xf64>
  %other64 = memref.alloc() : memref<64x256xf64>
  %other64_any = memref.cast %other64 : memref<64x256xf64> to memref<?x?xf64>
  %x = memref.alloc() : memref<64x64xf32>
  %x_any = memref.cast %x : memref<64x64xf32> to memref<?x?xf32>
  %x64 = memref.alloc() : memref<64x64xf64>
  %x64_any = memref.cast %x64 : memref<64x64xf64> to memref<?x?xf64>
  %s1 = arith.constant 1 : i32
  %s2 = arith.constant 2 : i32
  %s3 = arith.constant 3 : i32
  %s4 = arith.constant 4 : i32
  func.call @fill2(%x_any, %s1) : (memref<?x?xf32>, i32) -> ()
  func.call @ext2(%x_any, %x64_any) : (memref<?x?xf32>, memref<?x?xf64>) -> ()
  func.call @fill_weights(%params, %w64_any, %s2) : (memref<16384xf32>, memref<?x?xf64>, i32) -> ()
  func.call @check_weights(%params, %w64_any, %x, %x64_any) : (memref<16384xf32>, memref<?x?xf64>, memref<64x64xf32>, memref<?x?xf64>) -> ()
  func.call @fill_weights(%params, %new64_any, %s3) : (memref<16384xf32>, memref<?x?xf64>, i32) -> ()
  func.call @check_weights(%params, %w64_any, %x, %x64_any) : (memref<16384xf32>, memref<?x?xf64>, memref<64x64xf32>, memref<?x?xf64>) -> ()
  func.call @bump_version() : () -> ()
  func.call @check_weights(%params, %new64_any, %x, %x64_any) : (memref<16384xf32>, memref<?x?xf64>, memref<64x64xf32>, memref<?x?xf64>) -> ()
  func.call @fill_weights(%other, %other64_any, %s4) : (memref<16384xf32>, memref<?x?xf64>, i32) -> ()
  func.call @check_weights(%other, %other64_any, %x, %x64_any) : (memref<16384xf32>, memref<?x?xf64>, memref<64x64xf32>, memref<?x?xf64>) -> ()
  func.call @check_weights(%params, %new64_any, %x, %x64_any) : (memref<16384xf32>, memref<?x?xf64>, memref<64x64xf32>, memref<?x?xf64>) -> ()
  memref.dealloc %params : memref<16384xf32>
  memref.dealloc %other : memref<16384xf32>
  memref.dealloc %w64 : memref<64x256xf64>
  memref.dealloc %new64 : memref<64x256xf64>
  memref.dealloc %other64 : memref<64x256xf64>
  memref.dealloc %x : memref<64x64xf32>
  memref.dealloc %x64 : memref<64x64xf64>
  return
}

func.func @main() {
  func.call @mm_packed_dynamic() : () -> ()
  func.call @mm_direct_dynamic() : () -> ()
  func.call @mm_hinted_packed() : () -> ()
  func.call @mm_hinted_wide() : () -> ()
  func.call @mm_transposed_b() : () -> ()
  func.call @mm_transposed_a() : () -> ()
  func.call @conv_forward() : () -> ()
  func.call @conv_filter_gradient() : () -> ()
  func.call @conv_input_gradient() : () -> ()
  func.call @conv_split_k() : () -> ()
  func.call @mm_weights() : () -> ()
  func.call @mm_weights_transposed() : () -> ()
  return
}

