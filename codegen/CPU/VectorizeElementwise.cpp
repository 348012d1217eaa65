//===- VectorizeElementwise.cpp - 16-lane loops for linalg ops ------------===//
//
// See Passes.td. The op's innermost loop dim (parallel, contiguous in every
// operand that varies along it) becomes a loop of 16-lane vectors; the
// payload is cloned with vector types, operands that do not vary along it
// are broadcast. The outer dims stay loops: the leading parallel ones an
// scf.parallel for plexus-parallelize-loops.
//
//===----------------------------------------------------------------------===//

#include "codegen/CPU/Passes.h"
#include "codegen/Kernels/LinalgKernels.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"

namespace plexus {
#define GEN_PASS_DEF_VECTORIZEELEMENTWISE
#include "codegen/CPU/Passes.h.inc"
} // namespace plexus

using namespace mlir;
using namespace plexus::kernels;

namespace {

constexpr int64_t kLanes = 16; // f32 lanes of an AVX-512 register

/// How an operand is accessed as the innermost dim advances.
enum class Access { Vector, Broadcast, Unsupported };

Access classify(linalg::LinalgOp op, OpOperand &operand, unsigned last) {
  Type type = operand.get().getType();
  auto memref = dyn_cast<MemRefType>(type);
  if (!memref)
    return type.isF32() ? Access::Broadcast : Access::Unsupported;
  if (!memref.getElementType().isF32())
    return Access::Unsupported;
  AffineMap map = op.getMatchingIndexingMap(&operand);
  if (!map.isFunctionOfDim(last))
    return Access::Broadcast;
  if (map.getResults().back() != getAffineDimExpr(last, op.getContext()) ||
      !memref.isLastDimUnitStride())
    return Access::Unsupported;
  for (AffineExpr e : map.getResults().drop_back())
    if (e.isFunctionOfDim(last))
      return Access::Unsupported;
  return Access::Vector;
}

/// Whether every payload op can run on vectors lane by lane.
bool hasLanewisePayload(linalg::LinalgOp op) {
  for (Operation &nested : op.getBlock()->without_terminator()) {
    if (isa<arith::ConstantOp>(nested))
      continue;
    if (!nested.hasTrait<OpTrait::Elementwise>() ||
        !isa<arith::ArithDialect, math::MathDialect>(nested.getDialect()) ||
        nested.getNumRegions() != 0)
      return false;
    for (Type t : nested.getResultTypes())
      if (!t.isIntOrFloat() || t.getIntOrFloatBitWidth() > 32)
        return false;
  }
  return true;
}

bool isVectorizable(linalg::LinalgOp op) {
  if (!op.hasPureBufferSemantics() ||
      op.getNumLoops() == 0 ||
      op.getIteratorTypesArray().back() != utils::IteratorType::parallel ||
      !op.getBlock()->getOps<linalg::IndexOp>().empty())
    return false;
  unsigned last = op.getNumLoops() - 1;
  for (OpOperand &operand : op->getOpOperands()) {
    Access access = classify(op, operand, last);
    if (access == Access::Unsupported ||
        (op.isDpsInit(&operand) && access != Access::Vector))
      return false;
  }
  // A loop of fewer than one vector gains nothing.
  int64_t trips = op.getStaticLoopRanges().back();
  if (!ShapedType::isDynamic(trips) && trips < kLanes / 2)
    return false;
  return hasLanewisePayload(op);
}

class ElementwiseVectorizer {
public:
  ElementwiseVectorizer(IRRewriter &b, linalg::LinalgOp op)
      : b(b), op(op), loc(op.getLoc()), last(op.getNumLoops() - 1) {}

