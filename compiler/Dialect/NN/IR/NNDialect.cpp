//===- NNDialect.cpp - The nn dialect -------------------------------------===//

#include "compiler/Dialect/NN/IR/NNDialect.h"
#include "compiler/Dialect/NN/IR/NNOps.h"

#include "mlir/Transforms/InliningUtils.h"

using namespace mlir;
using namespace plexus::nn;

#include "compiler/Dialect/NN/IR/NNOpsDialect.cpp.inc"

namespace {

/// nn ops are pure and region-free: always legal to inline, so that the
/// model functions fold into the public entry points before codegen.
struct NNInlinerInterface : public DialectInlinerInterface {
  using DialectInlinerInterface::DialectInlinerInterface;
  bool isLegalToInline(Operation *, Operation *, bool) const final {
    return true;
  }
  bool isLegalToInline(Region *, Region *, bool, IRMapping &) const final {
    return true;
  }
  bool isLegalToInline(Operation *, Region *, bool, IRMapping &) const final {
    return true;
  }
};

} // namespace

void NNDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "compiler/Dialect/NN/IR/NNOps.cpp.inc"
      >();
  addInterfaces<NNInlinerInterface>();
}
