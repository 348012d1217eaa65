// Executes plexus-vectorize-elementwise's split sums (a bias gradient: 32
// channels over batch x 28 x 28 at a batch hint of 64, cut into 8 parts of
// the batch) on 11 images, where the last parts are short or empty, onto
// an output that already holds values, and compares them with the same sum
// in f64, which the pass leaves to loops. Prints 1 when every channel is
// within 1e-4 (relative) of the reference.
//
// RUN: plexus-opt %s --pass-pipeline='builtin.module(func.func(plexus-vectorize-elementwise,convert-linalg-to-loops),convert-vector-to-scf{full-unroll=true},convert-scf-to-cf,convert-vector-to-llvm,convert-math-to-llvm,convert-math-to-libm,convert-arith-to-llvm,expand-strided-metadata,lower-affine,finalize-memref-to-llvm,convert-func-to-llvm,convert-cf-to-llvm,convert-ub-to-llvm,reconcile-unrealized-casts)' \
// RUN:   | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN:   | FileCheck %s
//
// CHECK: {{^}}1{{$}}
// CHECK-NOT: 0

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

func.func @sum_kernel(%g: memref<?x28x28x32xf32>, %db: memref<32xf32>) attributes {plexus.batch_hint = 64 : i64} {
  linalg.generic {indexing_maps = [affine_map<(n, i, j, c) -> (n, i, j, c)>, affine_map<(n, i, j, c) -> (c)>], iterator_types = ["reduction", "reduction", "reduction", "parallel"]}
      ins(%g : memref<?x28x28x32xf32>) outs(%db : memref<32xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %o, %a : f32
    linalg.yield %s : f32
  }
  return
}

func.func @main() {
  %n = arith.constant 11 : index
  %g = memref.alloc(%n) : memref<?x28x28x32xf32>
  %g_any = memref.cast %g : memref<?x28x28x32xf32> to memref<?x?x?x?xf32>
  %g64 = memref.alloc(%n) : memref<?x28x28x32xf64>
  %g64_any = memref.cast %g64 : memref<?x28x28x32xf64> to memref<?x?x?x?xf64>
  %seed = arith.constant 3 : i32
  func.call @fill4(%g_any, %seed) : (memref<?x?x?x?xf32>, i32) -> ()
  func.call @ext4(%g_any, %g64_any) : (memref<?x?x?x?xf32>, memref<?x?x?x?xf64>) -> ()
  %db = memref.alloc() : memref<32xf32>
  %db64 = memref.alloc() : memref<32xf64>
  %half = arith.constant 0.5 : f32
  %half64 = arith.constant 0.5 : f64
  linalg.fill ins(%half : f32) outs(%db : memref<32xf32>)
  linalg.fill ins(%half64 : f64) outs(%db64 : memref<32xf64>)
  func.call @sum_kernel(%g, %db) : (memref<?x28x28x32xf32>, memref<32xf32>) -> ()
  linalg.generic {indexing_maps = [affine_map<(n, i, j, c) -> (n, i, j, c)>, affine_map<(n, i, j, c) -> (c)>], iterator_types = ["reduction", "reduction", "reduction", "parallel"]}
      ins(%g64 : memref<?x28x28x32xf64>) outs(%db64 : memref<32xf64>) {
  ^bb0(%a: f64, %o: f64):
    %s = arith.addf %o, %a : f64
    linalg.yield %s : f64
  }
  %err = memref.alloc() : memref<f64>
  %zero = arith.constant 0.0 : f64
  memref.store %zero, %err[] : memref<f64>
  linalg.generic {indexing_maps = [affine_map<(c) -> (c)>, affine_map<(c) -> (c)>, affine_map<(c) -> ()>], iterator_types = ["reduction"]}
      ins(%db, %db64 : memref<32xf32>, memref<32xf64>) outs(%err : memref<f64>) {
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
  return
}