  void build() {
    b.setInsertionPoint(op);
    SmallVector<Value> sizes = loopSizes(b, op);
    std::optional<int64_t> inner = getConstantIntValue(sizes.back());
    masked = !inner || *inner % kLanes != 0;
    innerSize = sizes.back();
    // The leading parallel dims form one scf.parallel; the rest are loops.
    unsigned parallelDims = 0;
    auto iterators = op.getIteratorTypesArray();
    while (parallelDims < last &&
           iterators[parallelDims] == utils::IteratorType::parallel)
      ++parallelDims;
    SmallVector<Value> ivs(op.getNumLoops());
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    if (parallelDims == 0) {
      emitOuterLoops(0, ivs, sizes, /*parallelInner=*/true);
    } else {
      SmallVector<Value> lbs(parallelDims, zero), steps(parallelDims, one);
      scf::ParallelOp::create(
          b, loc, lbs, ArrayRef(sizes).take_front(parallelDims), steps,
          [&](OpBuilder &, Location, ValueRange outer) {
            for (auto [d, iv] : llvm::enumerate(outer))
              ivs[d] = iv;
            emitOuterLoops(parallelDims, ivs, sizes, /*parallelInner=*/false);
            scf::ReduceOp::create(b, loc);
          });
    }
    b.eraseOp(op);
  }

private:
  /// Loops over dims [dim, last), then the vector loop.
  void emitOuterLoops(unsigned dim, SmallVector<Value> &ivs,
                      ArrayRef<Value> sizes, bool parallelInner) {
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    if (dim == last) {
      Value step = arith::ConstantIndexOp::create(b, loc, kLanes);
      auto body = [&](Value iv) {
        ivs[last] = iv;
        emitVectors(ivs);
      };
      if (parallelInner) {
        scf::ParallelOp::create(b, loc, ValueRange{zero}, ValueRange{innerSize},
                                ValueRange{step},
                                [&](OpBuilder &, Location, ValueRange iv) {
                                  body(iv[0]);
                                  scf::ReduceOp::create(b, loc);
                                });
        return;
      }
      auto loop = scf::ForOp::create(b, loc, zero, innerSize, step);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPoint(loop.getBody()->getTerminator());
      body(loop.getInductionVar());
      return;
    }
    auto loop = scf::ForOp::create(b, loc, zero, sizes[dim],
                                   arith::ConstantIndexOp::create(b, loc, 1));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(loop.getBody()->getTerminator());
    ivs[dim] = loop.getInductionVar();
    emitOuterLoops(dim + 1, ivs, sizes, parallelInner);
  }

  /// One step of the vector loop: 16 lanes from the innermost index ivs[last].
  void emitVectors(ArrayRef<Value> ivs) {
    Value mask;
    if (masked) {
      Value left = arith::SubIOp::create(b, loc, innerSize, ivs[last]);
      left = arith::MinSIOp::create(
          b, loc, left, arith::ConstantIndexOp::create(b, loc, kLanes));
      mask = vector::CreateMaskOp::create(
          b, loc, VectorType::get({kLanes}, b.getI1Type()), ValueRange{left});
    }
    auto f32Vector = VectorType::get({kLanes}, b.getF32Type());
    IRMapping mapping;
    Block *body = op.getBlock();
    for (OpOperand &operand : op->getOpOperands()) {
      Value arg = body->getArgument(operand.getOperandNumber());
      if (arg.use_empty())
        continue;
      if (classify(op, operand, last) == Access::Broadcast) {
        mapping.map(arg, loadOperand(b, loc, op, operand, ivs));
        continue;
      }
      SmallVector<Value> at = operandIndices(b, loc, op, operand, ivs);
      Value zeros = arith::ConstantOp::create(
          b, loc, cast<TypedAttr>(b.getZeroAttr(f32Vector)));
      mapping.map(arg,
                  mask ? Value(vector::MaskedLoadOp::create(
                             b, loc, f32Vector, operand.get(), at, mask, zeros))
                       : Value(vector::LoadOp::create(b, loc, f32Vector,
                                                      operand.get(), at)));
    }
    for (Operation &nested : body->without_terminator()) {
      if (isa<arith::ConstantOp>(nested)) {
        b.clone(nested, mapping);
        continue;
      }
      // Scalars from outside the payload or from constants are broadcast.
      for (Value operand : nested.getOperands()) {
        Value mapped = mapping.lookupOrDefault(operand);
        if (!isa<VectorType>(mapped.getType()))
          mapping.map(
              operand,
              vector::BroadcastOp::create(
                  b, loc, VectorType::get({kLanes}, mapped.getType()), mapped));
      }
      Operation *clone = b.clone(nested, mapping);
      for (Value result : clone->getResults())
        result.setType(VectorType::get({kLanes}, result.getType()));
    }
    for (auto [i, yielded] :
         llvm::enumerate(body->getTerminator()->getOperands())) {
      OpOperand &operand = *op.getDpsInitOperand(i);
      Value value = mapping.lookupOrDefault(yielded);
      if (!isa<VectorType>(value.getType()))
        value = vector::BroadcastOp::create(b, loc, f32Vector, value);
      SmallVector<Value> at = operandIndices(b, loc, op, operand, ivs);
      if (mask)
        vector::MaskedStoreOp::create(b, loc, operand.get(), at, mask, value);
      else
        vector::StoreOp::create(b, loc, value, operand.get(), at);
    }
  }

  IRRewriter &b;
  linalg::LinalgOp op;
  Location loc;
  unsigned last;
  Value innerSize;
  bool masked = true;
};

struct VectorizeElementwisePass final
    : plexus::impl::VectorizeElementwiseBase<VectorizeElementwisePass> {
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> work;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (isVectorizable(op))
        work.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : work)
      ElementwiseVectorizer(rewriter, op).build();
  }
};

} // namespace
