//===- Round.cpp - round and its lowering ---------------------------------===//
//
// Rounding to the nearest integer, ties to even. It has no gradient rule on
// purpose (NoGradientRule in NNOps.td): autodiff names it instead of silently
// training nothing.
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/IR/LinalgBuilders.h"
#include "compiler/Dialect/NN/IR/NNOps.h"

using namespace mlir;
using namespace plexus::nn;
using plexus::lowering::lowerElementwise;
using plexus::lowering::Math;

SmallVector<Value> RoundOp::lowerToLinalg(OpBuilder &b) {
  return lowerElementwise(
      b, *this, [](Math &m, ValueRange x) { return m.roundEven(x[0]); });
}
