//===- Silu.cpp - SiLU (swish), its gradient and lowering -----------------===//
//
// silu(x) = x s(x) with s the logistic sigmoid;
// silu'(x) = s(x) + x s(x) (1 - s(x)).
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/IR/LinalgBuilders.h"
#include "compiler/Dialect/NN/IR/NNOps.h"

using namespace mlir;
using namespace plexus::nn;
using plexus::lowering::lowerElementwise;
using plexus::lowering::Math;

SmallVector<Value> SiluOp::buildGradient(OpBuilder &b, ValueRange grads) {
  // Composed from existing ops, so no kernel of its own: sigmoid_grad(s, x)
  // is x s (1 - s). Elementwise fusion makes this one loop.
  Location loc = getLoc();
  Value s = SigmoidOp::create(b, loc, getInput());
  Value slope = AddOp::create(
      b, loc, s, SigmoidGradOp::create(b, loc, s, getInput()).getResult());
  return {MulOp::create(b, loc, grads[0], slope).getResult()};
}

SmallVector<Value> SiluOp::lowerToLinalg(OpBuilder &b) {
  return lowerElementwise(b, *this, [](Math &m, ValueRange x) {
    return m.mul(x[0], m.sigmoid(x[0]));
  });
}
