//===- NNToLinalg.cpp - Lowering nn ops to linalg on tensors --------------===//
//
// One rewrite pattern per op. Everything becomes linalg.generic with explicit
// indexing maps, so that elementwise fusion, tiling and vectorization see one
// kind of op. Floating-point ops carry `fastmath<contract, reassoc>` so that
// LLVM forms FMAs and vectorizes reductions. Numerically sensitive functions
// (softmax, log-softmax, cross-entropy) subtract the row maximum first.
//
//===----------------------------------------------------------------------===//

#include "codegen/Conversion/NNToLinalg/NNToLinalg.h"

#include "compiler/Dialect/NN/IR/LinalgBuilders.h"
#include "compiler/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

#include <cmath>

namespace plexus {
#define GEN_PASS_DEF_CONVERTNNTOLINALG
#include "codegen/Conversion/Passes.h.inc"
} // namespace plexus

using namespace mlir;
using namespace plexus;
using namespace plexus::lowering;

namespace {

//===----------------------------------------------------------------------===//
// Building blocks
//===----------------------------------------------------------------------===//

/// Reduces each row of a matrix: out[i] = combine(out[i], f(x[i, j])).
Value reduceRows(OpBuilder &b, Location loc, ValueRange inputs,
                 ArrayRef<AffineMap> inputMaps, Value like, double init,
                 BodyFn body) {
  MLIRContext *ctx = b.getContext();
  Value rows =
      filled(b, loc, {sizesOf(b, loc, like)[0]}, init, elementTypeOf(like));
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(map(ctx, 2, {0}));
  return generic(
      b, loc, inputs, rows, maps,
      {utils::IteratorType::parallel, utils::IteratorType::reduction}, body)[0];
}

Value rowMax(OpBuilder &b, Location loc, Value x) {
  MLIRContext *ctx = b.getContext();
  return reduceRows(b, loc, x, {map(ctx, 2, {0, 1})}, x, -INFINITY,
                    [](Math &m, ValueRange a) -> SmallVector<Value> {
                      return {m.max(a[1], a[0])};
                    });
}

/// log(sum(exp(x - max))) + max, per row.
Value rowLogSumExp(OpBuilder &b, Location loc, Value x) {
  MLIRContext *ctx = b.getContext();
  Value max = rowMax(b, loc, x);
  Value sum = reduceRows(b, loc, ValueRange{x, max},
                         {map(ctx, 2, {0, 1}), map(ctx, 2, {0})}, x, 0.0,
                         [](Math &m, ValueRange a) -> SmallVector<Value> {
                           return {m.add(a[2], m.exp(m.sub(a[0], a[1])))};
                         });
  return elementwise(b, loc, ValueRange{sum, max}, sum,
                     [](Math &m, ValueRange a) -> SmallVector<Value> {
                       return {m.add(m.log(a[0]), a[1])};
                     });
}

/// Number of elements of a tensor (dynamic batch included), as f32.
Value countAsFloat(OpBuilder &b, Location loc, Value tensor, bool rowsOnly) {
  Type ft = elementTypeOf(tensor);
  auto type = cast<RankedTensorType>(tensor.getType());
  Value count = arith::ConstantIndexOp::create(b, loc, 1);
  for (int64_t d = 0; d < (rowsOnly ? 1 : type.getRank()); ++d)
    count = arith::MulIOp::create(b, loc, count,
                                  tensor::DimOp::create(b, loc, tensor, d));
  Value i64 = arith::IndexCastOp::create(b, loc, b.getI64Type(), count);
  return arith::SIToFPOp::create(b, loc, ft, i64);
}

Value scalarOf(OpBuilder &b, Location loc, Value zeroDim) {
  return tensor::ExtractOp::create(b, loc, zeroDim, ValueRange{});
}

/// Sums f(inputs) over every element of rank-2 operands into a 0-d tensor.
Value reduceAll(OpBuilder &b, Location loc, ValueRange inputs, BodyFn body) {
  MLIRContext *ctx = b.getContext();
  Value init = filled(b, loc, {}, 0.0, elementTypeOf(inputs[0]));
  SmallVector<AffineMap> maps(inputs.size(), map(ctx, 2, {0, 1}));
  maps.push_back(AffineMap::get(2, 0, {}, ctx));
  return generic(
      b, loc, inputs, init, maps,
      {utils::IteratorType::reduction, utils::IteratorType::reduction},
      body)[0];
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

template <typename Op> struct NNPattern : OpRewritePattern<Op> {
  using OpRewritePattern<Op>::OpRewritePattern;
};

/// Ops of any dialect that lower themselves (LinalgLoweringOpInterface):
/// activations, their kernels and out-of-tree ops.
struct InterfaceLowering
    : OpInterfaceRewritePattern<nn::LinalgLoweringOpInterface> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;
  LogicalResult matchAndRewrite(nn::LinalgLoweringOpInterface op,
                                PatternRewriter &rw) const override {
    SmallVector<Value> results = op.lowerToLinalg(rw);
    if (results.size() != op->getNumResults())
      return op->emitOpError("lowerToLinalg returned ")
             << results.size() << " values for " << op->getNumResults()
             << " results";
    rw.replaceOp(op, results);
    return success();
  }
};

struct MatmulLowering : NNPattern<nn::MatmulOp> {
  using NNPattern::NNPattern;
  LogicalResult matchAndRewrite(nn::MatmulOp op,
                                PatternRewriter &rw) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    bool tl = op.getTransposeLhs(), tr = op.getTransposeRhs();
    OpFoldResult m = tensor::getMixedSize(rw, loc, op.getLhs(), tl ? 1 : 0);
    OpFoldResult n = tensor::getMixedSize(rw, loc, op.getRhs(), tr ? 0 : 1);
    Value init = filled(rw, loc, {m, n}, 0.0, elementTypeOf(op.getLhs()));
    // Canonical (m, n, k) loops, k the reduction; operand maps carry the
    // transposes.
    using IT = utils::IteratorType;
    SmallVector<AffineMap> maps = {
        tl ? map(ctx, 3, {2, 0}) : map(ctx, 3, {0, 2}),
        tr ? map(ctx, 3, {1, 2}) : map(ctx, 3, {2, 1}), map(ctx, 3, {0, 1})};
    SmallVector<IT> iterators = {IT::parallel, IT::parallel, IT::reduction};
    Value result =
        generic(rw, loc, ValueRange{op.getLhs(), op.getRhs()}, init, maps,
                iterators, [](Math &mm, ValueRange a) -> SmallVector<Value> {
                  return {mm.add(a[2], mm.mul(a[0], a[1]))};
                })[0];
    result = tensor::CastOp::create(rw, loc, op.getType(), result);
    rw.replaceOp(op, result);
    return success();
  }
};

