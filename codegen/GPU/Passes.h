//===- Passes.h - GPU code generation passes --------------------*- C++ -*-===//

#ifndef PLEXUS_CODEGEN_GPU_PASSES_H
#define PLEXUS_CODEGEN_GPU_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace plexus {

#define GEN_PASS_DECL
#include "codegen/GPU/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "codegen/GPU/Passes.h.inc"

} // namespace plexus

#endif // PLEXUS_CODEGEN_GPU_PASSES_H
