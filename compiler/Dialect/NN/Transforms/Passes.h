//===- Passes.h - Passes over the nn dialect --------------------*- C++ -*-===//

#ifndef PLEXUS_COMPILER_DIALECT_NN_TRANSFORMS_PASSES_H
#define PLEXUS_COMPILER_DIALECT_NN_TRANSFORMS_PASSES_H

#include "compiler/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

namespace plexus::nn {

#define GEN_PASS_DECL
#include "compiler/Dialect/NN/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "compiler/Dialect/NN/Transforms/Passes.h.inc"

} // namespace plexus::nn

#endif // PLEXUS_COMPILER_DIALECT_NN_TRANSFORMS_PASSES_H
