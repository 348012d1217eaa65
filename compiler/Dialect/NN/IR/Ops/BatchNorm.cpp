//===- BatchNorm.cpp - batch normalization's ops --------------------------===//
//
// Per channel c (the last dimension), over every other dimension (the batch
// and, for images, the positions), with n the number of those elements:
//
//   batch_normalize:  xhat = (x - mean) / sigma, sigma = sqrt(var + epsilon)
//   gradient:         dx = (dy - mean(dy) - xhat mean(dy xhat)) / sigma
//   batch_mean, batch_variance: the statistics (biased variance)
//   batch_norm_inference: (x - mean) / sqrt(var + epsilon) with given ones
//
// n includes the dynamic batch size, so it is computed at run time.
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/IR/LinalgBuilders.h"
#include "compiler/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace plexus::nn;
using namespace plexus::lowering;

namespace {

using IT = utils::IteratorType;

unsigned rankOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getRank();
}

AffineMap identity(MLIRContext *ctx, unsigned rank) {
  return AffineMap::getMultiDimIdentityMap(rank, ctx);
}

AffineMap channel(MLIRContext *ctx, unsigned rank) {
  return map(ctx, rank, {rank - 1});
}

/// 1 / (elements per channel), from the (dynamic) sizes of `x`.
Value inverseCount(OpBuilder &b, Location loc, Value x) {
  auto type = cast<RankedTensorType>(x.getType());
  Value count = arith::ConstantIndexOp::create(b, loc, 1);
  for (unsigned d = 0; d + 1 < type.getRank(); ++d)
    count = arith::MulIOp::create(b, loc, count,
                                  tensor::DimOp::create(b, loc, x, d));
  Value i64 = arith::IndexCastOp::create(b, loc, b.getI64Type(), count);
  Math m{b, loc, type.getElementType()};
  return m.div(m.c(1.0), arith::SIToFPOp::create(b, loc, m.ft, i64));
}

/// Per channel: the mean of f(inputs) over every other dimension.
Value channelMean(OpBuilder &b, Location loc, ValueRange inputs,
                  ArrayRef<AffineMap> inputMaps, Value like, ScalarFn f) {
  MLIRContext *ctx = b.getContext();
  auto type = cast<RankedTensorType>(like.getType());
  unsigned rank = type.getRank();
  Value scale = inverseCount(b, loc, like);
  Value init = filled(b, loc, {b.getIndexAttr(type.getShape().back())}, 0.0,
                      type.getElementType());
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(channel(ctx, rank));
  SmallVector<IT> iterators(rank, IT::reduction);
  iterators.back() = IT::parallel;
  return generic(b, loc, inputs, init, maps, iterators,
                 [&](Math &m, ValueRange a) -> SmallVector<Value> {
                   return {m.add(a.back(), m.mul(f(m, a.drop_back()), scale))};
                 })[0];
}

Value mean(OpBuilder &b, Location loc, Value x) {
  return channelMean(b, loc, x, {identity(b.getContext(), rankOf(x))}, x,
                     [](Math &, ValueRange a) { return a[0]; });
}

Value variance(OpBuilder &b, Location loc, Value x, Value mu) {
  MLIRContext *ctx = b.getContext();
  unsigned rank = rankOf(x);
  return channelMean(b, loc, ValueRange{x, mu},
                     {identity(ctx, rank), channel(ctx, rank)}, x,
                     [](Math &m, ValueRange a) {
                       Value d = m.sub(a[0], a[1]);
                       return m.mul(d, d);
                     });
}

/// 1 / sqrt(var + epsilon), per channel.
Value inverseSigma(OpBuilder &b, Location loc, Value var, double epsilon) {
  return elementwise(
      b, loc, var, var, [&](Math &m, ValueRange a) -> SmallVector<Value> {
        return {m.div(m.c(1.0), m.sqrt(m.add(a[0], m.c(epsilon))))};
      });
}

/// Per element, with per-channel statistics.
Value perElement(OpBuilder &b, Location loc, ValueRange full,
                 ValueRange perChannel, Value like, ScalarFn f) {
  return elementwiseWithReduced(b, loc, full, perChannel,
                                channel(b.getContext(), rankOf(like)), like, f);
}

} // namespace

SmallVector<Value> BatchNormalizeOp::buildGradient(OpBuilder &b,
                                                   ValueRange grads) {
  return {BatchNormalizeGradOp::create(b, getLoc(), getInput(), grads[0],
                                       getEpsilonAttr())};
}

SmallVector<Value> BatchNormalizeOp::lowerToLinalg(OpBuilder &b) {
  Location loc = getLoc();
  Value x = getInput();
  Value mu = mean(b, loc, x);
  Value inv = inverseSigma(b, loc, variance(b, loc, x, mu),
                           getEpsilon().convertToDouble());
  return {
      perElement(b, loc, x, ValueRange{mu, inv}, x, [](Math &m, ValueRange a) {
        return m.mul(m.sub(a[0], a[1]), a[2]);
      })};
}

SmallVector<Value> BatchNormalizeGradOp::lowerToLinalg(OpBuilder &b) {
  Location loc = getLoc();
  MLIRContext *ctx = getContext();
  Value x = getInput(), dy = getGrad();
  unsigned rank = rankOf(x);
  Value mu = mean(b, loc, x);
  Value inv = inverseSigma(b, loc, variance(b, loc, x, mu),
                           getEpsilon().convertToDouble());
  Value meanDy = mean(b, loc, dy);
  AffineMap id = identity(ctx, rank), ch = channel(ctx, rank);
  Value meanDyXhat =
      channelMean(b, loc, ValueRange{dy, x, mu, inv}, {id, id, ch, ch}, x,
                  [](Math &m, ValueRange a) {
                    return m.mul(a[0], m.mul(m.sub(a[1], a[2]), a[3]));
                  });
  return {perElement(
      b, loc, ValueRange{x, dy}, ValueRange{mu, inv, meanDy, meanDyXhat}, x,
      [](Math &m, ValueRange a) {
        Value xhat = m.mul(m.sub(a[0], a[2]), a[3]);
        return m.mul(m.sub(m.sub(a[1], a[4]), m.mul(xhat, a[5])), a[3]);
      })};
}

SmallVector<Value> BatchMeanOp::lowerToLinalg(OpBuilder &b) {
  return {mean(b, getLoc(), getInput())};
}

SmallVector<Value> BatchVarianceOp::lowerToLinalg(OpBuilder &b) {
  Value mu = mean(b, getLoc(), getInput());
  return {variance(b, getLoc(), getInput(), mu)};
}

SmallVector<Value> BatchNormInferenceOp::lowerToLinalg(OpBuilder &b) {
  Location loc = getLoc();
  Value inv =
      inverseSigma(b, loc, getVariance(), getEpsilon().convertToDouble());
  return {perElement(
      b, loc, getInput(), ValueRange{getMean(), inv}, getInput(),
      [](Math &m, ValueRange a) { return m.mul(m.sub(a[0], a[1]), a[2]); })};
}
