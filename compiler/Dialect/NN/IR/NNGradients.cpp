//===- NNGradients.cpp - Vector-Jacobian products of nn ops ---------------===//
//
// GradientOpInterface::buildGradient of the structural ops (linear algebra,
// arithmetic, softmax, losses); activations keep their rule next to their
// lowering in Ops/. Each rule
// returns the gradient of every operand (null where an operand is not
// differentiable) built from other nn ops; the autodiff pass sums the
// contributions of multiple uses.
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/IR/NNOps.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace plexus::nn;

namespace {

/// The type of op(lhs) x op(rhs).
RankedTensorType matmulType(Value lhs, Value rhs, bool transposeLhs,
                            bool transposeRhs) {
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  auto rhsType = cast<RankedTensorType>(rhs.getType());
  int64_t m = lhsType.getDimSize(transposeLhs ? 1 : 0);
  int64_t n = rhsType.getDimSize(transposeRhs ? 0 : 1);
  return RankedTensorType::get({m, n}, lhsType.getElementType());
}

Value matmul(OpBuilder &b, Location loc, Value lhs, Value rhs,
             bool transposeLhs, bool transposeRhs) {
  return MatmulOp::create(b, loc,
                          matmulType(lhs, rhs, transposeLhs, transposeRhs), lhs,
                          rhs, transposeLhs, transposeRhs);
}

} // namespace

SmallVector<Value> MatmulOp::buildGradient(OpBuilder &b, ValueRange grads) {
  // C = op(A) op(B):  d op(A) = dC op(B)^T,  d op(B) = op(A)^T dC.
  Location loc = getLoc();
  Value dC = grads[0];
  bool tl = getTransposeLhs(), tr = getTransposeRhs();
  Value dA = tl ? matmul(b, loc, getRhs(), dC, tr, true)
                : matmul(b, loc, dC, getRhs(), false, !tr);
  Value dB = tr ? matmul(b, loc, dC, getLhs(), true, tl)
                : matmul(b, loc, getLhs(), dC, !tl, false);
  return {dA, dB};
}

SmallVector<Value> BiasAddOp::buildGradient(OpBuilder &b, ValueRange grads) {
  Value dBias = SumRowsOp::create(b, getLoc(), getBias().getType(), grads[0]);
  return {grads[0], dBias};
}

SmallVector<Value> SumRowsOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {BroadcastRowsOp::create(b, getLoc(), grads[0], getInput())};
}

SmallVector<Value> BroadcastRowsOp::buildGradient(OpBuilder &b,
                                                  ValueRange grads) {
  // `like` only supplies the shape.
  return {SumRowsOp::create(b, getLoc(), getInput().getType(), grads[0]),
          Value()};
}

SmallVector<Value> AddOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {grads[0], grads[0]};
}

SmallVector<Value> SubOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {grads[0], NegOp::create(b, getLoc(), grads[0])};
}

SmallVector<Value> MulOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {MulOp::create(b, getLoc(), grads[0], getRhs()),
          MulOp::create(b, getLoc(), grads[0], getLhs())};
}

SmallVector<Value> NegOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {NegOp::create(b, getLoc(), grads[0])};
}

SmallVector<Value> ScaleOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {ScaleOp::create(b, getLoc(), grads[0], getFactorAttr())};
}

SmallVector<Value> SoftmaxOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {SoftmaxGradOp::create(b, getLoc(), getResult(), grads[0])};
}

SmallVector<Value> LogSoftmaxOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {LogSoftmaxGradOp::create(b, getLoc(), getResult(), grads[0])};
}

SmallVector<Value> SoftmaxCrossEntropyOp::buildGradient(OpBuilder &b,
                                                        ValueRange grads) {
  // Labels are data, not parameters.
  return {SoftmaxCrossEntropyGradOp::create(b, getLoc(), getLogits(),
                                            getLabels(), grads[0]),
          Value()};
}

/// Elementwise losses: the gradient kernel of the prediction; targets are
/// data.
template <typename GradOp, typename LossOp>
SmallVector<Value> elementwiseLossGradient(LossOp op, OpBuilder &b,
                                           ValueRange grads) {
  return {GradOp::create(b, op.getLoc(), op.getPrediction(), op.getTarget(),
                         grads[0]),
          Value()};
}

SmallVector<Value> MSELossOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return elementwiseLossGradient<MSELossGradOp>(*this, b, grads);
}

SmallVector<Value> MAELossOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return elementwiseLossGradient<MAELossGradOp>(*this, b, grads);
}

SmallVector<Value> HuberLossOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return elementwiseLossGradient<HuberLossGradOp>(*this, b, grads);
}

SmallVector<Value> BinaryCrossEntropyOp::buildGradient(OpBuilder &b,
                                                       ValueRange grads) {
  return elementwiseLossGradient<BinaryCrossEntropyGradOp>(*this, b, grads);
}
