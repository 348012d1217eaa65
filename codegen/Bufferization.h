//===- Bufferization.h - The bufferization both targets share ---*- C++ -*-===//

#ifndef PLEXUS_CODEGEN_BUFFERIZATION_H
#define PLEXUS_CODEGEN_BUFFERIZATION_H

#include "llvm/ADT/StringRef.h"

namespace plexus {

/// linalg on tensors -> memrefs with explicit deallocations: whole
/// functions (the entry points' arguments become identity-layout memrefs,
/// as the runtime passes them), the start of the CPU and GPU pipelines.
inline constexpr llvm::StringLiteral kBufferizationPipeline =
    "eliminate-empty-tensors,"
    "one-shot-bufferize{bufferize-function-boundaries "
    "function-boundary-type-conversion=identity-layout-map},"
    "canonicalize,buffer-deallocation-pipeline,"
    "func.func(plexus-gather-in-place)";

} // namespace plexus

#endif // PLEXUS_CODEGEN_BUFFERIZATION_H
