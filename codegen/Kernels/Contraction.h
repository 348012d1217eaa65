//===- Contraction.h - Linalg ops that are GEMMs ----------------*- C++ -*-===//
//
// A contraction is a linalg op with one output whose parallel dims split
// into two groups: the "M" dims, which the inputs of one side index, and the
// "N" dims, which the inputs of the other side index; the reduction dims
// form K. A matmul C[m,n] += A[m,k] * B[k,n] is one in any transposition,
// and so are the convolutions of the conv2d forward pass and of both of its
// gradients (implicit GEMMs: M = batch x output pixels, N = output channels,
// K = window x input channels, and so on). Both targets build their tiled
// kernels from this view (codegen/CPU/ContractionMicrokernels.cpp,
// codegen/GPU/ContractionKernels.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_CODEGEN_KERNELS_CONTRACTION_H
#define PLEXUS_CODEGEN_KERNELS_CONTRACTION_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <optional>

namespace plexus::kernels {

enum class Side { M, N, K };

struct Contraction {
  llvm::SmallVector<unsigned> mDims, nDims, kDims;
  llvm::SmallVector<Side> sides; // one per input
};

/// `op` (on buffers) as a contraction, if it is one.
std::optional<Contraction> matchContraction(mlir::linalg::LinalgOp op);

} // namespace plexus::kernels

#endif // PLEXUS_CODEGEN_KERNELS_CONTRACTION_H
