//===- MergeKernelModules.cpp - All kernels in one GPU module -------------===//

#include "codegen/GPU/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/BuiltinOps.h"

namespace plexus {
#define GEN_PASS_DEF_MERGEKERNELMODULES
#include "codegen/GPU/Passes.h.inc"
} // namespace plexus

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kModuleName = "plexus_kernels";

struct MergeKernelModulesPass final
    : plexus::impl::MergeKernelModulesBase<MergeKernelModulesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<mlir::gpu::GPUModuleOp> modules(
        module.getOps<mlir::gpu::GPUModuleOp>());
    if (modules.empty())
      return;
    OpBuilder b(modules.front());
    auto merged = mlir::gpu::GPUModuleOp::create(b, modules.front().getLoc(),
                                                 kModuleName);
    Block &body = merged.getBodyRegion().front();
    // Outlining names every kernel after its function, in modules with
    // unique names: the kernels take their module's name.
    llvm::DenseMap<SymbolRefAttr, StringAttr> renamed;
    for (mlir::gpu::GPUModuleOp old : modules) {
      for (Operation &op :
           llvm::make_early_inc_range(old.getBodyRegion().front())) {
        if (auto kernel = dyn_cast<mlir::gpu::GPUFuncOp>(op)) {
          StringAttr name = old.getSymNameAttr();
          FlatSymbolRefAttr nested =
              FlatSymbolRefAttr::get(kernel.getNameAttr());
          renamed[SymbolRefAttr::get(old.getSymNameAttr(), {nested})] = name;
          kernel.setName(name);
        }
        op.moveBefore(&body, body.end());
      }
      old.erase();
    }
    auto moduleRef = StringAttr::get(&getContext(), kModuleName);
    module.walk([&](mlir::gpu::LaunchFuncOp launch) {
      StringAttr name = renamed.lookup(launch.getKernel());
      if (!name)
        return;
      FlatSymbolRefAttr nested = FlatSymbolRefAttr::get(name);
      launch.setKernelAttr(SymbolRefAttr::get(moduleRef, {nested}));
    });
  }
};

} // namespace
