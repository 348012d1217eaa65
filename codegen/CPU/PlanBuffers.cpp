//===- PlanBuffers.cpp - A static memory plan for temporaries -------------===//
//
// See Passes.td. Slots are numbered across the module, so that the entry
// points (which the runtime never runs concurrently) share the runtime's
// one table of buffers: a slot holds one buffer at a time, and a buffer is
// only written after the previous user of its slot is dead.
//
//===----------------------------------------------------------------------===//

#include "codegen/CPU/Passes.h"
#include "codegen/RuntimeBuffers.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace plexus {
#define GEN_PASS_DEF_PLANBUFFERS
#include "codegen/CPU/Passes.h.inc"
} // namespace plexus

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kBufferFunction = "plx_buffer";

struct LiveRange {
  memref::AllocOp alloc;
  unsigned begin, end; // positions of top-level ops in the entry block
  SmallVector<memref::DeallocOp> deallocs;
};

/// Collects the users of `buffer` and of every view of it into `users`,
/// and its deallocations (of any view) into `deallocs`. Fails on a use it
/// does not understand (a buffer passed to a call, yielded by a loop,
/// selected, returned): such a buffer keeps the heap.
LogicalResult collectUses(Value buffer, SmallVectorImpl<Operation *> &users,
                          SmallVectorImpl<memref::DeallocOp> &deallocs) {
  for (Operation *user : buffer.getUsers()) {
    if (auto dealloc = dyn_cast<memref::DeallocOp>(user)) {
      deallocs.push_back(dealloc);
      continue;
    }
    users.push_back(user);
    auto view = dyn_cast<ViewLikeOpInterface>(user);
    if ((view && view.getViewSource() == buffer) ||
        isa<memref::CastOp, memref::ExtractStridedMetadataOp>(user)) {
      for (Value result : user->getResults())
        if (isa<MemRefType>(result.getType()) &&
            failed(collectUses(result, users, deallocs)))
          return failure();
      continue;
    }
    if (!isa<memref::LoadOp, memref::StoreOp, memref::DimOp, memref::CopyOp,
             linalg::LinalgOp, vector::TransferReadOp, vector::TransferWriteOp,
             vector::LoadOp, vector::StoreOp, vector::MaskedLoadOp,
             vector::MaskedStoreOp, memref::PrefetchOp>(user))
      return failure();
  }
  return success();
}

/// The live ranges of the top-level allocations of `func`, in order: from
/// the allocation to the last use of the buffer or of any view of it (the
/// deallocations, which the deallocation pipeline places late, do not
/// count).
SmallVector<LiveRange> liveRanges(func::FuncOp func) {
  Block &block = func.getBody().front();
  llvm::DenseMap<Operation *, unsigned> position;
  for (auto [i, op] : llvm::enumerate(block))
    position[&op] = i;
  SmallVector<LiveRange> ranges;
  for (Operation &op : block) {
    auto alloc = dyn_cast<memref::AllocOp>(op);
    if (!alloc || !plexus::isViewableAsBytes(alloc.getType()))
      continue;
    LiveRange range{alloc, position[&op], position[&op], {}};
    SmallVector<Operation *> users;
    if (failed(collectUses(alloc.getResult(), users, range.deallocs)))
      continue;
    for (Operation *user : users)
      range.end = std::max(range.end,
                           position.lookup(block.findAncestorOpInBlock(*user)));
    ranges.push_back(range);
  }
  return ranges;
}

struct PlanBuffersPass final : plexus::impl::PlanBuffersBase<PlanBuffersPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    IRRewriter rewriter(&getContext());
    bool used = false;
    int64_t firstSlot = 0; // slots are numbered across the module
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isPrivate() || func.isExternal())
        continue;
      // Linear scan: a slot is free again after its last range ends.
      SmallVector<unsigned> slotFreeAt; // per slot of this function
      for (LiveRange &range : liveRanges(func)) {
        const auto *free = llvm::find_if(
            slotFreeAt, [&](unsigned freeAt) { return freeAt < range.begin; });
        int64_t slot = free - slotFreeAt.begin();
        if (free == slotFreeAt.end())
          slotFreeAt.push_back(0);
        slotFreeAt[slot] = range.end;

        memref::AllocOp alloc = range.alloc;
        rewriter.setInsertionPoint(alloc);
        Value id = arith::ConstantIndexOp::create(rewriter, alloc.getLoc(),
                                                  firstSlot + slot);
        rewriter.replaceOp(alloc,
                           plexus::viewOfRuntimeBytes(
                               rewriter, alloc.getLoc(), kBufferFunction, id,
                               alloc.getType(), alloc.getDynamicSizes()));
        for (memref::DeallocOp dealloc : range.deallocs)
          rewriter.eraseOp(dealloc);
        used = true;
      }
      firstSlot += slotFreeAt.size();
    }
    if (used)
      plexus::declareRuntimeBytesFunction(rewriter, module, kBufferFunction,
                                          /*numIndexArgs=*/2);
  }
};

} // namespace