/// Maps of an op along the last dimension of a rank-`rank` tensor: the
/// identity, and the last dimension alone.
AffineMap identity(MLIRContext *ctx, unsigned rank) {
  return AffineMap::getMultiDimIdentityMap(rank, ctx);
}
AffineMap lastOf(MLIRContext *ctx, unsigned rank) {
  return map(ctx, rank, {rank - 1});
}
int64_t rankOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getRank();
}

struct BiasAddLowering : NNPattern<nn::BiasAddOp> {
  using NNPattern::NNPattern;
  LogicalResult matchAndRewrite(nn::BiasAddOp op,
                                PatternRewriter &rw) const override {
    MLIRContext *ctx = op.getContext();
    Location loc = op.getLoc();
    unsigned rank = rankOf(op.getInput());
    Value init = emptyTensor(rw, loc, sizesOf(rw, loc, op.getInput()),
                             elementTypeOf(op.getInput()));
    rw.replaceOp(
        op,
        generic(rw, loc, ValueRange{op.getInput(), op.getBias()}, init,
                {identity(ctx, rank), lastOf(ctx, rank), identity(ctx, rank)},
                SmallVector<utils::IteratorType>(rank,
                                                 utils::IteratorType::parallel),
                [](Math &m, ValueRange a) -> SmallVector<Value> {
                  return {m.add(a[0], a[1])};
                }));
    return success();
  }
};

