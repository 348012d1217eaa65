//===- KernelBuilders.h - Pieces of GPU kernels from linalg ops -*- C++ -*-===//
//
// Shared by the passes that turn linalg ops into gpu.launch regions.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_CODEGEN_GPU_KERNELBUILDERS_H
#define PLEXUS_CODEGEN_GPU_KERNELBUILDERS_H

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"

namespace plexus::kernels {

/// The sizes of `op`'s loops, computed before it (on the host).
llvm::SmallVector<mlir::Value> loopSizes(mlir::OpBuilder &b,
                                         mlir::linalg::LinalgOp op);

/// The product of `values` (1 if empty).
mlir::Value product(mlir::OpBuilder &b, mlir::Location loc,
                    mlir::ValueRange values);

/// Splits `flat` into one index per size of `sizes`, the last fastest.
llvm::SmallVector<mlir::Value> delinearize(mlir::OpBuilder &b,
                                           mlir::Location loc, mlir::Value flat,
                                           mlir::ValueRange sizes);

/// Loads `operand` of `op` at the loop indices `ivs` (one per loop; those
/// its indexing map ignores may be null). A scalar operand is its value.
mlir::Value loadOperand(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::linalg::LinalgOp op, mlir::OpOperand &operand,
                        llvm::ArrayRef<mlir::Value> ivs);

/// Stores `value` into init `operand` of `op` at the loop indices `ivs`.
void storeOperand(mlir::OpBuilder &b, mlir::Location loc,
                  mlir::linalg::LinalgOp op, mlir::OpOperand &operand,
                  mlir::Value value, llvm::ArrayRef<mlir::Value> ivs);

/// Clones `op`'s payload with its block arguments bound to `args` and
/// `linalg.index` bound to `ivs`; returns the yielded values.
llvm::SmallVector<mlir::Value> clonePayload(mlir::OpBuilder &b,
                                            mlir::linalg::LinalgOp op,
                                            mlir::ValueRange args,
                                            llvm::ArrayRef<mlir::Value> ivs);

/// A `gpu.launch` with the given grid and block sizes (y and z of the grid
/// may be null for 1), its body ending in `gpu.terminator`; the builder is
/// left at the start of the body.
mlir::gpu::LaunchOp createLaunch(mlir::OpBuilder &b, mlir::Location loc,
                                 mlir::Value gridX, mlir::Value gridY,
                                 int64_t blockX, int64_t blockY);

} // namespace plexus::kernels

#endif // PLEXUS_CODEGEN_GPU_KERNELBUILDERS_H
