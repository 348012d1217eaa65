//===- Passes.td - CPU code generation passes --------------*- tablegen -*-===//

#ifndef PLEXUS_CPU_PASSES
#define PLEXUS_CPU_PASSES

include "mlir/Pass/PassBase.td"

def TileAndVectorizeMatmuls
    : Pass<"plexus-tile-and-vectorize-matmuls", "mlir::ModuleOp"> {
  let summary = "Register-tiles and vectorizes matmuls";
  let description = [{
    Applies the register-tiling recipe (TileAndVectorizeMatmuls.cpp) to every
    linalg.generic tagged `plexus.matmul` (dims m, n, k): tile 8x32x1, peel
    the m and n loops so that the main tiles are static, vectorize the full
    tiles into vector.contract, and hoist the 8x32 accumulator out of the k
    loop so that it stays in registers. Remainder tiles (the last rows of a
    batch, the last columns of a layer) stay loops for LLVM to vectorize.
  }];
  let options = [
    Option<"tileM", "tile-m", "int64_t", "8", "Rows per register tile">,
    Option<"tileN", "tile-n", "int64_t", "32", "Columns per register tile">,
  ];
  let dependentDialects = [
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::linalg::LinalgDialect"];
}

def FuseElementwise : Pass<"plexus-fuse-elementwise", "mlir::func::FuncOp"> {
  let summary = "Elementwise fusion that never recomputes a producer";
  let description = [{
    linalg-fuse-elementwise-ops, restricted to the fusions that keep the
    work: a producer is fused into a consumer only where every iteration of
    the consumer reads a different element of it (the consumer's indexing
    map for it is a permutation of all its loops). Bias additions,
    activations, loss terms and optimizer updates still fuse into single
    passes over memory; what no longer fuses is an activation into the
    matmul that reads it, where it would be recomputed for every output
    column (512 times per element in a 512-wide layer) and would keep the
    matmul from its tiled kernel.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::affine::AffineDialect"];
}

def LowerStridedCopies
    : Pass<"plexus-lower-strided-copies", "mlir::func::FuncOp"> {
  let summary = "Turns copies between non-contiguous memrefs into loops";
  let description = [{
    Bufferization copies strided tensor slices (the spread gradients of
    convolution and pooling) with `memref.copy`, whose LLVM lowering calls
    `memrefCopy` from MLIR's runner-utils library when either side is not
    contiguous. Generated programs link no such library: this pass rewrites
    those copies as `linalg.copy`, which becomes loops. Contiguous copies
    stay `memref.copy` (a memcpy).
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def ParallelizeLoops : Pass<"plexus-parallelize-loops", "mlir::func::FuncOp"> {
  let summary = "Chooses the loop nests that run on threads";
  let description = [{
    Runs after bufferization and convert-linalg-to-parallel-loops. A loop
    nest goes to threads (stays `scf.parallel`, which convert-scf-to-openmp
    turns into an OpenMP worksharing loop) when it is outermost in its
    function and its estimated work - iterations times the operations of
    its body, vector operations counting their lanes - reaches `threshold`:
    below that, forking threads costs more than it saves. Work that depends
    on the batch size is decided at run time (both versions are compiled).
    Every other `scf.parallel` becomes sequential `scf.for` loops. The
    register-tiled matmuls' row loops (`scf.for` tagged `plexus.parallel` by
    plexus-tile-and-vectorize-matmuls) are parallel loops too.
  }];
  let options = [
    Option<"threshold", "threshold", "int64_t", "32768",
           "Estimated operations below which a loop nest stays sequential">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect"];
}

def PlanBuffers : Pass<"plexus-plan-buffers", "mlir::ModuleOp"> {
  let summary = "A static memory plan for the entry points' temporaries";
  let description = [{
    Runs after bufferization and deallocation. In each public function, the
    temporaries allocated at the top level (activations, gradients,
    optimizer intermediates: everything but per-iteration scratch) get a
    slot of a plan instead of a heap allocation: a linear scan over their
    live ranges (from the allocation to the last use of the buffer or of
    any view of it, in program order) gives buffers whose lives do not
    overlap the same slot; a buffer with a use the plan does not understand
    (a call, a loop result) keeps the heap. At run time each slot
    is a buffer of the runtime (`plx_buffer(slot, bytes)`), grown when a
    larger batch needs it and kept across calls: in the steady state a step
    allocates nothing. Their deallocations are dropped.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

#endif // PLEXUS_CPU_PASSES
