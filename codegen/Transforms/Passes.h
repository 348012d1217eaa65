//===- Passes.h - Target-neutral code generation passes ---------*- C++ -*-===//
//
// Passes that the CPU and the GPU pipelines both run.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_CODEGEN_TRANSFORMS_PASSES_H
#define PLEXUS_CODEGEN_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace plexus {

#define GEN_PASS_DECL
#include "codegen/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "codegen/Transforms/Passes.h.inc"

} // namespace plexus

#endif // PLEXUS_CODEGEN_TRANSFORMS_PASSES_H
