//===- BatchHint.cpp - Sizes at an entry point's usual batch --------------===//

#include "codegen/CPU/BatchHint.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;

namespace {

/// Deep enough for the index arithmetic of a convolution's rows.
constexpr unsigned kMaxDepth = 16;

std::optional<int64_t> evaluate(Value v, int64_t batch, unsigned depth);

/// A size given as an attribute or a value.
std::optional<int64_t> evaluate(OpFoldResult size, int64_t batch,
                                unsigned depth) {
  if (std::optional<int64_t> constant = getConstantIntValue(size))
    return constant;
  return evaluate(cast<Value>(size), batch, depth);
}

/// Dim `dim` of the buffer `buffer`.
std::optional<int64_t> dimAt(Value buffer, int64_t dim, int64_t batch,
                             unsigned depth) {
  auto type = dyn_cast<MemRefType>(buffer.getType());
  if (!type || dim < 0 || dim >= type.getRank())
    return std::nullopt;
  if (!type.isDynamicDim(dim))
    return type.getDimSize(dim);
  if (auto arg = dyn_cast<BlockArgument>(buffer))
    return isa<func::FuncOp>(arg.getOwner()->getParentOp())
               ? std::optional<int64_t>(batch)
               : std::nullopt;
  Operation *def = buffer.getDefiningOp();
  // An allocation's operands start with its dynamic sizes.
  if (isa<memref::AllocOp, memref::AllocaOp>(def))
    return evaluate(def->getOperand(type.getDynamicDimIndex(dim)), batch,
                    depth + 1);
  if (auto cast = dyn_cast<memref::CastOp>(def))
    return dimAt(cast.getSource(), dim, batch, depth + 1);
  if (auto subview = dyn_cast<memref::SubViewOp>(def))
    return subview.getDroppedDims().any()
               ? std::nullopt
               : evaluate(subview.getMixedSizes()[dim], batch, depth + 1);
  if (auto expand = dyn_cast<memref::ExpandShapeOp>(def))
    return evaluate(expand.getMixedOutputShape()[dim], batch, depth + 1);
  if (auto collapse = dyn_cast<memref::CollapseShapeOp>(def)) {
    int64_t product = 1;
    for (int64_t source : collapse.getReassociationIndices()[dim]) {
      std::optional<int64_t> size =
          dimAt(collapse.getSrc(), source, batch, depth + 1);
      if (!size)
        return std::nullopt;
      product *= *size;
    }
    return product;
  }
  return std::nullopt;
}

std::optional<int64_t> evaluate(Value v, int64_t batch, unsigned depth) {
  if (std::optional<int64_t> constant = getConstantIntValue(v))
    return constant;
  if (depth > kMaxDepth)
    return std::nullopt;
  Operation *def = v.getDefiningOp();
  if (!def)
    return std::nullopt;
  if (auto dim = dyn_cast<memref::DimOp>(def)) {
    std::optional<int64_t> index = getConstantIntValue(dim.getIndex());
    return index ? dimAt(dim.getSource(), *index, batch, depth + 1)
                 : std::nullopt;
  }
  if (isa<arith::IndexCastOp, arith::IndexCastUIOp>(def))
    return evaluate(def->getOperand(0), batch, depth + 1);
  if (def->getNumOperands() != 2)
    return std::nullopt;
  std::optional<int64_t> a = evaluate(def->getOperand(0), batch, depth + 1);
  std::optional<int64_t> b = evaluate(def->getOperand(1), batch, depth + 1);
  if (!a || !b)
    return std::nullopt;
  if (isa<arith::AddIOp>(def))
    return *a + *b;
  if (isa<arith::SubIOp>(def))
    return *a - *b;
  if (isa<arith::MulIOp>(def))
    return *a * *b;
  if (*b == 0)
    return std::nullopt;
  if (isa<arith::DivSIOp, arith::DivUIOp>(def))
    return *a / *b;
  if (isa<arith::CeilDivSIOp, arith::CeilDivUIOp>(def))
    return llvm::divideCeil(*a, *b);
  if (isa<arith::RemSIOp, arith::RemUIOp>(def))
    return *a % *b;
  if (isa<arith::MinSIOp, arith::MinUIOp>(def))
    return std::min(*a, *b);
  if (isa<arith::MaxSIOp, arith::MaxUIOp>(def))
    return std::max(*a, *b);
  return std::nullopt;
}

} // namespace

std::optional<int64_t> plexus::sizeAtBatchHint(Value v) {
  if (std::optional<int64_t> constant = getConstantIntValue(v))
    return constant;
  Region *region = v.getParentRegion();
  auto func = region ? region->getParentOfType<func::FuncOp>() : nullptr;
  auto hint =
      func ? func->getAttrOfType<IntegerAttr>(kBatchHintAttr) : IntegerAttr();
  if (!hint)
    return std::nullopt;
  return evaluate(v, hint.getInt(), 0);
}

std::optional<int64_t> plexus::productAtBatchHint(llvm::ArrayRef<Value> sizes) {
  int64_t product = 1;
  for (Value size : sizes) {
    std::optional<int64_t> s = sizeAtBatchHint(size);
    if (!s)
      return std::nullopt;
    product *= *s;
  }
  return product;
}
