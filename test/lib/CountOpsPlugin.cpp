//===- CountOpsPlugin.cpp - A pass plugin for testing extension points ----===//
//
// `plexus-test-count-ops` prints, for each function, how many ops of each
// dialect it holds; loaded with plexc --load-pass-plugin and run at an
// extension point with --pass-after=<stage>=plexus-test-count-ops.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Tools/Plugins/PassPlugin.h"

#include "llvm/ADT/MapVector.h"

using namespace mlir;

namespace {

struct CountOpsPass final
    : public PassWrapper<CountOpsPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(CountOpsPass)
  StringRef getArgument() const final { return "plexus-test-count-ops"; }
  StringRef getDescription() const final {
    return "Prints the number of ops per dialect in each function";
  }
  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isDeclaration())
        continue;
      llvm::MapVector<StringRef, unsigned> counts;
      func.walk([&](Operation *op) {
        if (op != func)
          ++counts[op->getName().getDialectNamespace()];
      });
      llvm::errs() << "count-ops " << func.getName() << ":";
      for (auto [dialect, n] : counts)
        llvm::errs() << " " << dialect << "=" << n;
      llvm::errs() << "\n";
    }
  }
};

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "PlexusTestCountOps", "v0.1",
          []() { PassRegistration<CountOpsPass>(); }};
}
