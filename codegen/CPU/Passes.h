//===- Passes.h - CPU code generation passes --------------------*- C++ -*-===//

#ifndef PLEXUS_CODEGEN_CPU_PASSES_H
#define PLEXUS_CODEGEN_CPU_PASSES_H

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

} // namespace plexus

#endif // PLEXUS_CODEGEN_CPU_PASSES_H
