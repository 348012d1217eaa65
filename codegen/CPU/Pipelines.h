//===- Pipelines.h - From nn to an object file ------------------*- C++ -*-===//
//
// The stages of code generation, as pass pipelines the driver strings
// together (one per --emit stage), and the in-process object emission.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_CODEGEN_CPU_PIPELINES_H
#define PLEXUS_CODEGEN_CPU_PIPELINES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>

namespace plexus {

struct CPUOptions {
  /// Target CPU (`-march`); empty means the host CPU and its features.
  std::string cpu;
  /// Extra target features, e.g. "+avx512f,-avx512vnni".
  std::string features;
  unsigned optLevel = 3;
  /// LLVM's loop unrolling (partial, runtime and full) in the -O pipeline.
  /// Off: the micro-kernels and vector loops come unrolled by construction,
  /// and LLVM's unrolling of everything else doubled O3's and code
  /// generation's time (digits_cnn: 3.0 to 1.6 s in plexc) while W2, W3,
  /// W4 and the 1024^3 matmul ran as fast without it (W1 6% slower).
  bool llvmLoopUnrolling = false;
  /// Testing: run the linalg ops through the GPU kernel passes and emulate
  /// the kernels on the CPU (EmulateLaunches.cpp).
  bool emulateGPUKernels = false;
  /// Estimated operations from which a loop nest runs on threads
  /// (plexus-parallelize-loops): about 30 us of work, where an OpenMP
  /// fork/join on a 2-core VM costs several microseconds. W1's 32 x 10 x
  /// 500 matmuls (a few microseconds each) stay on one thread.
  int64_t parallelThreshold = 1048576;
  /// The entry points' temporaries in the runtime's planned buffers
  /// (plexus-plan-buffers); off for code run without the runtime (JIT).
  bool planBuffers = true;
  /// Pieces a function of at least 2,000 LLVM instructions is cut into
  /// when the program is compiled in parts (splitLargeFunctions); 1 keeps
  /// every function whole. residual_mlp's plx_train_step, two thirds of its
  /// code, made one part's O3 and code generation plexc's critical path.
  unsigned functionPieces = 4;
};

/// Autodiff and the train step: nn -> nn with plx_train_step.
void buildTrainingPipeline(mlir::OpPassManager &pm);

/// Inlining and nn -> linalg on tensors, with elementwise fusion.
mlir::LogicalResult buildLinalgPipeline(mlir::OpPassManager &pm);

/// linalg on tensors -> bufferization -> register-tiled contractions and
/// loops -> LLVM dialect.
mlir::LogicalResult buildLLVMPipeline(mlir::OpPassManager &pm,
                                      const CPUOptions &options);

/// Translates an LLVM-dialect module to LLVM IR for the chosen target and
/// optimises it (O3 with the target's features). Null after reporting an
/// error through MLIR diagnostics.
std::unique_ptr<llvm::Module> translateToLLVMIR(mlir::ModuleOp module,
                                                llvm::LLVMContext &context,
                                                const CPUOptions &options);

/// Checks `options.cpu` and `options.features` against the host target;
/// returns an error message, or "" if they are valid.
std::string validateTarget(const CPUOptions &options);

/// Translates, optimises and compiles `module` (the LLVM dialect) into one
/// object file per path, each with a share of the functions
/// (llvm::SplitModule), on a thread each: O3 and code generation of a
/// model's entry points take seconds on one core.
mlir::LogicalResult
emitObjectFilesInParallel(mlir::ModuleOp module, const CPUOptions &options,
                          llvm::ArrayRef<std::string> paths);

/// Cuts every function of `module` with at least `minInstructions`
/// instructions into up to `pieces` consecutive functions (of at least
/// minInstructions / 2 each) at blocks that every path goes through
/// (SplitLargeFunctions.cpp), so that the parts of
/// emitObjectFilesInParallel share its optimisation and code generation.
void splitLargeFunctions(llvm::Module &module, unsigned pieces,
                         size_t minInstructions);

/// Writes `module` as an object file for the chosen target.
mlir::LogicalResult emitObjectFile(llvm::Module &module,
                                   const CPUOptions &options,
                                   llvm::raw_pwrite_stream &os);

} // namespace plexus

#endif // PLEXUS_CODEGEN_CPU_PIPELINES_H
