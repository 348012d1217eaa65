//===- VectorizeElementwise.cpp - 16-lane loops for linalg ops ------------===//
//
// See Passes.td. The op's innermost loop dim (parallel, contiguous in every
// operand that varies along it) becomes a loop of 16-lane vectors; the
// payload is cloned with vector types, operands that do not vary along it
// are broadcast. The other parallel dims form an scf.parallel for
// plexus-parallelize-loops; reduction dims are loops inside the vector loop
// that carry the outputs in registers, or, for a long sum into a few
// vectors, parts of the outermost one that threads take (emitSplitSum).
//
//===----------------------------------------------------------------------===//

#include "codegen/CPU/BatchHint.h"
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
/// A sum into at most this many vectors over at least kSplitFromSteps
/// steps (at the batch hint) is cut into kSplits parts (emitSplitSum).
constexpr int64_t kSplitMostVectors = 8;
constexpr int64_t kSplitFromSteps = 4096;
constexpr int64_t kSplits = 8;

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
  if (!op.hasPureBufferSemantics() || op.getNumLoops() == 0 ||
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
  // A loop of fewer than half a vector gains nothing.
  int64_t trips = op.getStaticLoopRanges().back();
  if (!ShapedType::isDynamic(trips) && trips < kLanes / 2)
    return false;
  return hasLanewisePayload(op);
}

class ElementwiseVectorizer {
public:
  ElementwiseVectorizer(IRRewriter &b, linalg::LinalgOp op)
      : b(b), op(op), loc(op.getLoc()), last(op.getNumLoops() - 1),
        ivs(op.getNumLoops()) {}

  void build() {
    b.setInsertionPoint(op);
    sizes = loopSizes(b, op);
    std::optional<int64_t> inner = getConstantIntValue(sizes.back());
    masked = !inner || *inner % kLanes != 0;
    SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
    SmallVector<unsigned> parallel;
    for (unsigned d = 0; d < last; ++d)
      (iterators[d] == utils::IteratorType::parallel ? parallel : reductions)
          .push_back(d);
    // Parallel dims outside (one scf.parallel), then the vector loop, then
    // the reductions, whose order is kept: the results do not change.
    if (parallel.empty() && splitsSum()) {
      emitSplitSum();
    } else if (parallel.empty()) {
      emitVectorLoop(/*asParallel=*/true);
    } else {
      LoopBounds bounds = unitLoopBounds(b, loc, sizes, parallel);
      scf::ParallelOp::create(b, loc, bounds.lbs, bounds.ubs, bounds.steps,
                              [&](OpBuilder &, Location, ValueRange outer) {
                                for (auto [d, iv] : llvm::zip(parallel, outer))
                                  ivs[d] = iv;
                                emitVectorLoop(/*asParallel=*/false);
                                scf::ReduceOp::create(b, loc);
                              });
    }
    b.eraseOp(op);
  }

private:
  VectorType vectorOf(Type t) { return VectorType::get({kLanes}, t); }

  /// Whether the op sums (`out + ...`) into a few vectors over a long
  /// reduction: a bias gradient, 32 channels summed over batch x pixels.
  /// One vector at a time, each sweep would read the whole input for the
  /// lanes of one vector, with one chain of dependent additions.
  bool splitsSum() {
    std::optional<int64_t> inner = getConstantIntValue(sizes.back());
    if (masked || !inner || *inner / kLanes > kSplitMostVectors ||
        reductions.empty() || op.getNumDpsInits() != 1)
      return false;
    SmallVector<Value> reduced;
    for (unsigned d : reductions)
      reduced.push_back(sizes[d]);
    std::optional<int64_t> steps = plexus::productAtBatchHint(reduced);
    Block *body = op.getBlock();
    Value out = body->getArguments().back();
    auto add = dyn_cast_or_null<arith::AddFOp>(
        body->getTerminator()->getOperand(0).getDefiningOp());
    return steps && *steps >= kSplitFromSteps && add && out.hasOneUse() &&
           (add.getLhs() == out || add.getRhs() == out);
  }

