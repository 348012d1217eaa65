//===- NNOps.cpp - Verifiers of nn ops ------------------------------------===//
//
// Shapes may contain the dynamic batch dimension; two dimensions conflict
// only when both are static and differ.
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/IR/NNOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace plexus::nn;

namespace {

bool dimsConflict(int64_t a, int64_t b) {
  return !ShapedType::isDynamic(a) && !ShapedType::isDynamic(b) && a != b;
}

std::string dimString(int64_t d) {
  return ShapedType::isDynamic(d) ? "?" : std::to_string(d);
}

/// Checks that `actual` can hold a value of shape `expected`.
LogicalResult verifyShape(Operation *op, llvm::StringRef what,
                          ArrayRef<int64_t> actual,
                          ArrayRef<int64_t> expected) {
  for (auto [i, dims] : llvm::enumerate(llvm::zip_equal(actual, expected))) {
    auto [a, e] = dims;
    if (dimsConflict(a, e))
      return op->emitOpError() << what << " dimension " << i << " is "
                               << dimString(a) << ", expected " << dimString(e);
  }
  return success();
}

} // namespace

LogicalResult MatmulOp::verify() {
  ArrayRef<int64_t> lhs = getLhs().getType().getShape();
  ArrayRef<int64_t> rhs = getRhs().getType().getShape();
  int64_t m = getTransposeLhs() ? lhs[1] : lhs[0];
  int64_t kLhs = getTransposeLhs() ? lhs[0] : lhs[1];
  int64_t kRhs = getTransposeRhs() ? rhs[1] : rhs[0];
  int64_t n = getTransposeRhs() ? rhs[0] : rhs[1];
  if (dimsConflict(kLhs, kRhs))
    return emitOpError() << "contracting dimensions differ: " << dimString(kLhs)
                         << " vs " << dimString(kRhs);
  return verifyShape(*this, "result", getType().getShape(), {m, n});
}

/// The last dimension of `type`, which must have rank 2 or more.
static FailureOr<int64_t> lastDim(Operation *op, ShapedType type) {
  if (type.getRank() < 2)
    return op->emitOpError("expects a tensor of rank 2 or more");
  return type.getDimSize(type.getRank() - 1);
}

LogicalResult BiasAddOp::verify() {
  FailureOr<int64_t> last = lastDim(*this, getInput().getType());
  if (failed(last))
    return failure();
  if (dimsConflict(*last, getBias().getType().getDimSize(0)))
    return emitOpError() << "bias has " << getBias().getType().getDimSize(0)
                         << " elements but the last dimension is "
                         << dimString(*last);
  return verifyShape(*this, "result", getType().getShape(),
                     getInput().getType().getShape());
}

LogicalResult SumRowsOp::verify() {
  FailureOr<int64_t> last = lastDim(*this, getInput().getType());
  if (failed(last))
    return failure();
  return verifyShape(*this, "result", getType().getShape(), {*last});
}

LogicalResult BroadcastRowsOp::verify() {
  FailureOr<int64_t> last = lastDim(*this, getLike().getType());
  if (failed(last))
    return failure();
  if (dimsConflict(getInput().getType().getDimSize(0), *last))
    return emitOpError() << "input has "
                         << dimString(getInput().getType().getDimSize(0))
                         << " elements but the last dimension is "
                         << dimString(*last);
  return verifyShape(*this, "result", getType().getShape(),
                     getLike().getType().getShape());
}

LogicalResult SoftmaxCrossEntropyOp::verify() {
  int64_t rows = getLogits().getType().getDimSize(0);
  int64_t labels = getLabels().getType().getDimSize(0);
  if (dimsConflict(rows, labels))
    return emitOpError() << "has " << dimString(rows) << " rows of logits but "
                         << dimString(labels) << " labels";
  return success();
}

LogicalResult Conv2DOp::verify() {
  ArrayRef<int64_t> x = getInput().getType().getShape();
  ArrayRef<int64_t> w = getFilter().getType().getShape();
  ArrayRef<int64_t> s = getStrides(), p = getPadding();
  if (s.size() != 2 || s[0] < 1 || s[1] < 1)
    return emitOpError("expects two positive strides");
  if (p.size() != 4 || llvm::any_of(p, [](int64_t v) { return v < 0; }))
    return emitOpError("expects four non-negative paddings (top, bottom, "
                       "left, right)");
  if (dimsConflict(x[3], w[2]))
    return emitOpError() << "input has " << dimString(x[3])
                         << " channels but the filter expects " << w[2];
  int64_t h = x[1] + p[0] + p[1], wd = x[2] + p[2] + p[3];
  if (h < w[0] || wd < w[1])
    return emitOpError("filter is larger than the padded input");
  return verifyShape(
      *this, "result", getType().getShape(),
      {x[0], (h - w[0]) / s[0] + 1, (wd - w[1]) / s[1] + 1, w[3]});
}

/// The output shape of pooling `input` with square windows.
static LogicalResult verifyPool(Operation *op, RankedTensorType input,
                                RankedTensorType result, int64_t window,
                                int64_t stride) {
  ArrayRef<int64_t> x = input.getShape();
  if (window < 1 || stride < 1)
    return op->emitOpError("expects a positive window and stride");
  if (x[1] < window || x[2] < window)
    return op->emitOpError("window is larger than the input");
  return verifyShape(
      op, "result", result.getShape(),
      {x[0], (x[1] - window) / stride + 1, (x[2] - window) / stride + 1, x[3]});
}

LogicalResult MaxPool2DOp::verify() {
  return verifyPool(*this, getInput().getType(), getType(), getWindow(),
                    getStride());
}

LogicalResult AvgPool2DOp::verify() {
  return verifyPool(*this, getInput().getType(), getType(), getWindow(),
                    getStride());
}

LogicalResult ReshapeOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  if (in.getRank() < 1 || out.getRank() < 1)
    return emitOpError("expects a batch dimension");
  if (dimsConflict(in.getDimSize(0), out.getDimSize(0)))
    return emitOpError("changes the batch dimension");
  auto perSample = [](RankedTensorType t) -> std::optional<int64_t> {
    int64_t n = 1;
    for (int64_t d : t.getShape().drop_front()) {
      if (ShapedType::isDynamic(d))
        return std::nullopt;
      n *= d;
    }
    return n;
  };
  std::optional<int64_t> a = perSample(in), b = perSample(out);
  if (!a || !b)
    return emitOpError("expects static sizes after the batch dimension");
  if (*a != *b)
    return emitOpError() << "changes the elements per sample from " << *a
                         << " to " << *b;
  return success();
}

LogicalResult EmbeddingOp::verify() {
  ArrayRef<int64_t> ids = getIds().getType().getShape();
  ArrayRef<int64_t> table = getTable().getType().getShape();
  if (getType().getRank() != 3)
    return emitOpError("expects a rank-3 result [batch, positions, dim]");
  return verifyShape(*this, "result", getType().getShape(),
                     {ids[0], ids[1], table[1]});
}

#include "compiler/Dialect/NN/IR/NNInterfaces.cpp.inc"

#define GET_OP_CLASSES
#include "compiler/Dialect/NN/IR/NNOps.cpp.inc"
