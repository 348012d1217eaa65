//===- EmulateLaunches.cpp - One-thread-block kernels as CPU loops --------===//
//
// A test vehicle: with one thread per block, a kernel's barriers order
// nothing, so the grid can run as sequential loops. See Passes.td.
//
//===----------------------------------------------------------------------===//

#include "codegen/GPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"

namespace plexus {
#define GEN_PASS_DEF_EMULATELAUNCHES
#include "codegen/GPU/Passes.h.inc"
} // namespace plexus

using namespace mlir;

namespace {

LogicalResult emulate(IRRewriter &b, mlir::gpu::LaunchOp launch) {
  mlir::gpu::KernelDim3 blockSize = launch.getBlockSizeOperandValues();
  for (Value size : {blockSize.x, blockSize.y, blockSize.z})
    if (getConstantIntValue(size) != 1)
      return launch.emitOpError("has blocks of more than one thread: only "
                                "one-thread blocks can be emulated");
  Location loc = launch.getLoc();
  b.setInsertionPoint(launch);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  mlir::gpu::KernelDim3 grid = launch.getGridSizeOperandValues();
  // Workgroup memory once, before the grid's loops: blocks run one after
  // the other.
  IRMapping mapping;
  SmallVector<BlockArgument> attributions(launch.getWorkgroupAttributions());
  llvm::append_range(attributions, launch.getPrivateAttributions());
  for (BlockArgument memory : attributions) {
    auto type = cast<MemRefType>(memory.getType());
    mapping.map(
        memory,
        memref::AllocaOp::create(
            b, loc, MemRefType::get(type.getShape(), type.getElementType())));
  }
  scf::LoopNest nest = scf::buildLoopNest(
      b, loc, {zero, zero, zero}, {grid.z, grid.y, grid.x}, {one, one, one});
  b.setInsertionPoint(nest.loops.back().getBody()->getTerminator());

  mlir::gpu::KernelDim3 ids = launch.getBlockIds();
  mapping.map(ids.z, nest.loops[0].getInductionVar());
  mapping.map(ids.y, nest.loops[1].getInductionVar());
  mapping.map(ids.x, nest.loops[2].getInductionVar());
  mlir::gpu::KernelDim3 threads = launch.getThreadIds();
  mlir::gpu::KernelDim3 gridArgs = launch.getGridSize();
  mlir::gpu::KernelDim3 blockArgs = launch.getBlockSize();
  for (Value v : {threads.x, threads.y, threads.z})
    mapping.map(v, zero);
  for (Value v : {blockArgs.x, blockArgs.y, blockArgs.z})
    mapping.map(v, one);
  mapping.map(gridArgs.x, grid.x);
  mapping.map(gridArgs.y, grid.y);
  mapping.map(gridArgs.z, grid.z);
  for (Operation &op : launch.getBody().front().without_terminator())
    b.clone(op, mapping);
  nest.loops.front()->walk(
      [&](mlir::gpu::BarrierOp barrier) { b.eraseOp(barrier); });
  b.eraseOp(launch);
  return success();
}

struct EmulateLaunchesPass final
    : plexus::impl::EmulateLaunchesBase<EmulateLaunchesPass> {
  void runOnOperation() override {
    SmallVector<mlir::gpu::LaunchOp> launches;
    getOperation()->walk(
        [&](mlir::gpu::LaunchOp launch) { launches.push_back(launch); });
    IRRewriter rewriter(&getContext());
    for (mlir::gpu::LaunchOp launch : launches)
      if (failed(emulate(rewriter, launch)))
        return signalPassFailure();
  }
};

} // namespace
