//===- LinalgKernels.h - Kernels built from linalg ops ----------*- C++ -*-===//
//
// Pieces shared by the passes that replace linalg ops with hand-built loop
// nests: the CPU's register-tiled contractions and the GPU's kernels.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_CODEGEN_KERNELS_LINALGKERNELS_H
#define PLEXUS_CODEGEN_KERNELS_LINALGKERNELS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"

namespace plexus::kernels {

/// The buffer `v` is a view of (through view-like ops), or `v` itself.
mlir::Value viewedBuffer(mlir::Value v);

/// The sizes of `op`'s loops, computed before it.
llvm::SmallVector<mlir::Value> loopSizes(mlir::OpBuilder &b,
                                         mlir::linalg::LinalgOp op);

/// The bounds of a loop nest over `dims` of loops of `sizes`: from 0 to
/// `sizes[d]` in steps of 1, in the order of `dims`.
struct LoopBounds {
  llvm::SmallVector<mlir::Value> lbs, ubs, steps;
};
LoopBounds unitLoopBounds(mlir::OpBuilder &b, mlir::Location loc,
                          llvm::ArrayRef<mlir::Value> sizes,
                          llvm::ArrayRef<unsigned> dims);

/// The bounds [lo, hi) of part `index` of a loop from 0 to `total` cut
/// into parts of `partSize` iterations: the last parts are shorter or
/// empty.
std::pair<mlir::Value, mlir::Value>
partBounds(mlir::OpBuilder &b, mlir::Location loc, mlir::Value index,
           mlir::Value partSize, mlir::Value total);

/// The product of `values` (1 if empty).
mlir::Value product(mlir::OpBuilder &b, mlir::Location loc,
                    mlir::ValueRange values);

/// Splits `flat` into one index per size of `sizes`, the last fastest.
llvm::SmallVector<mlir::Value> delinearize(mlir::OpBuilder &b,
                                           mlir::Location loc, mlir::Value flat,
                                           mlir::ValueRange sizes);

/// The indices into `operand` of `op` at the loop indices `ivs` (one per
/// loop; those its indexing map ignores may be null).
llvm::SmallVector<mlir::Value> operandIndices(mlir::OpBuilder &b,
                                              mlir::Location loc,
                                              mlir::linalg::LinalgOp op,
                                              mlir::OpOperand &operand,
                                              llvm::ArrayRef<mlir::Value> ivs);

/// Loads `operand` of `op` at the loop indices `ivs`. A scalar operand is
/// its value.
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

} // namespace plexus::kernels

#endif // PLEXUS_CODEGEN_KERNELS_LINALGKERNELS_H