struct SumRowsLowering : NNPattern<nn::SumRowsOp> {
  using NNPattern::NNPattern;
  LogicalResult matchAndRewrite(nn::SumRowsOp op,
                                PatternRewriter &rw) const override {
    MLIRContext *ctx = op.getContext();
    Location loc = op.getLoc();
    unsigned rank = rankOf(op.getInput());
    Value init = filled(rw, loc, {sizesOf(rw, loc, op.getInput())[rank - 1]},
                        0.0, elementTypeOf(op.getInput()));
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::reduction);
    iterators.back() = utils::IteratorType::parallel;
    rw.replaceOp(op,
                 generic(rw, loc, op.getInput(), init,
                         {identity(ctx, rank), lastOf(ctx, rank)}, iterators,
                         [](Math &m, ValueRange a) -> SmallVector<Value> {
                           return {m.add(a[1], a[0])};
                         }));
    return success();
  }
};

struct BroadcastRowsLowering : NNPattern<nn::BroadcastRowsOp> {
  using NNPattern::NNPattern;
  LogicalResult matchAndRewrite(nn::BroadcastRowsOp op,
                                PatternRewriter &rw) const override {
    MLIRContext *ctx = op.getContext();
    Location loc = op.getLoc();
    unsigned rank = rankOf(op.getLike());
    Value init = emptyTensor(rw, loc, sizesOf(rw, loc, op.getLike()),
                             elementTypeOf(op.getLike()));
    rw.replaceOp(op, generic(rw, loc, op.getInput(), init,
                             {lastOf(ctx, rank), identity(ctx, rank)},
                             SmallVector<utils::IteratorType>(
                                 rank, utils::IteratorType::parallel),
                             [](Math &, ValueRange a) -> SmallVector<Value> {
                               return {a[0]};
                             }));
    return success();
  }
};

/// Ops that become one elementwise generic over all their operands.
template <typename Op> struct ElementwiseLowering : NNPattern<Op> {
  using Fn = std::function<Value(Math &, ValueRange, Op)>;
  ElementwiseLowering(MLIRContext *ctx, Fn fn)
      : NNPattern<Op>(ctx), fn(std::move(fn)) {}
  LogicalResult matchAndRewrite(Op op, PatternRewriter &rw) const override {
    Value result =
        elementwise(rw, op.getLoc(), op->getOperands(), op->getOperand(0),
                    [&](Math &m, ValueRange a) -> SmallVector<Value> {
                      return {fn(m, a, op)};
                    });
    rw.replaceOp(op, result);
    return success();
  }
  Fn fn;
};

/// softmax: exp(x - lse(x));  log_softmax: x - lse(x), per row.
template <typename Op, bool isLog> struct SoftmaxLowering : NNPattern<Op> {
  using NNPattern<Op>::NNPattern;
  LogicalResult matchAndRewrite(Op op, PatternRewriter &rw) const override {
    MLIRContext *ctx = op.getContext();
    Location loc = op.getLoc();
    Value x = op.getInput();
    Value lse = rowLogSumExp(rw, loc, x);
    Value init = emptyTensor(rw, loc, sizesOf(rw, loc, x), elementTypeOf(x));
    rw.replaceOp(
        op,
        generic(rw, loc, ValueRange{x, lse}, init,
                {map(ctx, 2, {0, 1}), map(ctx, 2, {0}), map(ctx, 2, {0, 1})},
                {utils::IteratorType::parallel, utils::IteratorType::parallel},
                [](Math &m, ValueRange a) -> SmallVector<Value> {
                  Value shifted = m.sub(a[0], a[1]);
                  return {isLog ? shifted : m.exp(shifted)};
                }));
    return success();
  }
};

