//===- Standardization.h - Lowering of layer and batch norm -----*- C++ -*-===//
//
// Layer and batch normalization are the same computation over different
// dimensions: xhat = (x - mean) / sigma, sigma = sqrt(var + epsilon), and
// its gradient dx = (dy - mean(dy) - xhat mean(dy xhat)) / sigma, with the
// means (and the biased variance) over
//   - the last dimension (layer normalization: statistics per row), or
//   - every dimension but the last (batch normalization: per channel).
// Ops/Normalize.cpp and Ops/BatchNorm.cpp lower through this class.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_COMPILER_DIALECT_NN_IR_STANDARDIZATION_H
#define PLEXUS_COMPILER_DIALECT_NN_IR_STANDARDIZATION_H

#include "compiler/Dialect/NN/IR/LinalgBuilders.h"

namespace plexus::lowering {

class Standardization {
public:
  enum class Over { LastDimension, AllButLast };

  /// Builds the statistics of `x` at the builder's insertion point.
  Standardization(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                  Over over);

  /// The mean of f(full..., statistics...) over the standardized
  /// dimensions; `full` have the shape of x, `statistics` that of a mean.
  mlir::Value mean(mlir::ValueRange full, mlir::ValueRange statistics,
                   ScalarFn f);
  mlir::Value mean(mlir::Value v);
  /// The biased variance of x, given its mean.
  mlir::Value variance(mlir::Value mean);
  /// 1 / sqrt(variance + epsilon).
  mlir::Value inverseSigma(mlir::Value variance, double epsilon);
  /// f(full..., statistics...) for every element of x.
  mlir::Value perElement(mlir::ValueRange full, mlir::ValueRange statistics,
                         ScalarFn f);

  /// (x - mean) / sqrt(variance + epsilon) with the given statistics.
  mlir::Value standardize(mlir::Value mean, mlir::Value inverseSigma);
  /// xhat with x's own statistics.
  mlir::Value forward(double epsilon);
  /// The gradient of `forward` given the gradient `dy` of xhat.
  mlir::Value backward(mlir::Value dy, double epsilon);

private:
  mlir::OpBuilder &b;
  mlir::Location loc;
  mlir::Value x;
  unsigned rank;
  /// x's dimensions -> a statistic's, and the loops of a mean.
  mlir::AffineMap statisticsMap;
  llvm::SmallVector<mlir::utils::IteratorType> meanIterators;
  llvm::SmallVector<mlir::OpFoldResult> statisticsSizes;
  /// 1 / (elements per statistic); the batch size is dynamic.
  mlir::Value inverseCount;
};

} // namespace plexus::lowering

#endif // PLEXUS_COMPILER_DIALECT_NN_IR_STANDARDIZATION_H
