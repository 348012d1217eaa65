//===- RegisterAll.h - Register Plexus dialects and passes ------*- C++ -*-===//
//
// Shared by plexc and plexus-opt so that both see the same dialects.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_COMPILER_REGISTERALL_H
#define PLEXUS_COMPILER_REGISTERALL_H

#include "compiler/Dialect/NN/IR/NNDialect.h"

#include "mlir/IR/DialectRegistry.h"

namespace plexus {

inline void registerPlexusDialects(mlir::DialectRegistry &registry) {
  registry.insert<nn::NNDialect>();
}

} // namespace plexus

#endif // PLEXUS_COMPILER_REGISTERALL_H
