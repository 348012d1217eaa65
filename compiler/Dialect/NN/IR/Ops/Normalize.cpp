//===- Normalize.cpp - layer normalization's ops --------------------------===//
//
// layer_norm(x) = bias_add(scale_last(normalize(x), gamma), beta): the
// learned scale and shift are separate ops, so normalize has no parameters.
//
//   normalize:  xhat = (x - mean) / sigma, sigma = sqrt(var + epsilon)
//   gradient:   dx = (dy - mean(dy) - xhat mean(dy xhat)) / sigma
//   scale_last: y = x * gamma; dx = dy * gamma, dgamma = sum(dy * x)
//
// Means and variances are along the last dimension.
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/IR/LinalgBuilders.h"
#include "compiler/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace plexus::nn;
using namespace plexus::lowering;

namespace {

using IT = utils::IteratorType;

/// Means along the last dimension of f(inputs): a tensor of the leading
/// dimensions.
Value meanOfLast(OpBuilder &b, Location loc, ValueRange inputs,
                 ArrayRef<AffineMap> inputMaps, Value like, ScalarFn f) {
  MLIRContext *ctx = b.getContext();
  auto type = cast<RankedTensorType>(like.getType());
  unsigned rank = type.getRank();
  SmallVector<OpFoldResult> sizes = sizesOf(b, loc, like);
  sizes.pop_back();
  Value init = filled(b, loc, sizes, 0.0, type.getElementType());
  SmallVector<unsigned> leading;
  for (unsigned d = 0; d + 1 < rank; ++d)
    leading.push_back(d);
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(map(ctx, rank, leading));
  SmallVector<IT> iterators(rank, IT::parallel);
  iterators.back() = IT::reduction;
  double scale = 1.0 / double(type.getShape().back());
  return generic(b, loc, inputs, init, maps, iterators,
                 [&](Math &m, ValueRange a) -> SmallVector<Value> {
                   Value v = f(m, a.drop_back());
                   return {m.add(a.back(), m.mul(v, m.c(scale)))};
                 })[0];
}

struct Statistics {
  Value mean, invSigma; // along the last dimension
};

Statistics statistics(OpBuilder &b, Location loc, Value x, double epsilon) {
  MLIRContext *ctx = b.getContext();
  unsigned rank = cast<RankedTensorType>(x.getType()).getRank();
  AffineMap id = AffineMap::getMultiDimIdentityMap(rank, ctx);
  SmallVector<unsigned> leading;
  for (unsigned d = 0; d + 1 < rank; ++d)
    leading.push_back(d);
  AffineMap lead = map(ctx, rank, leading);
  Value mean =
      meanOfLast(b, loc, x, {id}, x, [](Math &, ValueRange a) { return a[0]; });
  Value var = meanOfLast(b, loc, ValueRange{x, mean}, {id, lead}, x,
                         [](Math &m, ValueRange a) {
                           Value d = m.sub(a[0], a[1]);
                           return m.mul(d, d);
                         });
  Value inv = elementwise(
      b, loc, var, var, [&](Math &m, ValueRange a) -> SmallVector<Value> {
        return {m.div(m.c(1.0), m.sqrt(m.add(a[0], m.c(epsilon))))};
      });
  return {mean, inv};
}

/// Per element, with per-vector statistics.
Value overElements(OpBuilder &b, Location loc, ValueRange full,
                   ValueRange perVector, Value like, ScalarFn f) {
  unsigned rank = cast<RankedTensorType>(like.getType()).getRank();
  SmallVector<unsigned> leading;
  for (unsigned d = 0; d + 1 < rank; ++d)
    leading.push_back(d);
  return elementwiseWithReduced(b, loc, full, perVector,
                                map(b.getContext(), rank, leading), like, f);
}

} // namespace

SmallVector<Value> NormalizeOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {NormalizeGradOp::create(b, getLoc(), getInput(), grads[0],
                                  getEpsilonAttr())};
}

SmallVector<Value> NormalizeOp::lowerToLinalg(OpBuilder &b) {
  Location loc = getLoc();
  Value x = getInput();
  Statistics s = statistics(b, loc, x, getEpsilon().convertToDouble());
  return {overElements(
      b, loc, x, ValueRange{s.mean, s.invSigma}, x,
      [](Math &m, ValueRange a) { return m.mul(m.sub(a[0], a[1]), a[2]); })};
}

SmallVector<Value> NormalizeGradOp::lowerToLinalg(OpBuilder &b) {
  Location loc = getLoc();
  MLIRContext *ctx = getContext();
  Value x = getInput(), dy = getGrad();
  unsigned rank = cast<RankedTensorType>(x.getType()).getRank();
  AffineMap id = AffineMap::getMultiDimIdentityMap(rank, ctx);
  SmallVector<unsigned> leading;
  for (unsigned d = 0; d + 1 < rank; ++d)
    leading.push_back(d);
  AffineMap lead = map(ctx, rank, leading);
  Statistics s = statistics(b, loc, x, getEpsilon().convertToDouble());
  Value meanDy = meanOfLast(b, loc, dy, {id}, x,
                            [](Math &, ValueRange a) { return a[0]; });
  Value meanDyXhat =
      meanOfLast(b, loc, ValueRange{dy, x, s.mean, s.invSigma},
                 {id, id, lead, lead}, x, [](Math &m, ValueRange a) {
                   return m.mul(a[0], m.mul(m.sub(a[1], a[2]), a[3]));
                 });
  return {overElements(b, loc, ValueRange{x, dy},
                       ValueRange{s.mean, s.invSigma, meanDy, meanDyXhat}, x,
                       [](Math &m, ValueRange a) {
                         Value xhat = m.mul(m.sub(a[0], a[2]), a[3]);
                         return m.mul(
                             m.sub(m.sub(a[1], a[4]), m.mul(xhat, a[5])), a[3]);
                       })};
}

SmallVector<Value> ScaleLastOp::buildGradient(OpBuilder &b, ValueRange grads) {
  Location loc = getLoc();
  Value dx = ScaleLastOp::create(b, loc, grads[0], getScale());
  Value dScale = SumRowsOp::create(
      b, loc, getScale().getType(),
      MulOp::create(b, loc, grads[0], getInput()).getResult());
  return {dx, dScale};
}

SmallVector<Value> ScaleLastOp::lowerToLinalg(OpBuilder &b) {
  MLIRContext *ctx = getContext();
  Value x = getInput();
  unsigned rank = cast<RankedTensorType>(x.getType()).getRank();
  AffineMap id = AffineMap::getMultiDimIdentityMap(rank, ctx);
  Value init =
      emptyTensor(b, getLoc(), sizesOf(b, getLoc(), x), elementTypeOf(x));
  return generic(b, getLoc(), ValueRange{x, getScale()}, init,
                 {id, map(ctx, rank, {rank - 1}), id},
                 SmallVector<IT>(rank, IT::parallel),
                 [](Math &m, ValueRange a) -> SmallVector<Value> {
                   return {m.mul(a[0], a[1])};
                 });
}
