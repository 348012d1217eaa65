//===- FlatBuffers.h - Tensors over the runtime's memref buffers -*- C++
//-*-===//
//
// The public entry points take memrefs from the runtime; their bodies work
// on tensors. These helpers are shared by MLIRGen and the train-step pass:
// reading a memref as a tensor without a copy, writing a tensor result into
// a memref in place, and slicing the flat parameter buffer into one tensor
// per parameter.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_COMPILER_DIALECT_NN_IR_FLATBUFFERS_H
#define PLEXUS_COMPILER_DIALECT_NN_IR_FLATBUFFERS_H

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

namespace plexus {

/// The tensor view of a memref argument (no copy: restrict, writable).
inline mlir::Value readBuffer(mlir::OpBuilder &b, mlir::Location loc,
                              mlir::Value memref) {
  auto type = mlir::cast<mlir::MemRefType>(memref.getType());
  return mlir::bufferization::ToTensorOp::create(
      b, loc,
      mlir::RankedTensorType::get(type.getShape(), type.getElementType()),
      memref, /*restrict=*/true, /*writable=*/true);
}

/// Stores `tensor` into `memref` (in place where bufferization allows).
inline void writeBuffer(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Value tensor, mlir::Value memref) {
  auto op = mlir::bufferization::MaterializeInDestinationOp::create(
      b, loc, mlir::TypeRange{}, tensor, memref);
  op.setRestrict(true);
  op.setWritable(true);
}

/// `size` elements of the rank-1 tensor `flat` from `offset`.
inline mlir::Value sliceFlat(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::Value flat, int64_t offset, int64_t size) {
  auto element =
      mlir::cast<mlir::RankedTensorType>(flat.getType()).getElementType();
  return mlir::tensor::ExtractSliceOp::create(
      b, loc, mlir::RankedTensorType::get({size}, element), flat,
      llvm::ArrayRef<mlir::OpFoldResult>{b.getIndexAttr(offset)},
      llvm::ArrayRef<mlir::OpFoldResult>{b.getIndexAttr(size)},
      llvm::ArrayRef<mlir::OpFoldResult>{b.getIndexAttr(1)});
}

/// Slices the flat parameter tensor into tensors of `types` (rank 1 or 2),
/// laid out one after the other.
/// One group holding every dimension of `type`: to and from its flat form.
inline llvm::SmallVector<mlir::ReassociationIndices>
allDimsReassociation(mlir::RankedTensorType type) {
  mlir::ReassociationIndices all;
  for (int64_t d = 0; d < type.getRank(); ++d)
    all.push_back(d);
  return {all};
}

inline llvm::SmallVector<mlir::Value> unpackFlat(mlir::OpBuilder &b,
                                                 mlir::Location loc,
                                                 mlir::Value flat,
                                                 mlir::TypeRange types) {
  llvm::SmallVector<mlir::Value> values;
  int64_t offset = 0;
  for (mlir::Type t : types) {
    auto type = mlir::cast<mlir::RankedTensorType>(t);
    int64_t size = type.getNumElements();
    mlir::Value v = sliceFlat(b, loc, flat, offset, size);
    if (type.getRank() > 1)
      v = mlir::tensor::ExpandShapeOp::create(b, loc, type, v,
                                              allDimsReassociation(type));
    else if (type.getRank() == 0)
      v = mlir::tensor::CollapseShapeOp::create(
          b, loc, type, v, llvm::ArrayRef<mlir::ReassociationIndices>{});
    values.push_back(v);
    offset += size;
  }
  return values;
}

} // namespace plexus

#endif // PLEXUS_COMPILER_DIALECT_NN_IR_FLATBUFFERS_H
