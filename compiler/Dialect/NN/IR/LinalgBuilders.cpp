//===- LinalgBuilders.cpp - Building blocks for lowering ops --------------===//

#include "compiler/Dialect/NN/IR/LinalgBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace plexus::lowering {

namespace {
/// Contraction into FMAs and reassociation of reductions: deterministic for
/// a given binary, and what lets LLVM vectorize.
arith::FastMathFlagsAttr fastMath(OpBuilder &b) {
  return arith::FastMathFlagsAttr::get(b.getContext(),
                                       arith::FastMathFlags::contract |
                                           arith::FastMathFlags::reassoc);
}
} // namespace

Value Math::add(Value x, Value y) {
  return arith::AddFOp::create(b, loc, x, y, fastMath(b));
}
Value Math::sub(Value x, Value y) {
  return arith::SubFOp::create(b, loc, x, y, fastMath(b));
}
Value Math::mul(Value x, Value y) {
  return arith::MulFOp::create(b, loc, x, y, fastMath(b));
}
Value Math::div(Value x, Value y) {
  return arith::DivFOp::create(b, loc, x, y, fastMath(b));
}
Value Math::neg(Value x) {
  return arith::NegFOp::create(b, loc, x, fastMath(b));
}
Value Math::max(Value x, Value y) {
  return arith::MaximumFOp::create(b, loc, x, y, fastMath(b));
}
Value Math::min(Value x, Value y) {
  return arith::MinimumFOp::create(b, loc, x, y, fastMath(b));
}
Value Math::exp(Value x) { return math::ExpOp::create(b, loc, x); }
Value Math::log(Value x) { return math::LogOp::create(b, loc, x); }
Value Math::log1p(Value x) { return math::Log1pOp::create(b, loc, x); }
Value Math::sqrt(Value x) { return math::SqrtOp::create(b, loc, x); }
Value Math::tanh(Value x) { return math::TanhOp::create(b, loc, x); }
Value Math::erf(Value x) { return math::ErfOp::create(b, loc, x); }
Value Math::roundEven(Value x) { return math::RoundEvenOp::create(b, loc, x); }
Value Math::sigmoid(Value x) { return div(c(1.0), add(c(1.0), exp(neg(x)))); }
Value Math::c(double v) {
  return arith::ConstantOp::create(b, loc, b.getFloatAttr(ft, v));
}
Value Math::select(Value cond, Value x, Value y) {
  return arith::SelectOp::create(b, loc, cond, x, y);
}
Value Math::gt(Value x, Value y) {
  return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, y);
}
Value Math::indexAsFloat(unsigned dim) {
  Value i = linalg::IndexOp::create(b, loc, dim);
  Value i64 = arith::IndexCastOp::create(b, loc, b.getI64Type(), i);
  return arith::SIToFPOp::create(b, loc, ft, i64);
}

Type elementTypeOf(Value v) { return getElementTypeOrSelf(v.getType()); }

AffineMap map(MLIRContext *ctx, unsigned numDims, ArrayRef<unsigned> dims) {
  SmallVector<AffineExpr> exprs;
  for (unsigned d : dims)
    exprs.push_back(getAffineDimExpr(d, ctx));
  return AffineMap::get(numDims, 0, exprs, ctx);
}

SmallVector<OpFoldResult> sizesOf(OpBuilder &b, Location loc, Value value) {
  return tensor::getMixedSizes(b, loc, value);
}

Value emptyTensor(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                  Type ft) {
  return tensor::EmptyOp::create(b, loc, sizes, ft);
}

Value filled(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
             double value, Type ft) {
  Value init = emptyTensor(b, loc, sizes, ft);
  Value v = arith::ConstantOp::create(b, loc, b.getFloatAttr(ft, value));
  return linalg::FillOp::create(b, loc, v, init).getResult(0);
}

SmallVector<OpFoldResult> sizesWithBatchOf(OpBuilder &b, Location loc,
                                           RankedTensorType type,
                                           Value batchOf) {
  SmallVector<OpFoldResult> sizes = {tensor::getMixedSize(b, loc, batchOf, 0)};
  for (int64_t d : type.getShape().drop_front())
    sizes.push_back(b.getIndexAttr(d));
  return sizes;
}

Value spreadImage(OpBuilder &b, Location loc, Value v, int64_t height,
                  int64_t width, int64_t top, int64_t left,
                  ArrayRef<int64_t> strides, double fill) {
  auto type = cast<RankedTensorType>(v.getType());
  OpFoldResult batch = tensor::getMixedSize(b, loc, v, 0);
  Value dest = filled(b, loc,
                      {batch, b.getIndexAttr(height), b.getIndexAttr(width),
                       b.getIndexAttr(type.getDimSize(3))},
                      fill, type.getElementType());
  return tensor::InsertSliceOp::create(
      b, loc, v, dest,
      ArrayRef<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(top),
                             b.getIndexAttr(left), b.getIndexAttr(0)},
      ArrayRef<OpFoldResult>{batch, b.getIndexAttr(type.getDimSize(1)),
                             b.getIndexAttr(type.getDimSize(2)),
                             b.getIndexAttr(type.getDimSize(3))},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(strides[0]),
                             b.getIndexAttr(strides[1]), b.getIndexAttr(1)});
}

SmallVector<Value> generic(OpBuilder &b, Location loc, ValueRange inputs,
                           ValueRange outputs, ArrayRef<AffineMap> maps,
                           ArrayRef<utils::IteratorType> iterators,
                           BodyFn body) {
  auto op = linalg::GenericOp::create(
      b, loc, ValueRange(outputs).getTypes(), inputs, outputs, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Math m{nested, nestedLoc, elementTypeOf(outputs[0])};
        linalg::YieldOp::create(nested, nestedLoc, body(m, args));
      });
  return SmallVector<Value>(op.getResults());
}

Value elementwise(OpBuilder &b, Location loc, ValueRange inputs, Value like,
                  BodyFn body) {
  auto type = cast<RankedTensorType>(like.getType());
  unsigned rank = type.getRank();
  AffineMap id = b.getMultiDimIdentityMap(rank);
  SmallVector<AffineMap> maps(inputs.size() + 1, id);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Value init = emptyTensor(b, loc, sizesOf(b, loc, like), elementTypeOf(like));
  return generic(b, loc, inputs, init, maps, iterators, body)[0];
}

Value elementwiseWithReduced(OpBuilder &b, Location loc, ValueRange full,
                             ValueRange reduced, AffineMap reducedMap,
                             Value like, ScalarFn fn) {
  unsigned rank = cast<RankedTensorType>(like.getType()).getRank();
  AffineMap id = b.getMultiDimIdentityMap(rank);
  SmallVector<Value> inputs(full);
  inputs.append(reduced.begin(), reduced.end());
  SmallVector<AffineMap> maps(full.size(), id);
  maps.append(reduced.size(), reducedMap);
  maps.push_back(id);
  Value init = emptyTensor(b, loc, sizesOf(b, loc, like), elementTypeOf(like));
  return generic(
      b, loc, inputs, init, maps,
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
      [&](Math &m, ValueRange a) -> SmallVector<Value> {
        return {fn(m, a.drop_back())};
      })[0];
}

SmallVector<Value> lowerElementwise(OpBuilder &b, Operation *op, ScalarFn fn) {
  return {elementwise(b, op->getLoc(), op->getOperands(), op->getOperand(0),
                      [&](Math &m, ValueRange args) -> SmallVector<Value> {
                        return {fn(m, args.drop_back())};
                      })};
}

} // namespace plexus::lowering
