//===- Plugin.cpp - Entry points of the extension module ------------------===//
//
// plexc and plexus-opt load this module twice over: with
// --load-dialect-plugin it registers the ext dialect (and with it `mish`
// for model files); with --load-pass-plugin, `plexus-flop-report`.
//
//===----------------------------------------------------------------------===//

#include "ExtOps.h"
#include "FlopReport.h"

#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"

using namespace mlir;

extern "C" LLVM_ATTRIBUTE_WEAK DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "PlexusExtension", "0.1",
          [](DialectRegistry *registry) {
            registry->insert<plexus_ext::ExtDialect>();
          }};
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "PlexusFlopReport", "0.1",
          [] { plexus_ext::registerFlopReportPass(); }};
}
