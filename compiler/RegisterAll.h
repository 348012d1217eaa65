//===- RegisterAll.h - Register Plexus dialects and passes ------*- C++ -*-===//
//
// Shared by plexc and plexus-opt so that both see the same dialects.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_COMPILER_REGISTERALL_H
#define PLEXUS_COMPILER_REGISTERALL_H

#include "codegen/CPU/Passes.h"
#include "codegen/Conversion/NNToLinalg/NNToLinalg.h"
#include "compiler/Dialect/NN/IR/NNDialect.h"
#include "compiler/Dialect/NN/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"

namespace plexus {

inline void registerPlexusDialects(mlir::DialectRegistry &registry) {
  registry.insert<nn::NNDialect>();
}

inline void registerPlexusPasses() {
  nn::registerNNPasses();
  registerPlexusConversionPasses();
  registerPlexusCPUPasses();
}

} // namespace plexus

#endif // PLEXUS_COMPILER_REGISTERALL_H