  /// The outermost reduction loop cut into kSplits parts (an scf.parallel
  /// for plexus-parallelize-loops), each sweeping its part of the input
  /// once for all the vectors, into a row of a scratch buffer; the rows are
  /// then added to the output in a fixed order, so the result does not
  /// depend on the number of threads.
  void emitSplitSum() {
    int64_t vectors = *getConstantIntValue(sizes.back()) / kLanes;
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    Value splits = arith::ConstantIndexOp::create(b, loc, kSplits);
    Value partials = memref::AllocOp::create(
        b, loc, MemRefType::get({kSplits, vectors * kLanes}, b.getF32Type()));
    Value outer = sizes[reductions.front()];
    Value part = arith::CeilDivUIOp::create(b, loc, outer, splits);
    auto column = [&](int64_t v) {
      return arith::ConstantIndexOp::create(b, loc, v * kLanes);
    };
    scf::ParallelOp::create(
        b, loc, ValueRange{zero}, ValueRange{splits}, ValueRange{one},
        [&](OpBuilder &, Location, ValueRange split) {
          auto [lo, hi] = partBounds(b, loc, split[0], part, outer);
          SmallVector<Value> sums(vectors, zeroVector());
          sums = sumLoops(0, lo, hi, sums);
          for (int64_t v = 0; v < vectors; ++v)
            vector::StoreOp::create(b, loc, sums[v], partials,
                                    ValueRange{split[0], column(v)});
          scf::ReduceOp::create(b, loc);
        });
    OpOperand &init = *op.getDpsInitOperand(0);
    for (int64_t v = 0; v < vectors; ++v) {
      ivs[last] = column(v);
      Value sum = load(init);
      for (int64_t split = 0; split < kSplits; ++split)
        sum = arith::AddFOp::create(
            b, loc, sum,
            vector::LoadOp::create(
                b, loc, vectorOf(b.getF32Type()), partials,
                ValueRange{arith::ConstantIndexOp::create(b, loc, split),
                           column(v)}));
      vector::StoreOp::create(b, loc, sum, init.get(),
                              operandIndices(b, loc, op, init, ivs));
    }
    memref::DeallocOp::create(b, loc, partials);
  }

  /// The reduction loops from `level` in (the outermost from `lo` to `hi`),
  /// carrying one sum per vector of the innermost dim.
  SmallVector<Value> sumLoops(unsigned level, Value lo, Value hi,
                              ValueRange sums) {
    if (level == reductions.size()) {
      SmallVector<Value> next;
      for (auto [v, sum] : llvm::enumerate(sums)) {
        ivs[last] = arith::ConstantIndexOp::create(b, loc, v * kLanes);
        next.push_back(payload(sum)[0]);
      }
      return next;
    }
    Value lower = level == 0 ? lo : arith::ConstantIndexOp::create(b, loc, 0);
    Value upper = level == 0 ? hi : sizes[reductions[level]];
    auto loop = scf::ForOp::create(
        b, loc, lower, upper, arith::ConstantIndexOp::create(b, loc, 1), sums);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    ivs[reductions[level]] = loop.getInductionVar();
    scf::YieldOp::create(b, loc,
                         sumLoops(level + 1, lo, hi, loop.getRegionIterArgs()));
    return llvm::to_vector_of<Value>(loop.getResults());
  }

  /// The loop over the innermost dim, 16 lanes a step.
  void emitVectorLoop(bool asParallel) {
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value step = arith::ConstantIndexOp::create(b, loc, kLanes);
    if (asParallel) {
      scf::ParallelOp::create(b, loc, ValueRange{zero},
                              ValueRange{sizes.back()}, ValueRange{step},
                              [&](OpBuilder &, Location, ValueRange iv) {
                                ivs[last] = iv[0];
                                emitStep();
                                scf::ReduceOp::create(b, loc);
                              });
      return;
    }
    auto loop = scf::ForOp::create(b, loc, zero, sizes.back(), step);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(loop.getBody()->getTerminator());
    ivs[last] = loop.getInductionVar();
    emitStep();
  }

