//===- PlanBuffers.cpp - A static memory plan for temporaries -------------===//
//
// See Passes.td. Slots are numbered across the module, so that the entry
// points (which the runtime never runs concurrently) share the runtime's
// one table of buffers: a slot holds one buffer at a time, and a buffer is
// only written after the previous user of its slot is dead.
//
//===----------------------------------------------------------------------===//

#include "codegen/CPU/Passes.h"

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

/// The op of `block` that contains `op`.
Operation *topLevelAncestor(Block &block, Operation *op) {
  while (op && op->getBlock() != &block)
    op = op->getParentOp();
  return op;
}

bool plannable(memref::AllocOp alloc) {
  MemRefType type = alloc.getType();
  return type.getLayout().isIdentity() && type.getMemorySpace() == nullptr &&
         type.getElementType().isIntOrFloat() &&
         type.getElementTypeBitWidth() % 8 == 0;
}

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
             vector::LoadOp, vector::StoreOp>(user))
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
    if (!alloc || !plannable(alloc))
      continue;
    LiveRange range{alloc, position[&op], position[&op], {}};
    SmallVector<Operation *> users;
    if (failed(collectUses(alloc.getResult(), users, range.deallocs)))
      continue;
    for (Operation *user : users)
      range.end =
          std::max(range.end, position.lookup(topLevelAncestor(block, user)));
    ranges.push_back(range);
  }
  return ranges;
}

struct PlanBuffersPass final : plexus::impl::PlanBuffersBase<PlanBuffersPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    IRRewriter rewriter(ctx);
    auto bytesType =
        MemRefType::get({ShapedType::kDynamic}, IntegerType::get(ctx, 8));
    auto indexType = IndexType::get(ctx);
    bool used = false;
    int64_t nextSlot = 0;
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isPrivate() || func.isExternal())
        continue;
      // Linear scan: a slot is free again after its last range ends.
      SmallVector<unsigned> slotFreeAt; // per slot of this function
      SmallVector<int64_t> slotIds;
      for (LiveRange &range : liveRanges(func)) {
        int64_t slot = -1;
        for (auto [i, freeAt] : llvm::enumerate(slotFreeAt))
          if (freeAt < range.begin) {
            slot = i;
            break;
          }
        if (slot < 0) {
          slot = slotFreeAt.size();
          slotFreeAt.push_back(0);
          slotIds.push_back(nextSlot++);
        }
        slotFreeAt[slot] = range.end;

        memref::AllocOp alloc = range.alloc;
        Location loc = alloc.getLoc();
        rewriter.setInsertionPoint(alloc);
        MemRefType type = alloc.getType();
        int64_t staticBytes = type.getElementTypeBitWidth() / 8;
        for (int64_t d : type.getShape())
          if (!ShapedType::isDynamic(d))
            staticBytes *= d;
        Value bytes =
            arith::ConstantIndexOp::create(rewriter, loc, staticBytes);
        for (Value size : alloc.getDynamicSizes())
          bytes = arith::MulIOp::create(rewriter, loc, bytes, size);
        Value id = arith::ConstantIndexOp::create(rewriter, loc, slotIds[slot]);
        auto call =
            func::CallOp::create(rewriter, loc, kBufferFunction,
                                 TypeRange{bytesType}, ValueRange{id, bytes});
        Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
        rewriter.replaceOpWithNewOp<memref::ViewOp>(
            alloc, type, call.getResult(0), zero, alloc.getDynamicSizes());
        for (memref::DeallocOp dealloc : range.deallocs)
          rewriter.eraseOp(dealloc);
        used = true;
      }
    }
    if (!used)
      return;
    rewriter.setInsertionPointToStart(module.getBody());
    auto decl = func::FuncOp::create(
        rewriter, module.getLoc(), kBufferFunction,
        FunctionType::get(ctx, {indexType, indexType}, {bytesType}));
    decl.setPrivate();
    decl->setAttr("llvm.emit_c_interface", rewriter.getUnitAttr());
  }
};

} // namespace
