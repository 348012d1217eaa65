//===- Embedding.cpp - embedding, its gradient and lowering ---------------===//
//
// The forward pass gathers table rows (tensor.extract inside the generic);
// the table's gradient is written as a gather too, over (v, d, n, t):
//   dtable[v, d] = sum_{n, t} (id(n, t) == v) ? dy[n, t, d] : 0
// which costs vocab x batch x positions x dim: fine for the small
// vocabularies of the examples, the first thing to replace (by a sort or
// an atomic scatter) for large ones.
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

using IT = utils::IteratorType;

/// The table row of a token id: its integer part, clamped to [0, vocab).
Value rowOf(Math &m, Value id, int64_t vocab) {
  Value clamped = m.min(m.max(id, m.c(0.0)), m.c(double(vocab - 1)));
  Value asInt = arith::FPToSIOp::create(m.b, m.loc, m.b.getI64Type(), clamped);
  return arith::IndexCastOp::create(m.b, m.loc, m.b.getIndexType(), asInt);
}

} // namespace

SmallVector<Value> EmbeddingOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {Value(), EmbeddingGradOp::create(b, getLoc(), getTable().getType(),
                                           getIds(), grads[0])};
}

SmallVector<Value> EmbeddingOp::lowerToLinalg(OpBuilder &b) {
  Location loc = getLoc();
  MLIRContext *ctx = getContext();
  Value table = getTable();
  int64_t vocab = getTable().getType().getDimSize(0);
  auto type = cast<RankedTensorType>(getType());
  SmallVector<OpFoldResult> sizes = {tensor::getMixedSize(b, loc, getIds(), 0),
                                     tensor::getMixedSize(b, loc, getIds(), 1),
                                     b.getIndexAttr(type.getDimSize(2))};
  Value init = emptyTensor(b, loc, sizes, type.getElementType());
  Value y = generic(
      b, loc, getIds(), init, {map(ctx, 3, {0, 1}), map(ctx, 3, {0, 1, 2})},
      SmallVector<IT>(3, IT::parallel),
      [&](Math &m, ValueRange a) -> SmallVector<Value> {
        Value d = linalg::IndexOp::create(m.b, m.loc, 2);
        return {tensor::ExtractOp::create(
            m.b, m.loc, table, ValueRange{rowOf(m, a[0], vocab), d})};
      })[0];
  return {tensor::CastOp::create(b, loc, type, y).getResult()};
}

SmallVector<Value> EmbeddingGradOp::lowerToLinalg(OpBuilder &b) {
  Location loc = getLoc();
  MLIRContext *ctx = getContext();
  auto type = getType();
  int64_t vocab = type.getDimSize(0);
  Value init = filled(
      b, loc, {b.getIndexAttr(vocab), b.getIndexAttr(type.getDimSize(1))}, 0.0,
      type.getElementType());
  // Loops (v, d, n, t).
  return generic(
      b, loc, ValueRange{getIds(), getGrad()}, init,
      {map(ctx, 4, {2, 3}), map(ctx, 4, {2, 3, 1}), map(ctx, 4, {0, 1})},
      {IT::parallel, IT::parallel, IT::reduction, IT::reduction},
      [&](Math &m, ValueRange a) -> SmallVector<Value> {
        Value v = linalg::IndexOp::create(m.b, m.loc, 0);
        Value same = arith::CmpIOp::create(m.b, m.loc, arith::CmpIPredicate::eq,
                                           rowOf(m, a[0], vocab), v);
        return {m.add(a[2], m.select(same, a[1], m.c(0.0)))};
      });
}
