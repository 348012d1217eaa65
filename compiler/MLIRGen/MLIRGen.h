//===- MLIRGen.h - AST to the nn dialect ------------------------*- C++ -*-===//
//
// Builds an MLIR module from a checked program. The module holds, for the
// trained model:
//
//   func.func private @forward(params..., %x) -> output
//   func.func private @loss(params..., %x, %y) -> (loss, output)
//       {nn.differentiate = N}   (the autodiff pass adds @loss_grad)
//   func.func @plx_evaluate(%params: memref<P> {plexus.versioned}, %x, %y,
//                           %loss {plexus.optional}, %out)
//       (C interface; the runtime's predictions come from it too, with a
//       null %loss buffer: the CPU code then skips the loss; %params
//       change between calls only with the runtime's plx_params_version(),
//       so the CPU code keeps the weights it packs)
//
// and module attributes describing the optimizer (nn.optimizer) that the
// train-step pass reads. Every op carries the FileLineColLoc of the model
// source that produced it.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_COMPILER_MLIRGEN_MLIRGEN_H
#define PLEXUS_COMPILER_MLIRGEN_MLIRGEN_H

#include "compiler/Sema/Sema.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace plexus {

/// How a parameter is initialised (mirrors plx_init_kind in the runtime).
enum class InitKind {
  Zeros = 0,
  GlorotUniform = 1,
  HeUniform = 2,
  Ones = 3,
  SmallUniform = 4
};

/// One trainable tensor: its place in the flat parameter buffer.
struct ParamInfo {
  std::string name; // e.g. "h.weight"
  std::vector<int64_t> shape;
  int64_t offset = 0;
  InitKind init = InitKind::Zeros;
  int64_t fanIn = 0, fanOut = 0;
  int64_t size() const {
    int64_t n = 1;
    for (int64_t d : shape)
      n *= d;
    return n;
  }
};

/// What MLIRGen produced besides the module: the parameter table and the
/// shapes the runtime needs.
struct ModelLayout {
  const TrainSpec *train = nullptr;
  const ModelInfo *model = nullptr;
  std::vector<ParamInfo> params;
  int64_t numParams = 0;
  int64_t inputFeatures = 0;
  int64_t outputs = 0;
  int64_t labelColumns = 1;
  bool classification = true;
};

/// Builds the module for the program's (single) trained model. Errors are
/// reported through MLIR diagnostics at the model's locations.
mlir::OwningOpRef<mlir::ModuleOp> mlirGen(mlir::MLIRContext &context,
                                          const CheckedProgram &program,
                                          ModelLayout &layout);

/// Adds `plx_train_loop(ctx)`, the explicit training loop of `train` as scf
/// control flow calling the runtime (LoopGen.cpp).
mlir::LogicalResult generateTrainLoop(mlir::ModuleOp module,
                                      const CheckedProgram &program,
                                      const TrainSpec &train);

} // namespace plexus

#endif // PLEXUS_COMPILER_MLIRGEN_MLIRGEN_H
