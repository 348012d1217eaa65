//===- RegisterAll.h - Register Plexus dialects and passes ------*- C++ -*-===//
//
// Shared by plexc and plexus-opt so that both see the same dialects.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_COMPILER_REGISTERALL_H
#define PLEXUS_COMPILER_REGISTERALL_H

#include "codegen/CPU/Passes.h"
#include "codegen/Conversion/NNToLinalg/NNToLinalg.h"
#include "codegen/GPU/Passes.h"
#include "codegen/Transforms/Passes.h"
#include "compiler/Dialect/NN/IR/NNDialect.h"
#include "compiler/Dialect/NN/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/Plugins/DialectPlugin.h"

#include "llvm/Support/raw_ostream.h"

namespace plexus {

inline void registerPlexusDialects(mlir::DialectRegistry &registry) {
  registry.insert<nn::NNDialect>();
}

/// Loads each --load-dialect-plugin into `registry`; reports the first that
/// cannot be loaded as "<tool>: error: ..." and returns false.
inline bool loadDialectPlugins(mlir::DialectRegistry &registry,
                               llvm::ArrayRef<std::string> paths,
                               llvm::StringRef tool) {
  for (const std::string &path : paths) {
    llvm::Expected<mlir::DialectPlugin> plugin =
        mlir::DialectPlugin::load(path);
    if (!plugin) {
      llvm::errs() << tool << ": error: cannot load dialect plugin '" << path
                   << "': " << llvm::toString(plugin.takeError()) << "\n";
      return false;
    }
    plugin->registerDialectRegistryCallbacks(registry);
  }
  return true;
}

inline void registerPlexusPasses() {
  nn::registerNNPasses();
  registerPlexusConversionPasses();
  registerPlexusCPUPasses();
  registerPlexusGPUPasses();
  registerPlexusTransformsPasses();
}

} // namespace plexus

#endif // PLEXUS_COMPILER_REGISTERALL_H
