//===- Gelu.cpp - GELU, its gradient and lowering -------------------------===//
//
// The exact (erf) form: gelu(x) = x Phi(x), Phi(x) = (1 + erf(x / sqrt 2)) / 2;
// gelu'(x) = Phi(x) + x phi(x), phi(x) = exp(-x^2 / 2) / sqrt(2 pi).
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/IR/LinalgBuilders.h"
#include "compiler/Dialect/NN/IR/NNOps.h"

#include <cmath>

using namespace mlir;
using namespace plexus::nn;
using plexus::lowering::lowerElementwise;
using plexus::lowering::Math;

SmallVector<Value> GeluOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {GeluGradOp::create(b, getLoc(), getInput(), grads[0])};
}

SmallVector<Value> GeluOp::lowerToLinalg(OpBuilder &b) {
  return lowerElementwise(b, *this, [](Math &m, ValueRange a) {
    Value erf = m.erf(m.mul(a[0], m.c(M_SQRT1_2)));
    return m.mul(m.mul(a[0], m.c(0.5)), m.add(m.c(1.0), erf));
  });
}

SmallVector<Value> GeluGradOp::lowerToLinalg(OpBuilder &b) {
  // (x, dy) -> dy (Phi(x) + x phi(x))
  return lowerElementwise(b, *this, [](Math &m, ValueRange a) {
    Value x = a[0];
    Value cdf =
        m.mul(m.c(0.5), m.add(m.c(1.0), m.erf(m.mul(x, m.c(M_SQRT1_2)))));
    Value pdf = m.mul(m.c(0.5 * M_2_SQRTPI * M_SQRT1_2),
                      m.exp(m.mul(m.c(-0.5), m.mul(x, x))));
    return m.mul(a[1], m.add(cdf, m.mul(x, pdf)));
  });
}