/// softmax_grad: y (dy - sum(dy y));  log_softmax_grad: dy - exp(y) sum(dy).
template <typename Op, bool isLog> struct SoftmaxGradLowering : NNPattern<Op> {
  using NNPattern<Op>::NNPattern;
  LogicalResult matchAndRewrite(Op op, PatternRewriter &rw) const override {
    MLIRContext *ctx = op.getContext();
    Location loc = op.getLoc();
    Value y = op.getForward(), dy = op.getGrad();
    Value rowSum = reduceRows(
        rw, loc, ValueRange{y, dy}, {map(ctx, 2, {0, 1}), map(ctx, 2, {0, 1})},
        y, 0.0, [](Math &m, ValueRange a) -> SmallVector<Value> {
          return {m.add(a[2], isLog ? a[1] : m.mul(a[0], a[1]))};
        });
    Value init = emptyTensor(rw, loc, sizesOf(rw, loc, y), elementTypeOf(y));
    rw.replaceOp(op, generic(rw, loc, ValueRange{y, dy, rowSum}, init,
                             {map(ctx, 2, {0, 1}), map(ctx, 2, {0, 1}),
                              map(ctx, 2, {0}), map(ctx, 2, {0, 1})},
                             {utils::IteratorType::parallel,
                              utils::IteratorType::parallel},
                             [](Math &m, ValueRange a) -> SmallVector<Value> {
                               if (isLog)
                                 return {m.sub(a[1], m.mul(m.exp(a[0]), a[2]))};
                               return {m.mul(a[0], m.sub(a[1], a[2]))};
                             }));
    return success();
  }
};

/// mean over rows of logsumexp(x_i) - x_i[label_i].
struct SoftmaxCrossEntropyLowering : NNPattern<nn::SoftmaxCrossEntropyOp> {
  using NNPattern::NNPattern;
  LogicalResult matchAndRewrite(nn::SoftmaxCrossEntropyOp op,
                                PatternRewriter &rw) const override {
    MLIRContext *ctx = op.getContext();
    Location loc = op.getLoc();
    Value x = op.getLogits(), labels = op.getLabels();
    Value lse = rowLogSumExp(rw, loc, x);
    Math outer{rw, loc, elementTypeOf(x)};
    Value invRows = outer.div(outer.c(1.0), countAsFloat(rw, loc, x, true));
    Value init = filled(rw, loc, {}, 0.0, elementTypeOf(x));
    Value classes = arith::UIToFPOp::create(
        rw, loc, elementTypeOf(x),
        arith::IndexCastUIOp::create(rw, loc, rw.getI64Type(),
                                     tensor::DimOp::create(rw, loc, x, 1)));
    Value loss = generic(
        rw, loc, ValueRange{labels, lse}, init,
        {map(ctx, 1, {0}), map(ctx, 1, {0}), AffineMap::get(1, 0, {}, ctx)},
        {utils::IteratorType::reduction},
        [&](Math &m, ValueRange a) -> SmallVector<Value> {
          // Row i contributes lse_i - x[i, label_i]: one read of the row,
          // not a pass over all its columns. A label that is no class
          // (out of range, not whole) reads column 0 and contributes lse_i.
          OpBuilder &b = m.b;
          Value label = a[0];
          Value column =
              arith::FPToSIOp::create(b, m.loc, b.getI64Type(), label);
          Value whole = arith::CmpFOp::create(
              b, m.loc, arith::CmpFPredicate::OEQ,
              arith::SIToFPOp::create(b, m.loc, label.getType(), column),
              label);
          Value inRange = arith::AndIOp::create(
              b, m.loc,
              arith::CmpFOp::create(b, m.loc, arith::CmpFPredicate::OGE, label,
                                    m.c(0.0)),
              arith::CmpFOp::create(b, m.loc, arith::CmpFPredicate::OLT, label,
                                    classes));
          Value valid = arith::AndIOp::create(b, m.loc, whole, inRange);
          Value index = arith::SelectOp::create(
              b, m.loc, valid,
              arith::IndexCastOp::create(b, m.loc, b.getIndexType(), column),
              arith::ConstantIndexOp::create(b, m.loc, 0));
          Value row = linalg::IndexOp::create(b, m.loc, 0);
          Value picked =
              tensor::ExtractOp::create(b, m.loc, x, ValueRange{row, index});
          Value term = m.sub(a[1], m.select(valid, picked, m.c(0.0)));
          return {m.add(a[2], m.mul(term, invRows))};
        })[0];
    rw.replaceOp(op, loss);
    return success();
  }
};

