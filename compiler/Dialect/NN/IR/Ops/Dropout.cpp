//===- Dropout.cpp - dropout, its gradient and lowering -------------------===//
//
// The mask is a counter-based hash (SplitMix64's finalizer) of the seed, the
// step and the element's row-major index: no state, no random-number buffer,
// the same mask in the forward and the backward pass, and a resumed run
// draws the same masks as an uninterrupted one.
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/IR/LinalgBuilders.h"
#include "compiler/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace plexus::nn;
using namespace plexus::lowering;

namespace {

/// A uniform number in [0, 1) from a 64-bit key (SplitMix64 finalizer,
/// top 24 bits).
Value uniformFromKey(Math &m, Value key) {
  OpBuilder &b = m.b;
  Location loc = m.loc;
  auto c = [&](uint64_t v) -> Value {
    return arith::ConstantIntOp::create(b, loc, b.getI64Type(),
                                        static_cast<int64_t>(v));
  };
  auto mix = [&](Value z, uint64_t shift, uint64_t mul) -> Value {
    Value shifted = arith::ShRUIOp::create(b, loc, z, c(shift));
    return arith::MulIOp::create(
        b, loc, arith::XOrIOp::create(b, loc, z, shifted), c(mul));
  };
  Value z = mix(key, 30, 0xBF58476D1CE4E5B9ull);
  z = mix(z, 27, 0x94D049BB133111EBull);
  z = arith::XOrIOp::create(b, loc, z,
                            arith::ShRUIOp::create(b, loc, z, c(31)));
  Value top = arith::ShRUIOp::create(b, loc, z, c(40));
  Value asFloat = arith::UIToFPOp::create(b, loc, m.ft, top);
  return m.mul(asFloat, m.c(1.0 / 16777216.0));
}

} // namespace

SmallVector<Value> DropoutOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {DropoutOp::create(b, getLoc(), grads[0], getStep(), getRateAttr(),
                            getSeedAttr()),
          Value()};
}

SmallVector<Value> DropoutOp::lowerToLinalg(OpBuilder &b) {
  Location loc = getLoc();
  auto type = cast<RankedTensorType>(getType());
  double rate = getRate().convertToDouble();
  uint64_t seed = static_cast<uint64_t>(getSeed());
  // The step is a float counter; its integer value keys the mask.
  Value step = tensor::ExtractOp::create(b, loc, getStep(), ValueRange{});
  Value stepKey = arith::FPToUIOp::create(b, loc, b.getI64Type(), step);
  ArrayRef<int64_t> shape = type.getShape();
  return {elementwise(
      b, loc, getInput(), getInput(),
      [&](Math &m, ValueRange a) -> SmallVector<Value> {
        OpBuilder &nb = m.b;
        auto c = [&](uint64_t v) -> Value {
          return arith::ConstantIntOp::create(nb, loc, nb.getI64Type(),
                                              static_cast<int64_t>(v));
        };
        // Row-major index; the sizes after the batch dimension are static.
        Value index = c(0);
        for (unsigned d = 0; d < shape.size(); ++d) {
          Value i = arith::IndexCastOp::create(
              nb, loc, nb.getI64Type(), linalg::IndexOp::create(nb, loc, d));
          if (d > 0)
            index = arith::MulIOp::create(nb, loc, index, c(shape[d]));
          index = arith::AddIOp::create(nb, loc, index, i);
        }
        Value key = arith::XOrIOp::create(
            nb, loc,
            arith::MulIOp::create(nb, loc, stepKey, c(0x9E3779B97F4A7C15ull)),
            arith::AddIOp::create(nb, loc, index,
                                  c(seed * 0xD1B54A32D192ED03ull)));
        Value keep = arith::CmpFOp::create(nb, loc, arith::CmpFPredicate::OGE,
                                           uniformFromKey(m, key), m.c(rate));
        return {m.select(keep, m.mul(a[0], m.c(1.0 / (1.0 - rate))), m.c(0.0))};
      })};
}
