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

#endif // PLEXUS_CPU_PASSES
