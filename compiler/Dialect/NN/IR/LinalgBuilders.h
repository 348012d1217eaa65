//===- LinalgBuilders.h - Building blocks for lowering ops ------*- C++ -*-===//
//
// What an op's `lowerToLinalg` (LinalgLoweringOpInterface) and the patterns
// of convert-nn-to-linalg build with: linalg.generic with explicit indexing
// maps, and scalar arithmetic that carries `fastmath<contract, reassoc>` so
// that LLVM forms FMAs and vectorizes reductions. Public: out-of-tree ops
// (examples/extension) lower with the same blocks.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_COMPILER_DIALECT_NN_IR_LINALGBUILDERS_H
#define PLEXUS_COMPILER_DIALECT_NN_IR_LINALGBUILDERS_H

#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/Builders.h"

namespace plexus::lowering {

/// Scalar arithmetic inside a linalg.generic body, in the element type `ft`
/// (f32 for models, f64 in gradient checks).
struct Math {
  mlir::OpBuilder &b;
  mlir::Location loc;
  mlir::Type ft;

  mlir::Value add(mlir::Value x, mlir::Value y);
  mlir::Value sub(mlir::Value x, mlir::Value y);
  mlir::Value mul(mlir::Value x, mlir::Value y);
  mlir::Value div(mlir::Value x, mlir::Value y);
  mlir::Value neg(mlir::Value x);
  mlir::Value max(mlir::Value x, mlir::Value y);
  mlir::Value min(mlir::Value x, mlir::Value y);
  mlir::Value exp(mlir::Value x);
  mlir::Value log(mlir::Value x);
  mlir::Value log1p(mlir::Value x);
  mlir::Value sqrt(mlir::Value x);
  mlir::Value tanh(mlir::Value x);
  mlir::Value erf(mlir::Value x);
  mlir::Value roundEven(mlir::Value x);
  /// 1 / (1 + exp(-x)).
  mlir::Value sigmoid(mlir::Value x);
  /// A constant of the element type.
  mlir::Value c(double v);
  mlir::Value select(mlir::Value cond, mlir::Value x, mlir::Value y);
  mlir::Value gt(mlir::Value x, mlir::Value y);
  /// The loop index `dim` of the enclosing linalg.generic, as a float.
  mlir::Value indexAsFloat(unsigned dim);
};

using BodyFn = llvm::function_ref<llvm::SmallVector<mlir::Value>(
    Math &, mlir::ValueRange)>;
using ScalarFn = llvm::function_ref<mlir::Value(Math &, mlir::ValueRange)>;

mlir::Type elementTypeOf(mlir::Value v);

/// The affine map (d0, ..., d{numDims-1}) -> (d{dims[0]}, ...).
mlir::AffineMap map(mlir::MLIRContext *ctx, unsigned numDims,
                    llvm::ArrayRef<unsigned> dims);

/// The sizes of `value`'s tensor type, dynamic ones as tensor.dim.
llvm::SmallVector<mlir::OpFoldResult>
sizesOf(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value);

mlir::Value emptyTensor(mlir::OpBuilder &b, mlir::Location loc,
                        llvm::ArrayRef<mlir::OpFoldResult> sizes,
                        mlir::Type ft);

/// The sizes of `type`, its first (batch) dimension taken from `batchOf`
/// (the batch is dynamic in models).
llvm::SmallVector<mlir::OpFoldResult>
sizesWithBatchOf(mlir::OpBuilder &b, mlir::Location loc,
                 mlir::RankedTensorType type, mlir::Value batchOf);

/// An image `v` [N, H, W, C] spread into a tensor [N, height, width, C]
/// filled with `fill`: element (i, j) lands at row top + i * strides[0],
/// column left + j * strides[1]. The gradients of strided convolution and
/// pooling gather from such tensors.
mlir::Value spreadImage(mlir::OpBuilder &b, mlir::Location loc, mlir::Value v,
                        int64_t height, int64_t width, int64_t top,
                        int64_t left, llvm::ArrayRef<int64_t> strides,
                        double fill);

/// A tensor of `sizes` filled with `value`.
mlir::Value filled(mlir::OpBuilder &b, mlir::Location loc,
                   llvm::ArrayRef<mlir::OpFoldResult> sizes, double value,
                   mlir::Type ft);

/// A linalg.generic; `body` receives the block arguments (inputs, then
/// outputs) and returns the values to yield.
llvm::SmallVector<mlir::Value>
generic(mlir::OpBuilder &b, mlir::Location loc, mlir::ValueRange inputs,
        mlir::ValueRange outputs, llvm::ArrayRef<mlir::AffineMap> maps,
        llvm::ArrayRef<mlir::utils::IteratorType> iterators, BodyFn body);

/// An elementwise linalg.generic over tensors of the type of `like`.
mlir::Value elementwise(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::ValueRange inputs, mlir::Value like, BodyFn body);

/// An elementwise generic over the shape of `like` whose inputs are full
/// tensors (`full`) and then statistics (`reduced`), which `reducedMap`
/// indexes (e.g. per channel or per row); `fn` gets them in that order.
mlir::Value elementwiseWithReduced(mlir::OpBuilder &b, mlir::Location loc,
                                   mlir::ValueRange full,
                                   mlir::ValueRange reduced,
                                   mlir::AffineMap reducedMap, mlir::Value like,
                                   ScalarFn fn);

/// The lowering of an elementwise op: `fn` computes one result element from
/// one element of each operand. For LinalgLoweringOpInterface.
llvm::SmallVector<mlir::Value>
lowerElementwise(mlir::OpBuilder &b, mlir::Operation *op, ScalarFn fn);

} // namespace plexus::lowering

#endif // PLEXUS_COMPILER_DIALECT_NN_IR_LINALGBUILDERS_H
