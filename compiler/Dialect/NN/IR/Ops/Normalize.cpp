//===- Normalize.cpp - layer normalization's ops --------------------------===//
//
// layer_norm(x) = bias_add(scale_last(normalize(x), gamma), beta): the
// learned scale and shift are separate ops, so normalize has no parameters.
//
//   normalize:  xhat = (x - mean) / sigma, sigma = sqrt(var + epsilon)
//   gradient:   dx = (dy - mean(dy) - xhat mean(dy xhat)) / sigma
//   scale_last: y = x * gamma; dx = dy * gamma, dgamma = sum(dy * x)
//
// Means and variances are along the last dimension (Standardization.h).
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/IR/LinalgBuilders.h"
#include "compiler/Dialect/NN/IR/NNOps.h"
#include "compiler/Dialect/NN/IR/Standardization.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace plexus::nn;
using namespace plexus::lowering;

SmallVector<Value> NormalizeOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {NormalizeGradOp::create(b, getLoc(), getInput(), grads[0],
                                  getEpsilonAttr())};
}

SmallVector<Value> NormalizeOp::lowerToLinalg(OpBuilder &b) {
  return {Standardization(b, getLoc(), getInput(),
                          Standardization::Over::LastDimension)
              .forward(getEpsilon().convertToDouble())};
}

SmallVector<Value> NormalizeGradOp::lowerToLinalg(OpBuilder &b) {
  return {Standardization(b, getLoc(), getInput(),
                          Standardization::Over::LastDimension)
              .backward(getGrad(), getEpsilon().convertToDouble())};
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
  using IT = utils::IteratorType;
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
