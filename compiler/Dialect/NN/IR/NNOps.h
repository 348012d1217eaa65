//===- NNOps.h - Operations of the nn dialect -------------------*- C++ -*-===//

#ifndef PLEXUS_COMPILER_DIALECT_NN_IR_NNOPS_H
#define PLEXUS_COMPILER_DIALECT_NN_IR_NNOPS_H

#include "compiler/Dialect/NN/IR/NNDialect.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace plexus::nn {

/// Marks ops without a gradient rule on purpose (the kernels that gradient
/// rules emit). Autodiff reports any other op without GradientOpInterface.
template <typename ConcreteType>
class NonDifferentiable
    : public mlir::OpTrait::TraitBase<ConcreteType, NonDifferentiable> {};

/// Marks ops that deliberately have no gradient rule (see NNOps.td).
template <typename ConcreteType>
class NoGradientRule
    : public mlir::OpTrait::TraitBase<ConcreteType, NoGradientRule> {};

} // namespace plexus::nn

#include "compiler/Dialect/NN/IR/NNInterfaces.h.inc"

#define GET_OP_CLASSES
#include "compiler/Dialect/NN/IR/NNOps.h.inc"

#endif // PLEXUS_COMPILER_DIALECT_NN_IR_NNOPS_H
