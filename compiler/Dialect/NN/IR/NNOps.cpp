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

LogicalResult BiasAddOp::verify() {
  ArrayRef<int64_t> input = getInput().getType().getShape();
  if (dimsConflict(input[1], getBias().getType().getDimSize(0)))
    return emitOpError() << "bias has " << getBias().getType().getDimSize(0)
                         << " elements but rows have " << dimString(input[1]);
  return verifyShape(*this, "result", getType().getShape(), input);
}

LogicalResult SumRowsOp::verify() {
  return verifyShape(*this, "result", getType().getShape(),
                     {getInput().getType().getDimSize(1)});
}

LogicalResult BroadcastRowsOp::verify() {
  ArrayRef<int64_t> like = getLike().getType().getShape();
  if (dimsConflict(getInput().getType().getDimSize(0), like[1]))
    return emitOpError() << "input has "
                         << dimString(getInput().getType().getDimSize(0))
                         << " elements but rows have " << dimString(like[1]);
  return verifyShape(*this, "result", getType().getShape(), like);
}

LogicalResult SoftmaxCrossEntropyOp::verify() {
  int64_t rows = getLogits().getType().getDimSize(0);
  int64_t labels = getLabels().getType().getDimSize(0);
  if (dimsConflict(rows, labels))
    return emitOpError() << "has " << dimString(rows) << " rows of logits but "
                         << dimString(labels) << " labels";
  return success();
}

#include "compiler/Dialect/NN/IR/NNInterfaces.cpp.inc"

#define GET_OP_CLASSES
#include "compiler/Dialect/NN/IR/NNOps.cpp.inc"
