//===- ModelDescriptor.h - The model table the runtime reads ----*- C++ -*-===//
//
// The runtime knows nothing about models: everything it needs (parameter
// table, shapes, data sources, training settings) is emitted into the object
// as one constant string, `plx_model_descriptor`, in a line-based format that
// runtime/descriptor.c parses. docs/architecture.md describes the format.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_COMPILER_MLIRGEN_MODELDESCRIPTOR_H
#define PLEXUS_COMPILER_MLIRGEN_MODELDESCRIPTOR_H

#include "compiler/MLIRGen/MLIRGen.h"

namespace plexus {

/// What checkpoints record about where a model came from.
struct Provenance {
  std::string compiler;   // "plexc 0.1.0"
  std::string sourceHash; // of the model file, 16 hex digits
};

/// The descriptor text for `layout` within `program`.
std::string buildModelDescriptor(const CheckedProgram &program,
                                 const ModelLayout &layout,
                                 const Provenance &provenance);

/// Adds the descriptor to `module` as the global `plx_model_descriptor`.
void addModelDescriptor(mlir::ModuleOp module, llvm::StringRef descriptor);

} // namespace plexus

#endif // PLEXUS_COMPILER_MLIRGEN_MODELDESCRIPTOR_H
