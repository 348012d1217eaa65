//===- Pipelines.h - From linalg to NVIDIA GPU code -------------*- C++ -*-===//
//
// The GPU stage of `plexc --target=cuda`: linalg on tensors -> kernels on
// device buffers -> NVVM -> PTX embedded in the host module, whose entry
// points (plx_train_step, plx_evaluate) launch them through the
// mgpu* functions of the GPU runtime (runtime/cuda/cuda.c).
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_CODEGEN_GPU_PIPELINES_H
#define PLEXUS_CODEGEN_GPU_PIPELINES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/raw_ostream.h"

#include <string>

namespace plexus {

struct GPUOptions {
  /// The GPU architecture the PTX targets (sm_80 and newer).
  std::string chip = "sm_90";
  /// PTX ISA features; PTX 8.0 is the first with all of sm_90.
  std::string features = "+ptx80";
  unsigned optLevel = 3;
};

/// linalg on tensors -> the LLVM dialect for the host, with every GPU module
/// compiled to PTX (`gpu.binary`).
mlir::LogicalResult buildGPUPipeline(mlir::OpPassManager &pm,
                                     const GPUOptions &options);

/// Writes the PTX of every GPU module of `module` (after buildGPUPipeline)
/// as one text file.
mlir::LogicalResult writePTX(mlir::ModuleOp module, llvm::raw_ostream &os);

/// Makes the translation of GPU launches and binaries to LLVM IR available
/// in `context`.
void registerGPUTranslations(mlir::MLIRContext &context);

} // namespace plexus

#endif // PLEXUS_CODEGEN_GPU_PIPELINES_H
