//===- Passes.td - Conversions out of the nn dialect -------*- tablegen -*-===//

#ifndef PLEXUS_CONVERSION_PASSES
#define PLEXUS_CONVERSION_PASSES

include "mlir/Pass/PassBase.td"

def ConvertNNToLinalg : Pass<"convert-nn-to-linalg"> {
  let summary = "Lowers nn ops to linalg.generic on tensors";
  let description = [{
    Every nn op becomes one or more linalg.generic ops (plus tensor.empty and
    linalg.fill for initial values). Matmuls pick a loop order that keeps the
    innermost loop unit-stride; softmax, log-softmax and cross-entropy use
    the log-sum-exp form.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect"];
}

#endif // PLEXUS_CONVERSION_PASSES
