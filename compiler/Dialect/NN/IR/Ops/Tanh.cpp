//===- Tanh.cpp - tanh, its gradient and lowering -------------------------===//
//
// The rule uses the result y: tanh'(x) = 1 - y^2.
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/IR/LinalgBuilders.h"
#include "compiler/Dialect/NN/IR/NNOps.h"

using namespace mlir;
using namespace plexus::nn;
using plexus::lowering::lowerElementwise;
using plexus::lowering::Math;

SmallVector<Value> TanhOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {TanhGradOp::create(b, getLoc(), getResult(), grads[0])};
}

SmallVector<Value> TanhOp::lowerToLinalg(OpBuilder &b) {
  return lowerElementwise(b, *this,
                          [](Math &m, ValueRange x) { return m.tanh(x[0]); });
}

SmallVector<Value> TanhGradOp::lowerToLinalg(OpBuilder &b) {
  // (y, dy) -> dy (1 - y^2)
  return lowerElementwise(b, *this, [](Math &m, ValueRange a) {
    return m.mul(a[1], m.sub(m.c(1.0), m.mul(a[0], a[0])));
  });
}
