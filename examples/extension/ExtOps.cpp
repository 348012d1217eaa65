//===- ExtOps.cpp - Mish: its gradient rule and its lowering --------------===//
//
// mish(x)  = x tanh(sp(x)),  sp(x) = log(1 + exp(x))  (softplus)
// mish'(x) = tanh(sp) + x (1 - tanh(sp)^2) sigmoid(x)  (sp' = sigmoid)
//
//===----------------------------------------------------------------------===//

#include "ExtOps.h"

#include "compiler/Dialect/NN/IR/LinalgBuilders.h"

#include "mlir/Transforms/InliningUtils.h"

using namespace mlir;
using plexus::lowering::lowerElementwise;
using plexus::lowering::Math;

#include "ExtDialect.cpp.inc"

#define GET_OP_CLASSES
#include "ExtOps.cpp.inc"

namespace {

/// Plexus inlines the model functions into the entry points: ext ops, like
/// nn ops, are pure and may be inlined anywhere.
struct ExtInlinerInterface : public DialectInlinerInterface {
  using DialectInlinerInterface::DialectInlinerInterface;
  bool isLegalToInline(Operation *, Region *, bool, IRMapping &) const final {
    return true;
  }
};

/// softplus(x) = max(x, 0) + log1p(exp(-|x|)): no overflow for large |x|.
Value softplus(Math &m, Value x) {
  Value absX = m.max(x, m.neg(x));
  return m.add(m.max(x, m.c(0.0)), m.log1p(m.exp(m.neg(absX))));
}

} // namespace

void plexus_ext::ExtDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "ExtOps.cpp.inc"
      >();
  addInterfaces<ExtInlinerInterface>();
}

namespace plexus_ext {

SmallVector<Value> MishOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {MishGradOp::create(b, getLoc(), getInput(), grads[0])};
}

SmallVector<Value> MishOp::lowerToLinalg(OpBuilder &b) {
  return lowerElementwise(b, *this, [](Math &m, ValueRange a) {
    return m.mul(a[0], m.tanh(softplus(m, a[0])));
  });
}

SmallVector<Value> MishGradOp::lowerToLinalg(OpBuilder &b) {
  return lowerElementwise(b, *this, [](Math &m, ValueRange a) {
    Value x = a[0], t = m.tanh(softplus(m, x));
    Value sech2 = m.sub(m.c(1.0), m.mul(t, t));
    return m.mul(a[1], m.add(t, m.mul(m.mul(x, sech2), m.sigmoid(x))));
  });
}

} // namespace plexus_ext
