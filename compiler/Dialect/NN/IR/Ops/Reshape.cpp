//===- Reshape.cpp - reshape (flatten), its gradient and lowering ---------===//
//
// Lowered as a collapse to [batch, features] and an expand to the result,
// both reassociations that keep the (dynamic) batch dimension; the gradient
// reshapes back.
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace plexus::nn;

namespace {

/// [[0], [1, ..., rank-1]]: the batch, then every other dimension.
SmallVector<ReassociationIndices> batchAndRest(int64_t rank) {
  ReassociationIndices rest;
  for (int64_t d = 1; d < rank; ++d)
    rest.push_back(d);
  return {{0}, rest};
}

} // namespace

SmallVector<Value> ReshapeOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {ReshapeOp::create(b, getLoc(), getInput().getType(), grads[0])};
}

SmallVector<Value> ReshapeOp::lowerToLinalg(OpBuilder &b) {
  Location loc = getLoc();
  Value v = getInput();
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  if (in.getRank() > 2)
    v = tensor::CollapseShapeOp::create(b, loc, v, batchAndRest(in.getRank()));
  if (out.getRank() > 2)
    v = tensor::ExpandShapeOp::create(
        b, loc,
        RankedTensorType::get(
            [&] {
              SmallVector<int64_t> shape(out.getShape());
              shape[0] = cast<RankedTensorType>(v.getType()).getDimSize(0);
              return shape;
            }(),
            out.getElementType()),
        v, batchAndRest(out.getRank()));
  if (v.getType() != out)
    v = tensor::CastOp::create(b, loc, out, v);
  return {v};
}
