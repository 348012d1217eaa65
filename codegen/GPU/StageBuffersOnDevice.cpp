//===- StageBuffersOnDevice.cpp - A bufferized function's memory on the GPU
//===//
//
// After this pass every buffer that a linalg op touches is device memory,
// so the linalg ops can become kernels: temporaries are allocated on the
// device, copies become linalg.copy (kernels too), and the memref arguments
// of the entry points are staged through device copies unless they already
// live there (`plexus.resident`: parameters and optimizer state). Only
// batches go up and results come down.
//
//===----------------------------------------------------------------------===//

#include "codegen/GPU/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace plexus {
#define GEN_PASS_DEF_STAGEBUFFERSONDEVICE
#include "codegen/GPU/Passes.h.inc"
} // namespace plexus

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kResident = "plexus.resident";

/// Host-side scalar accesses (the hyperparameters) and shape queries read
/// the host buffer itself.
bool isHostAccess(Operation *op) {
  return isa<memref::LoadOp, memref::DimOp>(op);
}

struct DeviceUse {
  bool read = false, written = false;
};

/// How device work (the linalg ops that become kernels) uses `buffer`,
/// through any views of it.
void collectDeviceUse(Value buffer, DeviceUse &use) {
  for (OpOperand &operand : buffer.getUses()) {
    Operation *user = operand.getOwner();
    if (auto view = dyn_cast<ViewLikeOpInterface>(user)) {
      if (view.getViewSource() == buffer)
        for (Value result : user->getResults())
          collectDeviceUse(result, use);
      continue;
    }
    if (isHostAccess(user))
      continue;
    auto linalgOp = dyn_cast<linalg::LinalgOp>(user);
    if (!linalgOp) {
      use.read = use.written = true; // unknown: keep both directions
      continue;
    }
    if (linalgOp.isDpsInput(&operand)) {
      use.read = true;
    } else {
      use.written = true;
      use.read |= linalgOp.payloadUsesValueFromOperand(&operand);
    }
  }
}

/// The dynamic sizes of `buffer`, for an allocation like it.
SmallVector<Value> dynamicSizes(OpBuilder &b, Location loc, Value buffer) {
  auto type = cast<MemRefType>(buffer.getType());
  SmallVector<Value> sizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      sizes.push_back(memref::DimOp::create(b, loc, buffer, d));
  return sizes;
}

void stageArgument(IRRewriter &rewriter, func::FuncOp func, BlockArgument arg) {
  DeviceUse use;
  collectDeviceUse(arg, use);
  if (!use.read && !use.written)
    return;
  Location loc = arg.getLoc();
  auto type = cast<MemRefType>(arg.getType());
  rewriter.setInsertionPointToStart(&func.getBody().front());
  auto alloc = mlir::gpu::AllocOp::create(
      rewriter, loc, type, Type(), ValueRange(),
      dynamicSizes(rewriter, loc, arg), ValueRange());
  Value device = alloc.getMemref();
  SmallPtrSet<Operation *, 4> keep = {alloc};
  for (Value size : alloc.getDynamicSizes())
    keep.insert(size.getDefiningOp());
  if (use.read)
    keep.insert(mlir::gpu::MemcpyOp::create(rewriter, loc, Type(), ValueRange(),
                                            device, arg));
  rewriter.replaceUsesWithIf(arg, device, [&](OpOperand &operand) {
    Operation *user = operand.getOwner();
    return !keep.contains(user) && !isHostAccess(user);
  });
  func.walk([&](func::ReturnOp ret) {
    rewriter.setInsertionPoint(ret);
    if (use.written)
      mlir::gpu::MemcpyOp::create(rewriter, loc, Type(), ValueRange(), arg,
                                  device);
    mlir::gpu::DeallocOp::create(rewriter, loc, Type(), ValueRange(), device);
  });
}

struct StageBuffersOnDevicePass final
    : plexus::impl::StageBuffersOnDeviceBase<StageBuffersOnDevicePass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    func.walk([&](memref::CopyOp copy) {
      rewriter.setInsertionPoint(copy);
      rewriter.replaceOpWithNewOp<linalg::CopyOp>(copy, copy.getSource(),
                                                  copy.getTarget());
    });
    func.walk([&](memref::AllocOp alloc) {
      rewriter.setInsertionPoint(alloc);
      rewriter.replaceOpWithNewOp<mlir::gpu::AllocOp>(
          alloc, alloc.getType(), Type(), ValueRange(), alloc.getDynamicSizes(),
          alloc.getSymbolOperands());
    });
    func.walk([&](memref::DeallocOp dealloc) {
      rewriter.setInsertionPoint(dealloc);
      rewriter.replaceOpWithNewOp<mlir::gpu::DeallocOp>(
          dealloc, Type(), ValueRange(), dealloc.getMemref());
    });
    if (func.isPrivate() || func.isExternal())
      return;
    for (BlockArgument arg : func.getArguments())
      if (isa<MemRefType>(arg.getType()) &&
          !func.getArgAttr(arg.getArgNumber(), kResident))
        stageArgument(rewriter, func, arg);
  }
};

} // namespace
