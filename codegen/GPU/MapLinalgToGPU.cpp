//===- MapLinalgToGPU.cpp - One thread per output element -----------------===//
//
// The general mapping of a linalg op to a kernel: the op's parallel dims
// are flattened into one index space of 256-thread blocks, and each thread
// computes one point of it, looping over the reduction dims with its
// outputs carried in registers. Elementwise ops (activations, losses and
// optimizer updates, fused by linalg-fuse-elementwise-ops), reductions over
// the batch and copies all take this path; contractions have their own
// (ContractionKernels.cpp).
//
//===----------------------------------------------------------------------===//

#include "codegen/GPU/KernelBuilders.h"
#include "codegen/GPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

namespace plexus {
#define GEN_PASS_DEF_MAPLINALGTOGPU
#include "codegen/GPU/Passes.h.inc"
} // namespace plexus

using namespace mlir;
using namespace plexus::kernels;

namespace {

LogicalResult mapToKernel(IRRewriter &rewriter, linalg::LinalgOp op,
                          int64_t threadsPerBlock) {
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  SmallVector<Value> sizes = loopSizes(rewriter, op);
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<unsigned> parallel, reduction;
  for (auto [d, it] : llvm::enumerate(iterators))
    (it == utils::IteratorType::parallel ? parallel : reduction).push_back(d);
  // Each thread must own its output elements: every output is indexed by
  // all parallel dims and by no reduction dim.
  for (OpOperand &init : op.getDpsInitsMutable()) {
    AffineMap map = op.getMatchingIndexingMap(&init);
    bool ownsElements =
        map.isProjectedPermutation() &&
        llvm::all_of(parallel,
                     [&](unsigned d) { return map.isFunctionOfDim(d); }) &&
        llvm::none_of(reduction,
                      [&](unsigned d) { return map.isFunctionOfDim(d); });
    if (!ownsElements)
      return op->emitOpError("has an output that is not indexed by exactly "
                             "its parallel dims: no GPU mapping");
  }

  SmallVector<Value> parallelSizes;
  for (unsigned d : parallel)
    parallelSizes.push_back(sizes[d]);
  Value total = product(rewriter, loc, parallelSizes);
  Value threads =
      arith::ConstantIndexOp::create(rewriter, loc, threadsPerBlock);
  Value blocks = arith::CeilDivUIOp::create(rewriter, loc, total, threads);
  mlir::gpu::LaunchOp launch =
      createLaunch(rewriter, loc, blocks, nullptr, threadsPerBlock, 1);

  Value flat = arith::AddIOp::create(
      rewriter, loc,
      arith::MulIOp::create(rewriter, loc, launch.getBlockIds().x, threads),
      launch.getThreadIds().x);
  Value inRange = arith::CmpIOp::create(rewriter, loc,
                                        arith::CmpIPredicate::ult, flat, total);
  auto ifOp = scf::IfOp::create(rewriter, loc, inRange, /*else=*/false);
  rewriter.setInsertionPoint(ifOp.thenBlock()->getTerminator());

  SmallVector<Value> ivs(sizes.size());
  for (auto [d, index] :
       llvm::zip(parallel, delinearize(rewriter, loc, flat, parallelSizes)))
    ivs[d] = index;

  // The outputs' current values, where the payload reads them.
  SmallVector<Value> outputs;
  for (OpOperand &init : op.getDpsInitsMutable()) {
    Type type = getElementTypeOrSelf(init.get().getType());
    outputs.push_back(
        op.payloadUsesValueFromOperand(&init)
            ? loadOperand(rewriter, loc, op, init, ivs)
            : Value(arith::ConstantOp::create(rewriter, loc, type,
                                              rewriter.getZeroAttr(type))));
  }

  auto computePoint = [&](OpBuilder &b, Location l, ValueRange carried) {
    SmallVector<Value> args;
    for (OpOperand *input : op.getDpsInputOperands())
      args.push_back(loadOperand(b, l, op, *input, ivs));
    llvm::append_range(args, carried);
    return clonePayload(b, op, args, ivs);
  };

  SmallVector<Value> results;
  if (reduction.empty()) {
    results = computePoint(rewriter, loc, outputs);
  } else {
    LoopBounds bounds = unitLoopBounds(rewriter, loc, sizes, reduction);
    scf::LoopNest nest = scf::buildLoopNest(
        rewriter, loc, bounds.lbs, bounds.ubs, bounds.steps, outputs,
        [&](OpBuilder &b, Location l, ValueRange rivs, ValueRange carried) {
          for (auto [d, iv] : llvm::zip(reduction, rivs))
            ivs[d] = iv;
          SmallVector<Value> point = computePoint(b, l, carried);
          return scf::ValueVector(point.begin(), point.end());
        });
    results.assign(nest.results.begin(), nest.results.end());
  }
  for (auto [init, value] : llvm::zip(op.getDpsInitsMutable(), results))
    storeOperand(rewriter, loc, op, init, value, ivs);
  rewriter.eraseOp(op);
  return success();
}

struct MapLinalgToGPUPass final
    : plexus::impl::MapLinalgToGPUBase<MapLinalgToGPUPass> {
  using MapLinalgToGPUBase::MapLinalgToGPUBase;

  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> ops;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (!op->getParentOfType<mlir::gpu::LaunchOp>())
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops) {
      if (!op.hasPureBufferSemantics()) {
        op->emitOpError("expected buffers: bufferize before GPU mapping");
        return signalPassFailure();
      }
      if (failed(mapToKernel(rewriter, op, threadsPerBlock)))
        return signalPassFailure();
    }
  }
};

} // namespace
