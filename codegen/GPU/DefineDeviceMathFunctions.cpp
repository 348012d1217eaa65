//===- DefineDeviceMathFunctions.cpp - libdevice-free math ---------------===//

#include "codegen/GPU/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace plexus {
#define GEN_PASS_DEF_DEFINEDEVICEMATHFUNCTIONS
#include "codegen/GPU/Passes.h.inc"
} // namespace plexus

using namespace mlir;

namespace {

/// libdevice's name -> the LLVM intrinsic with the same semantics.
constexpr std::pair<llvm::StringLiteral, llvm::StringLiteral> kIntrinsics[] = {
    {"__nv_floorf", "llvm.intr.floor"},
    {"__nv_ceilf", "llvm.intr.ceil"},
    {"__nv_truncf", "llvm.intr.trunc"},
    {"__nv_roundf", "llvm.intr.round"},
    {"__nv_rintf", "llvm.intr.roundeven"},
    {"__nv_fabsf", "llvm.intr.fabs"},
    {"__nv_sqrtf", "llvm.intr.sqrt"},
    {"__nv_fmaf", "llvm.intr.fma"},
    {"__nv_copysignf", "llvm.intr.copysign"},
    {"__nv_fmaxf", "llvm.intr.maxnum"},
    {"__nv_fminf", "llvm.intr.minnum"},
};

struct DefineDeviceMathFunctionsPass final
    : plexus::impl::DefineDeviceMathFunctionsBase<
          DefineDeviceMathFunctionsPass> {
  void runOnOperation() override {
    for (auto func : getOperation().getOps<LLVM::LLVMFuncOp>()) {
      if (!func.isExternal() || !func.getName().starts_with("__nv_"))
        continue;
      const auto *entry = llvm::find_if(kIntrinsics, [&](const auto &e) {
        return e.first == func.getName();
      });
      if (entry == std::end(kIntrinsics)) {
        func.emitError("a kernel calls libdevice's '")
            << func.getName() << "', which Plexus does not provide";
        return signalPassFailure();
      }
      LLVM::LLVMFunctionType type = func.getFunctionType();
      OpBuilder b(&getContext());
      Block *body = func.addEntryBlock(b);
      b.setInsertionPointToEnd(body);
      OperationState state(func.getLoc(), entry->second);
      state.addOperands(body->getArguments());
      state.addTypes(type.getReturnType());
      Operation *result = b.create(state);
      LLVM::ReturnOp::create(b, func.getLoc(), result->getResults());
      func.setLinkage(LLVM::Linkage::Internal);
      func.setAlwaysInline(true);
    }
  }
};

} // namespace
