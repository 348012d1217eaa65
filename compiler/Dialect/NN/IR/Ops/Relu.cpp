//===- Relu.cpp - relu, its gradient and lowering -------------------------===//
//
// relu(x) = max(x, 0); relu'(x) = (x > 0) = (relu(x) > 0). The rule reads
// the result, not the input: the backward pass then keeps only what the
// next layer (a pooling, a matmul) keeps anyway, and the forward pass can
// fuse the bias addition and the relu into one pass over memory.
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/IR/LinalgBuilders.h"
#include "compiler/Dialect/NN/IR/NNOps.h"

using namespace mlir;
using namespace plexus::nn;
using plexus::lowering::lowerElementwise;
using plexus::lowering::Math;

SmallVector<Value> ReluOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {ReluGradOp::create(b, getLoc(), getResult(), grads[0])};
}

SmallVector<Value> ReluOp::lowerToLinalg(OpBuilder &b) {
  return lowerElementwise(
      b, *this, [](Math &m, ValueRange x) { return m.max(x[0], m.c(0.0)); });
}

SmallVector<Value> ReluGradOp::lowerToLinalg(OpBuilder &b) {
  // (y, dy) -> y > 0 ? dy : 0
  return lowerElementwise(b, *this, [](Math &m, ValueRange a) {
    return m.select(m.gt(a[0], m.c(0.0)), a[1], m.c(0.0));
  });
}
