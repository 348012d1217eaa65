//===- ApproximateMath.cpp - Math functions without libdevice -------------===//

#include "codegen/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace plexus {
#define GEN_PASS_DEF_APPROXIMATEMATH
#include "codegen/Transforms/Passes.h.inc"
} // namespace plexus

using namespace mlir;

namespace {

/// The functions x86-64 and NVPTX compute with instructions (llvm.sqrt,
/// llvm.fabs, ...).
bool isNative(StringRef name) {
  return llvm::is_contained({"sqrt", "absf", "floor", "ceil", "round",
                             "roundeven", "trunc", "fma", "copysign"},
                            name);
}

struct ApproximateMathPass final
    : plexus::impl::ApproximateMathBase<ApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // powf, rsqrt, ... in terms of exp, log, sqrt; then the polynomials.
    math::populateExpansionPatterns(patterns);
    auto approximate = [](StringRef name) { return !isNative(name); };
    populateMathF32ExpansionPatterns(patterns, approximate);
    populateMathPolynomialApproximationPatterns(patterns, approximate);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
