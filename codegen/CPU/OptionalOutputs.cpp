//===- OptionalOutputs.cpp - Outputs computed only when wanted ------------===//
//
// See Passes.td.
//
//===----------------------------------------------------------------------===//

#include "codegen/CPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Dominance.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/ControlFlowSinkUtils.h"

namespace plexus {
#define GEN_PASS_DEF_OPTIONALOUTPUTS
#include "codegen/CPU/Passes.h.inc"
} // namespace plexus

using namespace mlir;

namespace {

struct OptionalOutputsPass final
    : plexus::impl::OptionalOutputsBase<OptionalOutputsPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    SmallVector<bufferization::MaterializeInDestinationOp> writes;
    func.walk([&](bufferization::MaterializeInDestinationOp write) {
      if (plexus::markedArgument(write.getDest(), plexus::kOptionalTag))
        writes.push_back(write);
    });
    SmallVector<Region *> regions;
    for (bufferization::MaterializeInDestinationOp write : writes) {
      OpBuilder b(write);
      Location loc = write.getLoc();
      Value address = memref::ExtractAlignedPointerAsIndexOp::create(
          b, loc, write.getDest());
      Value wanted =
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, address,
                                arith::ConstantIndexOp::create(b, loc, 0));
      auto ifOp = scf::IfOp::create(b, loc, wanted, /*withElseRegion=*/false);
      write->moveBefore(ifOp.thenBlock()->getTerminator());
      regions.push_back(&ifOp.getThenRegion());
    }
    if (regions.empty())
      return;
    // The ops that only the writes use follow them into the scf.if when
    // they have no side effects (tensor ops, linalg ops on tensors); an op
    // that other code uses too stays where it is.
    DominanceInfo dominance(func);
    controlFlowSink(
        regions, dominance,
        [](Operation *op, Region *) { return isMemoryEffectFree(op); },
        [](Operation *op, Region *region) {
          op->moveBefore(&region->front(), region->front().begin());
        });
  }
};

} // namespace
