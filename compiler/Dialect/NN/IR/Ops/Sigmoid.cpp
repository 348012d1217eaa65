//===- Sigmoid.cpp - sigmoid, its gradient and lowering -------------------===//
//
// sigmoid(x) = 1 / (1 + exp(-x)); the rule uses the result y: y (1 - y).
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/IR/LinalgBuilders.h"
#include "compiler/Dialect/NN/IR/NNOps.h"

using namespace mlir;
using namespace plexus::nn;
using plexus::lowering::lowerElementwise;
using plexus::lowering::Math;

SmallVector<Value> SigmoidOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {SigmoidGradOp::create(b, getLoc(), getResult(), grads[0])};
}

SmallVector<Value> SigmoidOp::lowerToLinalg(OpBuilder &b) {
  return lowerElementwise(
      b, *this, [](Math &m, ValueRange x) { return m.sigmoid(x[0]); });
}

SmallVector<Value> SigmoidGradOp::lowerToLinalg(OpBuilder &b) {
  // (y, dy) -> dy y (1 - y)
  return lowerElementwise(b, *this, [](Math &m, ValueRange a) {
    return m.mul(a[1], m.mul(a[0], m.sub(m.c(1.0), a[0])));
  });
}
