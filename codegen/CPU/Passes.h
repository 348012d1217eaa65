//===- Passes.h - CPU code generation passes --------------------*- C++ -*-===//

#ifndef PLEXUS_CODEGEN_CPU_PASSES_H
#define PLEXUS_CODEGEN_CPU_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace plexus {

#define GEN_PASS_DECL
#include "codegen/CPU/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "codegen/CPU/Passes.h.inc"

/// Tags plexus-contraction-microkernels puts on its `scf.for` tile loops
/// for plexus-parallelize-loops: the iterations are independent (parallel),
/// and the loop streams its data from memory once (streaming: bound by
/// memory, so threads pay off at less counted work).
inline constexpr llvm::StringLiteral kParallelTag = "plexus.parallel";
inline constexpr llvm::StringLiteral kStreamingTag = "plexus.streaming";

/// The argument attribute of an output buffer that a caller may pass null
/// for (plexus-optional-outputs): it is then not computed.
inline constexpr llvm::StringLiteral kOptionalTag = "plexus.optional";

/// `v` as an argument of its function's entry block, if the function marks
/// that argument with `attr` (kOptionalTag, kVersionedAttr); else null.
inline mlir::BlockArgument markedArgument(mlir::Value v, llvm::StringRef attr) {
  auto arg = llvm::dyn_cast<mlir::BlockArgument>(v);
  if (!arg)
    return nullptr;
  auto func = llvm::dyn_cast<mlir::func::FuncOp>(arg.getOwner()->getParentOp());
  if (!func || arg.getOwner() != &func.getBody().front() ||
      !func.getArgAttr(arg.getArgNumber(), attr))
    return nullptr;
  return arg;
}

} // namespace plexus

#endif // PLEXUS_CODEGEN_CPU_PASSES_H