/// (softmax(x) - onehot(label)) * dl / rows.
struct SoftmaxCrossEntropyGradLowering
    : NNPattern<nn::SoftmaxCrossEntropyGradOp> {
  using NNPattern::NNPattern;
  LogicalResult matchAndRewrite(nn::SoftmaxCrossEntropyGradOp op,
                                PatternRewriter &rw) const override {
    MLIRContext *ctx = op.getContext();
    Location loc = op.getLoc();
    Value x = op.getFirst(), labels = op.getSecond();
    Value lse = rowLogSumExp(rw, loc, x);
    Math outer{rw, loc, elementTypeOf(x)};
    Value scale = outer.div(scalarOf(rw, loc, op.getGrad()),
                            countAsFloat(rw, loc, x, true));
    Value init = emptyTensor(rw, loc, sizesOf(rw, loc, x), elementTypeOf(x));
    rw.replaceOp(
        op,
        generic(rw, loc, ValueRange{x, labels, lse}, init,
                {map(ctx, 2, {0, 1}), map(ctx, 2, {0}), map(ctx, 2, {0}),
                 map(ctx, 2, {0, 1})},
                {utils::IteratorType::parallel, utils::IteratorType::parallel},
                [&](Math &m, ValueRange a) -> SmallVector<Value> {
                  Value isLabel = arith::CmpFOp::create(
                      m.b, m.loc, arith::CmpFPredicate::OEQ, m.indexAsFloat(1),
                      a[1]);
                  Value p = m.exp(m.sub(a[0], a[2]));
                  Value target = m.select(isLabel, m.c(1.0), m.c(0.0));
                  return {m.mul(m.sub(p, target), scale)};
                }));
    return success();
  }
};

/// Probabilities clamped away from 0 and 1 before any logarithm.
Value clampProbability(Math &m, Value p) {
  return m.min(m.max(p, m.c(1e-7)), m.c(1.0 - 1e-7));
}

/// The per-element losses of prediction p against target t, and their
/// derivatives with respect to p.
enum class LossKind { MSE, MAE, Huber, BCE };

Value lossTerm(Math &m, LossKind kind, Value p, Value t) {
  Value d = m.sub(p, t);
  switch (kind) {
  case LossKind::MSE:
    return m.mul(d, d);
  case LossKind::MAE:
    return math::AbsFOp::create(m.b, m.loc, d);
  case LossKind::Huber: {
    Value abs = math::AbsFOp::create(m.b, m.loc, d);
    Value small = arith::CmpFOp::create(m.b, m.loc, arith::CmpFPredicate::OLE,
                                        abs, m.c(1.0));
    return m.select(small, m.mul(m.c(0.5), m.mul(d, d)), m.sub(abs, m.c(0.5)));
  }
  case LossKind::BCE: {
    Value pc = clampProbability(m, p);
    Value one = m.c(1.0);
    return m.neg(m.add(m.mul(t, m.log(pc)),
                       m.mul(m.sub(one, t), m.log(m.sub(one, pc)))));
  }
  }
  llvm_unreachable("unknown loss");
}

