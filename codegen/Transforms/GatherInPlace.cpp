//===- GatherInPlace.cpp - Gathered buffers computed in their slices ------===//
//
// See Passes.td.
//
//===----------------------------------------------------------------------===//

#include "codegen/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace plexus {
#define GEN_PASS_DEF_GATHERINPLACE
#include "codegen/Transforms/Passes.h.inc"
} // namespace plexus

using namespace mlir;

namespace {

/// A static, identity-layout allocation at the top level of `block`.
memref::AllocOp topLevelAlloc(Value buffer, Block &block) {
  auto alloc = buffer.getDefiningOp<memref::AllocOp>();
  if (!alloc || alloc->getBlock() != &block ||
      !alloc.getType().hasStaticShape() ||
      !alloc.getType().getLayout().isIdentity())
    return nullptr;
  return alloc;
}

/// The [begin, end) elements of a static, unit-stride slice of a rank-1
/// buffer.
std::optional<std::pair<int64_t, int64_t>> rangeOf(memref::SubViewOp slice) {
  if (!slice.hasUnitStride() || slice.getType().getRank() != 1 ||
      ShapedType::isDynamic(slice.getStaticOffsets()[0]) ||
      ShapedType::isDynamic(slice.getStaticSizes()[0]))
    return std::nullopt;
  int64_t begin = slice.getStaticOffsets()[0];
  return std::make_pair(begin, begin + slice.getStaticSizes()[0]);
}

/// Whether nothing touches `slice`'s elements of the flat buffer before
/// `copy` writes them: the flat buffer's other uses before it are static
/// slices elsewhere (the other gathered parts, computed in place or copied).
bool untouchedBefore(memref::SubViewOp slice, memref::CopyOp copy) {
  std::optional<std::pair<int64_t, int64_t>> range = rangeOf(slice);
  if (!range || llvm::any_of(slice->getUsers(), [&](Operation *user) {
        return user != copy &&
               !copy->isBeforeInBlock(
                   copy->getBlock()->findAncestorOpInBlock(*user));
      }))
    return false;
  Value flat = slice.getSource();
  for (Operation *user : flat.getUsers()) {
    if (user == slice || isa<memref::DeallocOp>(user))
      continue;
    Operation *top = copy->getBlock()->findAncestorOpInBlock(*user);
    auto other = dyn_cast<memref::SubViewOp>(user);
    std::optional<std::pair<int64_t, int64_t>> elsewhere =
        other ? rangeOf(other) : std::nullopt;
    bool disjoint = elsewhere && (elsewhere->second <= range->first ||
                                  range->second <= elsewhere->first);
    if (!disjoint && top->isBeforeInBlock(copy))
      return false;
  }
  return true;
}

/// Whether `buffer` may take another layout: its users are linalg ops,
/// loads, stores, dims, its deallocation and `except`.
bool takesAnyLayout(Value buffer, Operation *except) {
  return llvm::all_of(buffer.getUsers(), [&](Operation *user) {
    return user == except ||
           isa<linalg::LinalgOp, memref::LoadOp, memref::StoreOp, memref::DimOp,
               memref::DeallocOp>(user);
  });
}

struct GatherInPlacePass final
    : plexus::impl::GatherInPlaceBase<GatherInPlacePass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    Block &entry = func.getBody().front();
    // Every gather is found before any is rewritten: the views a rewrite
    // adds are uses of the flat buffer that the checks would refuse.
    struct Gather {
      memref::CopyOp copy;
      memref::SubViewOp slice;
      memref::CollapseShapeOp collapse;
      memref::AllocOp flat, part;
    };
    SmallVector<Gather> gathers;
    for (auto copy : entry.getOps<memref::CopyOp>()) {
      auto slice = copy.getTarget().getDefiningOp<memref::SubViewOp>();
      auto collapse = copy.getSource().getDefiningOp<memref::CollapseShapeOp>();
      if (!slice || !collapse || !collapse->hasOneUse())
        continue;
      memref::AllocOp flat = topLevelAlloc(slice.getSource(), entry);
      memref::AllocOp part = topLevelAlloc(collapse.getSrc(), entry);
      if (!flat || !part || !untouchedBefore(slice, copy) ||
          !takesAnyLayout(part, collapse) ||
          llvm::any_of(part->getUsers(), [&](Operation *user) {
            return !isa<memref::DeallocOp>(user) &&
                   copy->isBeforeInBlock(entry.findAncestorOpInBlock(*user));
          }))
        continue;
      gathers.push_back({copy, slice, collapse, flat, part});
    }
    IRRewriter rewriter(&getContext());
    for (Gather &g : gathers) {
      // The part becomes a view of its slice of the flat buffer, which is
      // allocated first.
      if (g.part->isBeforeInBlock(g.flat))
        rewriter.moveOpBefore(g.flat, g.part);
      rewriter.setInsertionPoint(g.part);
      auto view = memref::SubViewOp::create(
          rewriter, g.part.getLoc(), g.flat, g.slice.getMixedOffsets(),
          g.slice.getMixedSizes(), g.slice.getMixedStrides());
      auto expanded = memref::ExpandShapeOp::create(
          rewriter, g.part.getLoc(), g.part.getType().getShape(), view,
          g.collapse.getReassociationIndices());
      for (Operation *user : llvm::to_vector(g.part->getUsers()))
        if (isa<memref::DeallocOp>(user))
          rewriter.eraseOp(user);
      rewriter.eraseOp(g.copy);
      rewriter.eraseOp(g.collapse);
      rewriter.replaceAllUsesWith(g.part.getResult(), expanded.getResult());
      rewriter.eraseOp(g.part);
    }
  }
};

} // namespace
