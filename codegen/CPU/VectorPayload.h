//===- VectorPayload.h - linalg payloads on vectors -------------*- C++ -*-===//
//
// Shared by plexus-vectorize-elementwise and the contraction epilogues of
// plexus-contraction-microkernels: a lane-wise payload runs on 16-lane
// vectors by cloning it with vector types.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_CODEGEN_CPU_VECTORPAYLOAD_H
#define PLEXUS_CODEGEN_CPU_VECTORPAYLOAD_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/IRMapping.h"

namespace plexus {

/// f32 lanes of an AVX-512 register.
inline constexpr int64_t kVectorLanes = 16;

/// Whether every payload op of `op` can run on vectors lane by lane.
bool hasLanewisePayload(mlir::linalg::LinalgOp op);

/// Clones `op`'s payload on vectors, its block arguments bound in
/// `mapping` (vectors, or scalars to broadcast); returns the yielded
/// vectors.
llvm::SmallVector<mlir::Value> clonePayloadOnVectors(mlir::OpBuilder &b,
                                                     mlir::Location loc,
                                                     mlir::linalg::LinalgOp op,
                                                     mlir::IRMapping &mapping);

} // namespace plexus

#endif // PLEXUS_CODEGEN_CPU_VECTORPAYLOAD_H
