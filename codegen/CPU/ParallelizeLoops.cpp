//===- ParallelizeLoops.cpp - Which loop nests run on threads -------------===//
//
// See Passes.td. The estimate is deliberately rough: it only has to tell a
// 32 x 10 bias addition (microseconds; a fork/join would double it) from a
// 128 x 784 x 512 matmul (milliseconds).
//
//===----------------------------------------------------------------------===//

#include "codegen/CPU/BatchHint.h"
#include "codegen/CPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"

namespace plexus {
#define GEN_PASS_DEF_PARALLELIZELOOPS
#include "codegen/CPU/Passes.h.inc"
} // namespace plexus

using namespace mlir;
using plexus::kParallelTag;
using plexus::kStreamingTag;

namespace {

/// How much less counted work a loop tagged kStreamingTag (a small batch's
/// matmul reading all the weights) needs to go to threads: it is bound by
/// memory, not by the operations the estimate counts.
constexpr int64_t kStreamingWeight = 4;
/// Trips assumed for a loop whose bounds are only known at run time.
constexpr int64_t kUnknownTrips = 16;

/// The iterations of a loop dim, if its bounds are constants, or sizes at
/// the function's batch hint (BatchHint.h).
std::optional<int64_t> constantTrips(Value lb, Value ub, Value step) {
  std::optional<int64_t> l = plexus::sizeAtBatchHint(lb),
                         u = plexus::sizeAtBatchHint(ub),
                         s = plexus::sizeAtBatchHint(step);
  if (!l || !u || !s || *s <= 0)
    return std::nullopt;
  return std::max<int64_t>(0, llvm::divideCeil(*u - *l, *s));
}

/// The iterations of `loop`'s first `dims` dims (all by default), each
/// known or assumed.
int64_t estimatedTrips(scf::ParallelOp loop, unsigned dims = ~0u) {
  int64_t trips = 1;
  for (auto [lb, ub, step] : llvm::zip(loop.getLowerBound().take_front(dims),
                                       loop.getUpperBound().take_front(dims),
                                       loop.getStep().take_front(dims)))
    trips *= constantTrips(lb, ub, step).value_or(kUnknownTrips);
  return trips;
}

/// The iterations of all of `loop`'s dims, if all are known.
std::optional<int64_t> constantTrips(scf::ParallelOp loop) {
  int64_t trips = 1;
  for (auto [lb, ub, step] :
       llvm::zip(loop.getLowerBound(), loop.getUpperBound(), loop.getStep())) {
    std::optional<int64_t> dim = constantTrips(lb, ub, step);
    if (!dim)
      return std::nullopt;
    trips *= *dim;
  }
  return trips;
}

int64_t cost(Block &block);

/// Estimated operations of one execution of `op`.
int64_t cost(Operation &op) {
  if (auto loop = dyn_cast<scf::ForOp>(op))
    return constantTrips(loop.getLowerBound(), loop.getUpperBound(),
                         loop.getStep())
               .value_or(kUnknownTrips) *
           cost(*loop.getBody());
  if (auto loop = dyn_cast<scf::ParallelOp>(op))
    return estimatedTrips(loop) * cost(*loop.getBody());
  if (op.getNumRegions() > 0) {
    int64_t most = 0;
    for (Region &region : op.getRegions())
      for (Block &nested : region)
        most = std::max(most, cost(nested));
    return 1 + most;
  }
  int64_t lanes = 1;
  for (Type t : op.getResultTypes())
    if (auto vector = dyn_cast<VectorType>(t))
      lanes = std::max(lanes, vector.getNumElements());
  return lanes;
}

/// Estimated operations of one execution of `block`.
int64_t cost(Block &block) {
  int64_t total = 0;
  for (Operation &op : block)
    total += cost(op);
  return total;
}

/// Whether `loop`'s trip count is unknown at compile time but computable
/// before `outer` (the row loops of the register-tiled contractions, which
/// the batch bounds).
bool hasRuntimeTrips(scf::ForOp loop, Operation *outer) {
  auto outside = [&](Value v) {
    return !outer->isAncestor(v.getParentRegion()->getParentOp());
  };
  return !constantTrips(loop.getLowerBound(), loop.getUpperBound(),
                        loop.getStep()) &&
         outside(loop.getLowerBound()) && outside(loop.getUpperBound()) &&
         outside(loop.getStep());
}

/// Whether a loop in `block` has runtime trips (see hasRuntimeTrips).
bool containsRuntimeTrips(Block &block, Operation *outer) {
  return block
      .walk([&](scf::ForOp loop) {
        return hasRuntimeTrips(loop, outer) ? WalkResult::interrupt()
                                            : WalkResult::advance();
      })
      .wasInterrupted();
}

/// cost(block), computed before `outer` at run time: the loops with runtime
/// trips count their actual trips instead of kUnknownTrips.
Value runtimeCost(OpBuilder &b, Location loc, Block &block, Operation *outer) {
  int64_t known = 0;
  Value total = arith::ConstantIndexOp::create(b, loc, 0);
  for (Operation &op : block) {
    auto loop = dyn_cast<scf::ForOp>(op);
    if (!loop || (!containsRuntimeTrips(*loop.getBody(), outer) &&
                  !hasRuntimeTrips(loop, outer))) {
      known += cost(op);
      continue;
    }
    Value trips;
    if (hasRuntimeTrips(loop, outer)) {
      Value span = arith::SubIOp::create(b, loc, loop.getUpperBound(),
                                         loop.getLowerBound());
      trips = arith::CeilDivSIOp::create(b, loc, span, loop.getStep());
    } else {
      trips = arith::ConstantIndexOp::create(b, loc,
                                             constantTrips(loop.getLowerBound(),
                                                           loop.getUpperBound(),
                                                           loop.getStep())
                                                 .value_or(kUnknownTrips));
    }
    Value body = runtimeCost(b, loc, *loop.getBody(), outer);
    total = arith::AddIOp::create(b, loc, total,
                                  arith::MulIOp::create(b, loc, trips, body));
  }
  return arith::AddIOp::create(b, loc, total,
                               arith::ConstantIndexOp::create(b, loc, known));
}

/// `loop` as nested scf.for loops.
void sequentialize(IRRewriter &rewriter, scf::ParallelOp loop) {
  rewriter.setInsertionPoint(loop);
  scf::buildLoopNest(
      rewriter, loop.getLoc(), loop.getLowerBound(), loop.getUpperBound(),
      loop.getStep(), [&](OpBuilder &b, Location, ValueRange ivs) {
        IRMapping mapping;
        mapping.map(loop.getInductionVars(), ivs);
        for (Operation &op : loop.getBody()->without_terminator())
          b.clone(op, mapping);
      });
  rewriter.eraseOp(loop);
}

/// Keeps only the outer dims of a multi-dim `loop` parallel; the innermost
/// becomes an scf.for inside it. convert-scf-to-openmp collapses all the
/// dims of a parallel loop into one, recovering each index by a division
/// per iteration, which keeps LLVM from vectorizing the innermost dim (the
/// contiguous one of an elementwise op): a softmax ran 2x slower.
void serializeInnermostDim(IRRewriter &rewriter, scf::ParallelOp loop) {
  unsigned outer = loop.getNumLoops() - 1;
  if (outer == 0)
    return;
  // Too few outer iterations to share: keep the collapsed loop.
  if (estimatedTrips(loop, outer) < 8)
    return;
  rewriter.setInsertionPoint(loop);
  Location loc = loop.getLoc();
  scf::ParallelOp::create(
      rewriter, loc, loop.getLowerBound().take_front(outer),
      loop.getUpperBound().take_front(outer), loop.getStep().take_front(outer),
      [&](OpBuilder &b, Location, ValueRange outerIvs) {
        auto inner = scf::ForOp::create(b, loc, loop.getLowerBound().back(),
                                        loop.getUpperBound().back(),
                                        loop.getStep().back());
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(inner.getBody()->getTerminator());
        SmallVector<Value> ivs = loop.getInductionVars();
        IRMapping mapping;
        mapping.map(ArrayRef(ivs).drop_back(), outerIvs);
        mapping.map(ivs.back(), inner.getInductionVar());
        for (Operation &op : loop.getBody()->without_terminator())
          b.clone(op, mapping);
      });
  rewriter.eraseOp(loop);
}

/// Iterations of `loop`, computed before it.
Value dynamicTrips(OpBuilder &b, scf::ParallelOp loop) {
  Location loc = loop.getLoc();
  Value trips = arith::ConstantIndexOp::create(b, loc, 1);
  for (auto [lb, ub, step] :
       llvm::zip(loop.getLowerBound(), loop.getUpperBound(), loop.getStep())) {
    Value span = arith::SubIOp::create(b, loc, ub, lb);
    trips = arith::MulIOp::create(
        b, loc, trips, arith::CeilDivSIOp::create(b, loc, span, step));
  }
  return trips;
}

bool insideLoop(Operation *op) {
  return op->getParentOfType<scf::ForOp>() ||
         op->getParentOfType<scf::ParallelOp>() ||
         op->getParentOfType<scf::WhileOp>();
}

struct ParallelizeLoopsPass final
    : plexus::impl::ParallelizeLoopsBase<ParallelizeLoopsPass> {
  using ParallelizeLoopsBase::ParallelizeLoopsBase;

  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    // The contractions. tile loops: independent iterations by construction.
    SmallVector<scf::ForOp> tagged;
    getOperation().walk([&](scf::ForOp loop) {
      if (loop->hasAttr(kParallelTag) && loop.getNumResults() == 0)
        tagged.push_back(loop);
    });
    for (scf::ForOp loop : tagged) {
      rewriter.setInsertionPoint(loop);
      auto parallel = scf::ParallelOp::create(
          rewriter, loop.getLoc(), ValueRange{loop.getLowerBound()},
          ValueRange{loop.getUpperBound()}, ValueRange{loop.getStep()});
      rewriter.eraseOp(parallel.getBody()->getTerminator());
      rewriter.inlineBlockBefore(loop.getBody(), parallel.getBody(),
                                 parallel.getBody()->end(),
                                 parallel.getInductionVars());
      if (loop->hasAttr(kStreamingTag))
        parallel->setAttr(kStreamingTag, rewriter.getUnitAttr());
      Operation *yield = parallel.getBody()->getTerminator();
      rewriter.setInsertionPoint(yield);
      scf::ReduceOp::create(rewriter, loop.getLoc());
      rewriter.eraseOp(yield);
      rewriter.eraseOp(loop);
    }

    // Post-order: inner loops first, so that a loop nest's versions are
    // cloned from its final, sequential body.
    SmallVector<scf::ParallelOp> loops;
    getOperation().walk([&](scf::ParallelOp loop) { loops.push_back(loop); });
    for (scf::ParallelOp loop : loops) {
      // Reductions (loop results) are left to convert-scf-to-openmp.
      if (loop.getNumResults() != 0)
        continue;
      if (insideLoop(loop)) {
        sequentialize(rewriter, loop);
        continue;
      }
      int64_t perIteration = cost(*loop.getBody());
      int64_t loopThreshold = loop->hasAttr(kStreamingTag)
                                  ? threshold / kStreamingWeight
                                  : threshold;
      bool runtimeInner = containsRuntimeTrips(*loop.getBody(), loop);
      std::optional<int64_t> trips = constantTrips(loop);
      if (trips && (*trips < 2 || !runtimeInner)) {
        if (*trips < 2 || *trips * perIteration < loopThreshold)
          sequentialize(rewriter, loop);
        else
          serializeInnermostDim(rewriter, loop);
        continue;
      }
      // Decide at run time: threads if the work is large enough.
      rewriter.setInsertionPoint(loop);
      Location loc = loop.getLoc();
      Value work = arith::MulIOp::create(
          rewriter, loc, dynamicTrips(rewriter, loop),
          runtimeInner
              ? runtimeCost(rewriter, loc, *loop.getBody(), loop)
              : arith::ConstantIndexOp::create(rewriter, loc, perIteration));
      Value large = arith::CmpIOp::create(
          rewriter, loc, arith::CmpIPredicate::sge, work,
          arith::ConstantIndexOp::create(rewriter, loc, loopThreshold));
      auto ifOp = scf::IfOp::create(rewriter, loc, large, /*else=*/true);
      rewriter.moveOpBefore(loop, ifOp.thenBlock()->getTerminator());
      rewriter.setInsertionPoint(ifOp.elseBlock()->getTerminator());
      auto serial = cast<scf::ParallelOp>(rewriter.clone(*loop));
      sequentialize(rewriter, serial);
      serializeInnermostDim(rewriter, loop);
    }
  }
};

} // namespace
