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
#include "codegen/RuntimeBuffers.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
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
/// The runtime's managed allocation (runtime/cuda/cuda.c).
constexpr llvm::StringLiteral kSharedAlloc = "plx_cuda_shared_alloc";

/// Shape queries, and scalar loads and stores outside linalg payloads (the
/// hyperparameters, a clipping norm), run on the host.
bool isHostAccess(Operation *op) {
  return isa<memref::DimOp>(op) || (isa<memref::LoadOp, memref::StoreOp>(op) &&
                                    !op->getParentOfType<linalg::LinalgOp>());
}

struct DeviceUse {
  bool read = false, written = false;
  bool host = false; // also read or written by host code
};

/// How device work (the linalg ops that become kernels) uses `buffer`,
/// through any views of it. A write through a view may leave the rest of
/// the buffer as it was, so it counts as a read too.
void collectDeviceUse(Value buffer, DeviceUse &use, bool viaView = false) {
  for (OpOperand &operand : buffer.getUses()) {
    Operation *user = operand.getOwner();
    if (auto view = dyn_cast<ViewLikeOpInterface>(user)) {
      if (view.getViewSource() == buffer)
        for (Value result : user->getResults())
          collectDeviceUse(result, use, /*viaView=*/true);
      continue;
    }
    if (isa<memref::DeallocOp>(user))
      continue;
    if (isHostAccess(user)) {
      use.host |= !isa<memref::DimOp>(user);
      continue;
    }
    auto linalgOp = dyn_cast<linalg::LinalgOp>(user);
    if (isa<memref::LoadOp>(user)) { // a gather in a payload
      use.read = true;
    } else if (!linalgOp) {
      use.read = use.written = true; // unknown: keep both directions
    } else if (linalgOp.isDpsInput(&operand)) {
      use.read = true;
    } else {
      use.written = true;
      use.read |= viaView || linalgOp.payloadUsesValueFromOperand(&operand);
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

/// Managed memory of `type` with dynamic sizes `sizes` from the runtime's
/// pool: both the device and host code reach it. Its gpu.dealloc returns it
/// to the pool.
Value allocateShared(IRRewriter &rewriter, Location loc, MemRefType type,
                     ValueRange sizes) {
  return plexus::viewOfRuntimeBytes(rewriter, loc, kSharedAlloc, {}, type,
                                    sizes);
}

/// Stages `value` (a host buffer that device work uses) through a copy made
/// right after `after` (or at the start of `func`): device memory, or
/// managed memory if host code reads or writes it too, in which case the
/// host code uses the copy as well (the train step may reuse the loss
/// output as scratch for the clipping norm, which the host reads).
void stageHostBuffer(IRRewriter &rewriter, func::FuncOp func, Value value,
                     Operation *after, bool &shared) {
  DeviceUse use;
  collectDeviceUse(value, use);
  if (!use.read && !use.written)
    return;
  Location loc = value.getLoc();
  auto type = cast<MemRefType>(value.getType());
  if (after)
    rewriter.setInsertionPointAfter(after);
  else
    rewriter.setInsertionPointToStart(&func.getBody().front());
  SmallVector<Value> sizes = dynamicSizes(rewriter, loc, value);
  SmallPtrSet<Operation *, 4> keep;
  for (Value size : sizes)
    keep.insert(size.getDefiningOp());
  bool hostToo = use.host && plexus::isViewableAsBytes(type);
  Value copy;
  if (hostToo) {
    copy = allocateShared(rewriter, loc, type, sizes);
    shared = true;
  } else {
    copy = mlir::gpu::AllocOp::create(rewriter, loc, type, Type(), ValueRange(),
                                      sizes, ValueRange())
               .getMemref();
  }
  keep.insert(copy.getDefiningOp());
  if (use.read || hostToo)
    keep.insert(mlir::gpu::MemcpyOp::create(rewriter, loc, Type(), ValueRange(),
                                            copy, value));
  rewriter.replaceUsesWithIf(value, copy, [&](OpOperand &operand) {
    Operation *user = operand.getOwner();
    if (keep.contains(user) || isa<memref::DimOp>(user))
      return false;
    return hostToo || !isHostAccess(user);
  });
  func.walk([&](func::ReturnOp ret) {
    rewriter.setInsertionPoint(ret);
    if (use.written || hostToo)
      mlir::gpu::MemcpyOp::create(rewriter, loc, Type(), ValueRange(), value,
                                  copy);
    mlir::gpu::DeallocOp::create(rewriter, loc, Type(), ValueRange(), copy);
  });
}

void stageFunction(IRRewriter &rewriter, func::FuncOp func, bool &shared) {
  func.walk([&](memref::CopyOp copy) {
    rewriter.setInsertionPoint(copy);
    rewriter.replaceOpWithNewOp<linalg::CopyOp>(copy, copy.getSource(),
                                                copy.getTarget());
  });
  func.walk([&](memref::AllocOp alloc) {
    DeviceUse use;
    collectDeviceUse(alloc.getResult(), use);
    if (use.host && plexus::isViewableAsBytes(alloc.getType())) {
      rewriter.setInsertionPoint(alloc);
      rewriter.replaceOp(alloc, allocateShared(rewriter, alloc.getLoc(),
                                               alloc.getType(),
                                               alloc.getDynamicSizes()));
      shared = true;
      return;
    }
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
  // Constants (memref.get_global) live in the program's host memory.
  SmallVector<memref::GetGlobalOp> globals;
  func.walk([&](memref::GetGlobalOp global) { globals.push_back(global); });
  for (memref::GetGlobalOp global : globals)
    stageHostBuffer(rewriter, func, global.getResult(), global, shared);
  if (func.isPrivate())
    return;
  for (BlockArgument arg : func.getArguments())
    if (isa<MemRefType>(arg.getType()) &&
        !func.getArgAttr(arg.getArgNumber(), kResident))
      stageHostBuffer(rewriter, func, arg, nullptr, shared);
}

struct StageBuffersOnDevicePass final
    : plexus::impl::StageBuffersOnDeviceBase<StageBuffersOnDevicePass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    IRRewriter rewriter(&getContext());
    bool shared = false;
    for (auto func : llvm::to_vector(module.getOps<func::FuncOp>()))
      if (!func.isExternal())
        stageFunction(rewriter, func, shared);
    if (shared)
      plexus::declareRuntimeBytesFunction(rewriter, module, kSharedAlloc,
                                          /*numIndexArgs=*/1);
  }
};

} // namespace