Value lossDerivative(Math &m, LossKind kind, Value p, Value t) {
  Value d = m.sub(p, t);
  switch (kind) {
  case LossKind::MSE:
    return m.mul(m.c(2.0), d);
  case LossKind::MAE:
    return m.select(m.gt(d, m.c(0.0)), m.c(1.0),
                    m.select(m.gt(m.c(0.0), d), m.c(-1.0), m.c(0.0)));
  case LossKind::Huber:
    return m.min(m.max(d, m.c(-1.0)), m.c(1.0));
  case LossKind::BCE: {
    Value pc = clampProbability(m, p);
    return m.div(m.sub(pc, t), m.mul(pc, m.sub(m.c(1.0), pc)));
  }
  }
  llvm_unreachable("unknown loss");
}

/// mean(term(p, t)) over every element.
template <typename Op, LossKind kind>
struct ElementwiseLossLowering : NNPattern<Op> {
  using NNPattern<Op>::NNPattern;
  LogicalResult matchAndRewrite(Op op, PatternRewriter &rw) const override {
    Location loc = op.getLoc();
    Value p = op.getPrediction();
    Math outer{rw, loc, elementTypeOf(p)};
    Value inv = outer.div(outer.c(1.0), countAsFloat(rw, loc, p, false));
    rw.replaceOp(op,
                 reduceAll(rw, loc, ValueRange{p, op.getTarget()},
                           [&](Math &m, ValueRange a) -> SmallVector<Value> {
                             Value term = lossTerm(m, kind, a[0], a[1]);
                             return {m.add(a[2], m.mul(term, inv))};
                           }));
    return success();
  }
};

/// term'(p, t) * dl / count, elementwise.
template <typename Op, LossKind kind>
struct ElementwiseLossGradLowering : NNPattern<Op> {
  using NNPattern<Op>::NNPattern;
  LogicalResult matchAndRewrite(Op op, PatternRewriter &rw) const override {
    Location loc = op.getLoc();
    Value p = op.getFirst();
    Value scale = Math{rw, loc, elementTypeOf(p)}.div(
        scalarOf(rw, loc, op.getGrad()), countAsFloat(rw, loc, p, false));
    rw.replaceOp(op,
                 elementwise(rw, loc, ValueRange{p, op.getSecond()}, p,
                             [&](Math &m, ValueRange a) -> SmallVector<Value> {
                               return {m.mul(
                                   lossDerivative(m, kind, a[0], a[1]), scale)};
                             }));
    return success();
  }
};

struct SGDUpdateLowering : NNPattern<nn::SGDUpdateOp> {
  using NNPattern::NNPattern;
  LogicalResult matchAndRewrite(nn::SGDUpdateOp op,
                                PatternRewriter &rw) const override {
    MLIRContext *ctx = op.getContext();
    Location loc = op.getLoc();
    Value p = op.getParam();
    Value mu = op.getMomentum();
    bool nesterov = op.getNesterov();
    Value lr = op.getLr();
    AffineMap id = map(ctx, 1, {0});
    SmallVector<Value> results =
        generic(rw, loc, ValueRange{op.getGrad()},
                // The parameters and the state are read through the outputs
                // they are overwritten in, so that bufferization updates
                // their buffers in place. (As inputs, elementwise fusion
                // would give the outputs fresh tensors: a copy of both per
                // step.)
                ValueRange{p, op.getVelocity()}, {id, id, id},
                {utils::IteratorType::parallel},
                [&](Math &m, ValueRange a) -> SmallVector<Value> {
                  Value v = m.add(m.mul(mu, a[2]), a[0]);
                  Value dir = nesterov ? m.add(a[0], m.mul(mu, v)) : v;
                  return {m.sub(a[1], m.mul(lr, dir)), v};
                });
    rw.replaceOp(op, results);
    return success();
  }
};

