//===- Passes.h - CPU code generation passes --------------------*- C++ -*-===//

#ifndef PLEXUS_CODEGEN_CPU_PASSES_H
#define PLEXUS_CODEGEN_CPU_PASSES_H

#include "mlir/Pass/Pass.h"

namespace plexus {

#define GEN_PASS_DECL
#include "codegen/CPU/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "codegen/CPU/Passes.h.inc"

} // namespace plexus

#endif // PLEXUS_CODEGEN_CPU_PASSES_H
