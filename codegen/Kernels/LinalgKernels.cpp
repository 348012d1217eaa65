//===- LinalgKernels.cpp - Kernels built from linalg ops ------------------===//

#include "codegen/Kernels/LinalgKernels.h"

#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;

Value plexus::kernels::viewedBuffer(Value v) {
  while (auto view = v.getDefiningOp<ViewLikeOpInterface>())
    v = view.getViewSource();
  return v;
}

SmallVector<Value> plexus::kernels::loopSizes(OpBuilder &b,
                                              linalg::LinalgOp op) {
  SmallVector<Value> sizes;
  for (Range range : op.createLoopRanges(b, op.getLoc()))
    sizes.push_back(
        getValueOrCreateConstantIndexOp(b, op.getLoc(), range.size));
  return sizes;
}

plexus::kernels::LoopBounds
plexus::kernels::unitLoopBounds(OpBuilder &b, Location loc,
                                ArrayRef<Value> sizes,
                                ArrayRef<unsigned> dims) {
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  LoopBounds bounds;
  bounds.lbs.assign(dims.size(), zero);
  bounds.steps.assign(dims.size(), one);
  for (unsigned d : dims)
    bounds.ubs.push_back(sizes[d]);
  return bounds;
}

std::pair<Value, Value> plexus::kernels::partBounds(OpBuilder &b, Location loc,
                                                    Value index, Value partSize,
                                                    Value total) {
  Value lo = arith::MinUIOp::create(
      b, loc, arith::MulIOp::create(b, loc, index, partSize), total);
  Value hi = arith::MinUIOp::create(
      b, loc, arith::AddIOp::create(b, loc, lo, partSize), total);
  return {lo, hi};
}

Value plexus::kernels::product(OpBuilder &b, Location loc, ValueRange values) {
  Value result = arith::ConstantIndexOp::create(b, loc, 1);
  for (Value v : values)
    result = arith::MulIOp::create(b, loc, result, v);
  return result;
}

SmallVector<Value> plexus::kernels::delinearize(OpBuilder &b, Location loc,
                                                Value flat, ValueRange sizes) {
  SmallVector<Value> indices(sizes.size());
  for (int64_t i = int64_t(sizes.size()) - 1; i >= 0; --i) {
    if (i == 0) {
      indices[i] = flat;
      break;
    }
    indices[i] = arith::RemUIOp::create(b, loc, flat, sizes[i]);
    flat = arith::DivUIOp::create(b, loc, flat, sizes[i]);
  }
  return indices;
}

/// The indices of `operand` at the loop indices `ivs`.
SmallVector<Value> plexus::kernels::operandIndices(OpBuilder &b, Location loc,
                                                   linalg::LinalgOp op,
                                                   OpOperand &operand,
                                                   ArrayRef<Value> ivs) {
  AffineMap map = op.getMatchingIndexingMap(&operand);
  SmallVector<Value> dims;
  Value zero;
  for (auto [d, iv] : llvm::enumerate(ivs)) {
    if (iv) {
      dims.push_back(iv);
      continue;
    }
    assert(!map.isFunctionOfDim(d) && "a loop index the operand needs");
    if (!zero)
      zero = arith::ConstantIndexOp::create(b, loc, 0);
    dims.push_back(zero);
  }
  return *affine::expandAffineMap(b, loc, map, dims);
}

Value plexus::kernels::loadOperand(OpBuilder &b, Location loc,
                                   linalg::LinalgOp op, OpOperand &operand,
                                   ArrayRef<Value> ivs) {
  Value value = operand.get();
  if (!isa<MemRefType>(value.getType()))
    return value;
  return memref::LoadOp::create(b, loc, value,
                                operandIndices(b, loc, op, operand, ivs));
}

void plexus::kernels::storeOperand(OpBuilder &b, Location loc,
                                   linalg::LinalgOp op, OpOperand &operand,
                                   Value value, ArrayRef<Value> ivs) {
  memref::StoreOp::create(b, loc, value, operand.get(),
                          operandIndices(b, loc, op, operand, ivs));
}

SmallVector<Value> plexus::kernels::clonePayload(OpBuilder &b,
                                                 linalg::LinalgOp op,
                                                 ValueRange args,
                                                 ArrayRef<Value> ivs) {
  Block *body = op.getBlock();
  IRMapping mapping;
  mapping.map(body->getArguments(), args);
  for (Operation &nested : body->without_terminator()) {
    if (auto index = dyn_cast<linalg::IndexOp>(nested)) {
      mapping.map(index.getResult(), ivs[index.getDim()]);
      continue;
    }
    b.clone(nested, mapping);
  }
  SmallVector<Value> results;
  for (Value v : body->getTerminator()->getOperands())
    results.push_back(mapping.lookupOrDefault(v));
  return results;
}