  /// One step of the vector loop: the outputs are loaded once, carried in
  /// registers through the reduction loops, and stored once.
  void emitStep() {
    mask = Value();
    if (masked) {
      Value left = arith::SubIOp::create(b, loc, sizes.back(), ivs[last]);
      left = arith::MinSIOp::create(
          b, loc, left, arith::ConstantIndexOp::create(b, loc, kLanes));
      mask = vector::CreateMaskOp::create(b, loc, vectorOf(b.getI1Type()),
                                          ValueRange{left});
    }
    Block *body = op.getBlock();
    SmallVector<Value> outs;
    for (OpOperand &init : op.getDpsInitsMutable()) {
      bool read = !body->getArgument(init.getOperandNumber()).use_empty();
      outs.push_back(read ? load(init) : zeroVector());
    }
    SmallVector<Value> results = reductionLoops(0, outs);
    for (auto [init, value] : llvm::zip(op.getDpsInitsMutable(), results)) {
      SmallVector<Value> at = operandIndices(b, loc, op, init, ivs);
      if (mask)
        vector::MaskedStoreOp::create(b, loc, init.get(), at, mask, value);
      else
        vector::StoreOp::create(b, loc, value, init.get(), at);
    }
  }

  /// The reduction loops from `level` in, carrying the outputs' vectors.
  SmallVector<Value> reductionLoops(unsigned level, ValueRange carried) {
    if (level == reductions.size())
      return payload(carried);
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    auto loop = scf::ForOp::create(b, loc, zero, sizes[reductions[level]], one,
                                   carried);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    ivs[reductions[level]] = loop.getInductionVar();
    scf::YieldOp::create(b, loc,
                         reductionLoops(level + 1, loop.getRegionIterArgs()));
    return llvm::to_vector_of<Value>(loop.getResults());
  }

  /// 16 lanes of `operand` at the current indices.
  Value load(OpOperand &operand) {
    SmallVector<Value> at = operandIndices(b, loc, op, operand, ivs);
    if (mask)
      return vector::MaskedLoadOp::create(b, loc, vectorOf(b.getF32Type()),
                                          operand.get(), at, mask,
                                          zeroVector());
    return vector::LoadOp::create(b, loc, vectorOf(b.getF32Type()),
                                  operand.get(), at);
  }

  Value zeroVector() {
    return arith::ConstantOp::create(
        b, loc, cast<TypedAttr>(b.getZeroAttr(vectorOf(b.getF32Type()))));
  }

  /// The payload on vectors, the outputs' values being `outs`.
  SmallVector<Value> payload(ValueRange outs) {
    IRMapping mapping;
    Block *body = op.getBlock();
    for (OpOperand *input : op.getDpsInputOperands()) {
      Value arg = body->getArgument(input->getOperandNumber());
      if (arg.use_empty())
        continue;
      mapping.map(arg, classify(op, *input, last) == Access::Broadcast
                           ? loadOperand(b, loc, op, *input, ivs)
                           : load(*input));
    }
    for (auto [init, value] : llvm::zip(op.getDpsInitsMutable(), outs))
      mapping.map(body->getArgument(init.getOperandNumber()), value);
    for (Operation &nested : body->without_terminator()) {
      if (isa<arith::ConstantOp>(nested)) {
        b.clone(nested, mapping);
        continue;
      }
      // Scalars from outside the payload or from constants are broadcast.
      for (Value operand : nested.getOperands()) {
        Value mapped = mapping.lookupOrDefault(operand);
        if (!isa<VectorType>(mapped.getType()))
          mapping.map(operand, vector::BroadcastOp::create(
                                   b, loc, vectorOf(mapped.getType()), mapped));
      }
      Operation *clone = b.clone(nested, mapping);
      for (Value result : clone->getResults())
        result.setType(vectorOf(result.getType()));
    }
    SmallVector<Value> results;
    for (Value yielded : body->getTerminator()->getOperands()) {
      Value value = mapping.lookupOrDefault(yielded);
      if (!isa<VectorType>(value.getType()))
        value = vector::BroadcastOp::create(b, loc, vectorOf(value.getType()),
                                            value);
      results.push_back(value);
    }
    return results;
  }

  IRRewriter &b;
  linalg::LinalgOp op;
  Location loc;
  unsigned last;
  SmallVector<Value> ivs, sizes;
  SmallVector<unsigned> reductions;
  Value mask;
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