/// g * min(1, max_norm / sqrt(sum(g^2))).
struct ClipByGlobalNormLowering : NNPattern<nn::ClipByGlobalNormOp> {
  using NNPattern::NNPattern;
  LogicalResult matchAndRewrite(nn::ClipByGlobalNormOp op,
                                PatternRewriter &rw) const override {
    MLIRContext *ctx = op.getContext();
    Location loc = op.getLoc();
    Value g = op.getGrad();
    Type ft = elementTypeOf(g);
    Value sum = generic(rw, loc, g, filled(rw, loc, {}, 0.0, ft),
                        {map(ctx, 1, {0}), AffineMap::get(1, 0, {}, ctx)},
                        {utils::IteratorType::reduction},
                        [](Math &m, ValueRange a) -> SmallVector<Value> {
                          return {m.add(a[1], m.mul(a[0], a[0]))};
                        })[0];
    Math s{rw, loc, ft};
    Value norm = s.sqrt(scalarOf(rw, loc, sum));
    Value maxNorm = op.getMaxNorm();
    // norm <= max_norm also covers a zero gradient (no division by zero).
    Value scale = s.select(s.gt(norm, maxNorm), s.div(maxNorm, norm), s.c(1.0));
    rw.replaceOp(op,
                 elementwise(rw, loc, g, g,
                             [&](Math &m, ValueRange a) -> SmallVector<Value> {
                               return {m.mul(a[0], scale)};
                             }));
    return success();
  }
};

struct RMSPropUpdateLowering : NNPattern<nn::RMSPropUpdateOp> {
  using NNPattern::NNPattern;
  LogicalResult matchAndRewrite(nn::RMSPropUpdateOp op,
                                PatternRewriter &rw) const override {
    MLIRContext *ctx = op.getContext();
    Location loc = op.getLoc();
    Value rho = op.getRho(), eps = op.getEpsilon();
    Value lr = op.getLr();
    AffineMap id = map(ctx, 1, {0});
    SmallVector<Value> results =
        generic(rw, loc, ValueRange{op.getGrad()},
                // In place, as SGD's.
                ValueRange{op.getParam(), op.getMs()}, {id, id, id},
                {utils::IteratorType::parallel},
                [&](Math &m, ValueRange a) -> SmallVector<Value> {
                  Value g = a[0];
                  Value ms = m.add(m.mul(rho, a[2]),
                                   m.mul(m.sub(m.c(1.0), rho), m.mul(g, g)));
                  Value step = m.div(m.mul(lr, g), m.add(m.sqrt(ms), eps));
                  return {m.sub(a[1], step), ms};
                });
    rw.replaceOp(op, results);
    return success();
  }
};

struct AdamUpdateLowering : NNPattern<nn::AdamUpdateOp> {
  using NNPattern::NNPattern;
  LogicalResult matchAndRewrite(nn::AdamUpdateOp op,
                                PatternRewriter &rw) const override {
    MLIRContext *ctx = op.getContext();
    Location loc = op.getLoc();
    Math s{rw, loc, elementTypeOf(op.getParam())};
    Value b1 = op.getBeta1(), b2 = op.getBeta2(), eps = op.getEpsilon();
    // lr_t = lr * sqrt(1 - b2^t) / (1 - b1^t), computed once per step, as
    // are 1 - b1 and 1 - b2.
    Value t = op.getStep();
    Value b1t = math::PowFOp::create(rw, loc, b1, t);
    Value b2t = math::PowFOp::create(rw, loc, b2, t);
    Value lrT = s.div(s.mul(op.getLr(), s.sqrt(s.sub(s.c(1.0), b2t))),
                      s.sub(s.c(1.0), b1t));
    Value decay = s.mul(op.getLr(), op.getWeightDecay());
    Value oneMinusB1 = s.sub(s.c(1.0), b1), oneMinusB2 = s.sub(s.c(1.0), b2);
    Value p = op.getParam();
    AffineMap id = map(ctx, 1, {0});
    SmallVector<Value> results = generic(
        // In place, as SGD's: a = (g, p, m, v).
        rw, loc, ValueRange{op.getGrad()}, ValueRange{p, op.getM(), op.getV()},
        {id, id, id, id}, {utils::IteratorType::parallel},
        [&](Math &m, ValueRange a) -> SmallVector<Value> {
          Value g = a[0];
          Value mNew = m.add(m.mul(b1, a[2]), m.mul(oneMinusB1, g));
          Value vNew = m.add(m.mul(b2, a[3]), m.mul(oneMinusB2, m.mul(g, g)));
          Value step = m.div(m.mul(lrT, mNew), m.add(m.sqrt(vNew), eps));
          // Decoupled weight decay (AdamW), on the parameter before the step.
          Value decayed = m.sub(a[1], m.mul(decay, a[1]));
          return {m.sub(decayed, step), mNew, vNew};
        });
    rw.replaceOp(op, results);
    return success();
  }
};

