//===- SurfaceFunctions.h - Ops that model files call by name ---*- C++ -*-===//
//
// The registry of functions callable from `.plx` files is MLIR's own op
// registry: every op with SurfaceFunctionOpInterface in a loaded dialect
// (nn, or a plugin's) is a function. The front end asks for the names, and
// MLIRGen builds the op through the interface, so adding an op never means
// editing a list or switch here.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_COMPILER_DIALECT_NN_IR_SURFACEFUNCTIONS_H
#define PLEXUS_COMPILER_DIALECT_NN_IR_SURFACEFUNCTIONS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/MLIRContext.h"

#include <vector>

namespace plexus::nn {

struct SurfaceFunction {
  /// The name model files use ("gelu").
  llvm::StringRef name;
  /// The op it builds ("nn.gelu").
  llvm::StringRef opName;
  mlir::Value (*build)(mlir::OpBuilder &, mlir::Location, mlir::Value);
};

/// The surface functions of the dialects loaded in `context`, sorted by name.
std::vector<SurfaceFunction> surfaceFunctions(mlir::MLIRContext &context);

/// The function called `name`, or null.
const SurfaceFunction *
findSurfaceFunction(llvm::ArrayRef<SurfaceFunction> functions,
                    llvm::StringRef name);

} // namespace plexus::nn

#endif // PLEXUS_COMPILER_DIALECT_NN_IR_SURFACEFUNCTIONS_H
