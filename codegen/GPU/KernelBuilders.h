//===- KernelBuilders.h - Pieces of GPU kernels from linalg ops -*- C++ -*-===//
//
// Shared by the passes that turn linalg ops into gpu.launch regions.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_CODEGEN_GPU_KERNELBUILDERS_H
#define PLEXUS_CODEGEN_GPU_KERNELBUILDERS_H

#include "codegen/Kernels/LinalgKernels.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"

namespace plexus::kernels {

/// A `gpu.launch` with the given grid and block sizes (y and z of the grid
/// may be null for 1), its body ending in `gpu.terminator`; the builder is
/// left at the start of the body.
mlir::gpu::LaunchOp createLaunch(mlir::OpBuilder &b, mlir::Location loc,
                                 mlir::Value gridX, mlir::Value gridY,
                                 int64_t blockX, int64_t blockY);

} // namespace plexus::kernels

#endif // PLEXUS_CODEGEN_GPU_KERNELBUILDERS_H