template <typename Op>
void addElementwise(RewritePatternSet &patterns,
                    std::function<Value(Math &, ValueRange, Op)> fn) {
  patterns.add<ElementwiseLowering<Op>>(patterns.getContext(), std::move(fn));
}

struct ConvertNNToLinalgPass final
    : plexus::impl::ConvertNNToLinalgBase<ConvertNNToLinalgPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateNNToLinalgPatterns(patterns);
    ConversionTarget target(getContext());
    target.addIllegalDialect<nn::NNDialect>();
    target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect,
                           arith::ArithDialect, math::MathDialect>();
    // Ops of other dialects are left alone unless they lower themselves.
    target.markUnknownOpDynamicallyLegal(
        [](Operation *op) { return !isa<nn::LinalgLoweringOpInterface>(op); });
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void plexus::populateNNToLinalgPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<
      InterfaceLowering, MatmulLowering, BiasAddLowering, SumRowsLowering,
      BroadcastRowsLowering, SoftmaxLowering<nn::SoftmaxOp, false>,
      SoftmaxLowering<nn::LogSoftmaxOp, true>,
      SoftmaxGradLowering<nn::SoftmaxGradOp, false>,
      SoftmaxGradLowering<nn::LogSoftmaxGradOp, true>,
      SoftmaxCrossEntropyLowering, SoftmaxCrossEntropyGradLowering,
      ElementwiseLossLowering<nn::MSELossOp, LossKind::MSE>,
      ElementwiseLossLowering<nn::MAELossOp, LossKind::MAE>,
      ElementwiseLossLowering<nn::HuberLossOp, LossKind::Huber>,
      ElementwiseLossLowering<nn::BinaryCrossEntropyOp, LossKind::BCE>,
      ElementwiseLossGradLowering<nn::MSELossGradOp, LossKind::MSE>,
      ElementwiseLossGradLowering<nn::MAELossGradOp, LossKind::MAE>,
      ElementwiseLossGradLowering<nn::HuberLossGradOp, LossKind::Huber>,
      ElementwiseLossGradLowering<nn::BinaryCrossEntropyGradOp, LossKind::BCE>,
      SGDUpdateLowering, RMSPropUpdateLowering, AdamUpdateLowering,
      ClipByGlobalNormLowering>(ctx);
  addElementwise<nn::AddOp>(patterns, [](Math &m, ValueRange a, nn::AddOp) {
    return m.add(a[0], a[1]);
  });
  addElementwise<nn::SubOp>(patterns, [](Math &m, ValueRange a, nn::SubOp) {
    return m.sub(a[0], a[1]);
  });
  addElementwise<nn::MulOp>(patterns, [](Math &m, ValueRange a, nn::MulOp) {
    return m.mul(a[0], a[1]);
  });
  addElementwise<nn::NegOp>(
      patterns, [](Math &m, ValueRange a, nn::NegOp) { return m.neg(a[0]); });
  addElementwise<nn::ScaleOp>(
      patterns, [](Math &m, ValueRange a, nn::ScaleOp op) {
        return m.mul(a[0], m.c(op.getFactor().convertToFloat()));
      });
}
