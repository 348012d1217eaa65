//===- Relu.cpp - relu, its gradient and lowering -------------------------===//
//
// relu(x) = max(x, 0); relu'(x) = (x > 0).
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/IR/LinalgBuilders.h"
#include "compiler/Dialect/NN/IR/NNOps.h"

using namespace mlir;
using namespace plexus::nn;
using plexus::lowering::lowerElementwise;
using plexus::lowering::Math;

SmallVector<Value> ReluOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {ReluGradOp::create(b, getLoc(), getInput(), grads[0])};
}

SmallVector<Value> ReluOp::lowerToLinalg(OpBuilder &b) {
  return lowerElementwise(
      b, *this, [](Math &m, ValueRange x) { return m.max(x[0], m.c(0.0)); });
}

SmallVector<Value> ReluGradOp::lowerToLinalg(OpBuilder &b) {
  // (x, dy) -> x > 0 ? dy : 0
  return lowerElementwise(b, *this, [](Math &m, ValueRange a) {
    return m.select(m.gt(a[0], m.c(0.0)), a[1], m.c(0.0));
  });
}
