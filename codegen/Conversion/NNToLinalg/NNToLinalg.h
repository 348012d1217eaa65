//===- NNToLinalg.h - Lowering nn ops to linalg -----------------*- C++ -*-===//

#ifndef PLEXUS_CODEGEN_CONVERSION_NNTOLINALG_NNTOLINALG_H
#define PLEXUS_CODEGEN_CONVERSION_NNTOLINALG_NNTOLINALG_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

namespace plexus {

/// Adds one pattern per nn op that rewrites it into linalg on tensors.
void populateNNToLinalgPatterns(mlir::RewritePatternSet &patterns);

#define GEN_PASS_DECL
#include "codegen/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "codegen/Conversion/Passes.h.inc"

} // namespace plexus

#endif // PLEXUS_CODEGEN_CONVERSION_NNTOLINALG_NNTOLINALG_H
