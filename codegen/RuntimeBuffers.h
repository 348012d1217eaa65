//===- RuntimeBuffers.h - Buffers the runtime allocates ---------*- C++ -*-===//
//
// Temporaries that generated code takes from the runtime rather than from
// memref.alloc: the CPU's memory plan (`plx_buffer(slot, bytes)`, PlanBuffers)
// and the GPU's managed memory (`plx_cuda_shared_alloc(bytes)`,
// StageBuffersOnDevice). Both functions return a memref<?xi8> through MLIR's
// C interface; the temporary is a memref.view of it.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_CODEGEN_RUNTIMEBUFFERS_H
#define PLEXUS_CODEGEN_RUNTIMEBUFFERS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"

namespace plexus {

/// Whether a buffer of `type` can be a view of runtime bytes: contiguous,
/// in the default memory space, of whole-byte scalars.
inline bool isViewableAsBytes(mlir::MemRefType type) {
  return type.getLayout().isIdentity() && type.getMemorySpace() == nullptr &&
         type.getElementType().isIntOrFloat() &&
         type.getElementTypeBitWidth() % 8 == 0;
}

inline mlir::MemRefType runtimeBytesType(mlir::MLIRContext *ctx) {
  return mlir::MemRefType::get({mlir::ShapedType::kDynamic},
                               mlir::IntegerType::get(ctx, 8));
}

/// Declares `name(index...) -> memref<?xi8>` (C interface) in `module`,
/// with `numIndexArgs` index arguments, unless it is there already.
inline void declareRuntimeBytesFunction(mlir::OpBuilder &b,
                                        mlir::ModuleOp module,
                                        llvm::StringRef name,
                                        unsigned numIndexArgs) {
  if (module.lookupSymbol(name))
    return;
  mlir::MLIRContext *ctx = b.getContext();
  mlir::OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(module.getBody());
  llvm::SmallVector<mlir::Type> args(numIndexArgs, b.getIndexType());
  auto decl = mlir::func::FuncOp::create(
      b, module.getLoc(), name,
      mlir::FunctionType::get(ctx, args, {runtimeBytesType(ctx)}));
  decl.setPrivate();
  decl->setAttr("llvm.emit_c_interface", b.getUnitAttr());
}

/// A buffer of `type` (dynamic sizes `sizes`) viewing the bytes that
/// `callee(leadingArgs..., bytes)` returns.
inline mlir::Value viewOfRuntimeBytes(mlir::OpBuilder &b, mlir::Location loc,
                                      llvm::StringRef callee,
                                      mlir::ValueRange leadingArgs,
                                      mlir::MemRefType type,
                                      mlir::ValueRange sizes) {
  int64_t staticBytes = type.getElementTypeBitWidth() / 8;
  for (int64_t d : type.getShape())
    if (!mlir::ShapedType::isDynamic(d))
      staticBytes *= d;
  mlir::Value bytes = mlir::arith::ConstantIndexOp::create(b, loc, staticBytes);
  for (mlir::Value size : sizes)
    bytes = mlir::arith::MulIOp::create(b, loc, bytes, size);
  llvm::SmallVector<mlir::Value> args(leadingArgs);
  args.push_back(bytes);
  auto call = mlir::func::CallOp::create(
      b, loc, callee, mlir::TypeRange{runtimeBytesType(b.getContext())}, args);
  mlir::Value zero = mlir::arith::ConstantIndexOp::create(b, loc, 0);
  return mlir::memref::ViewOp::create(b, loc, type, call.getResult(0), zero,
                                      sizes);
}

} // namespace plexus

#endif // PLEXUS_CODEGEN_RUNTIMEBUFFERS_H
