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
// n includes the dynamic batch size, so it is computed at run time. The
// computation is layer normalization's over other dimensions:
// Standardization.h holds both.
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/IR/NNOps.h"
#include "compiler/Dialect/NN/IR/Standardization.h"

using namespace mlir;
using namespace plexus::nn;
using namespace plexus::lowering;

namespace {

Standardization perChannel(OpBuilder &b, Location loc, Value x) {
  return Standardization(b, loc, x, Standardization::Over::AllButLast);
}

} // namespace

SmallVector<Value> BatchNormalizeOp::buildGradient(OpBuilder &b,
                                                   ValueRange grads) {
  return {BatchNormalizeGradOp::create(b, getLoc(), getInput(), grads[0],
                                       getEpsilonAttr())};
}

SmallVector<Value> BatchNormalizeOp::lowerToLinalg(OpBuilder &b) {
  return {perChannel(b, getLoc(), getInput())
              .forward(getEpsilon().convertToDouble())};
}

SmallVector<Value> BatchNormalizeGradOp::lowerToLinalg(OpBuilder &b) {
  return {perChannel(b, getLoc(), getInput())
              .backward(getGrad(), getEpsilon().convertToDouble())};
}

SmallVector<Value> BatchMeanOp::lowerToLinalg(OpBuilder &b) {
  return {perChannel(b, getLoc(), getInput()).mean(getInput())};
}

SmallVector<Value> BatchVarianceOp::lowerToLinalg(OpBuilder &b) {
  Standardization s = perChannel(b, getLoc(), getInput());
  return {s.variance(s.mean(getInput()))};
}

SmallVector<Value> BatchNormInferenceOp::lowerToLinalg(OpBuilder &b) {
  Standardization s = perChannel(b, getLoc(), getInput());
  return {
      s.standardize(getMean(), s.inverseSigma(getVariance(),
                                              getEpsilon().convertToDouble()))};
}
