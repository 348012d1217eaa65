//===- Pipelines.cpp - From nn to the LLVM dialect ------------------------===//

#include "codegen/CPU/Pipelines.h"

#include "codegen/Bufferization.h"
#include "codegen/CPU/Passes.h"
#include "codegen/Conversion/NNToLinalg/NNToLinalg.h"
#include "compiler/Dialect/NN/Transforms/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void plexus::buildTrainingPipeline(OpPassManager &pm) {
  pm.addPass(nn::createNNAutodiff());
  pm.addPass(nn::createNNBuildTrainStep());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

LogicalResult plexus::buildLinalgPipeline(OpPassManager &pm) {
  // The private model functions are inlined into the public entry points
  // and then dropped, so that fusion sees each entry point whole.
  std::string pipeline = "inline,symbol-dce,canonicalize,cse,"
                         "func.func(convert-nn-to-linalg),canonicalize,"
                         "func.func(plexus-fuse-elementwise),"
                         "canonicalize,cse";
  return parsePassPipeline(pipeline, pm);
}

LogicalResult plexus::buildLLVMPipeline(OpPassManager &pm,
                                        const CPUOptions &options) {
  // Math functions become polynomials (plexus-approximate-math) so that
  // LLVM vectorizes their loops instead of calling libm once per element.
  // For --emulate-gpu-kernels, the GPU kernels (of one-thread blocks) take
  // the linalg ops and run as loops (codegen/GPU/EmulateLaunches.cpp).
  std::string emulation =
      options.emulateGPUKernels
          ? "func.func(plexus-gpu-contraction-kernels{tile=4 "
            "threads-per-dim=1},plexus-gpu-map-linalg{threads-per-block=1}),"
            "plexus-gpu-emulate-launches,"
          : "";
  return parsePassPipeline(
      "func.func(plexus-optional-outputs)," + kBufferizationPipeline.str() +
          "," + emulation +
          "func.func(plexus-approximate-math),plexus-contraction-microkernels,"
          "func.func(plexus-lower-strided-copies,plexus-vectorize-elementwise,"
          "convert-linalg-to-parallel-loops,plexus-parallelize-loops{"
          "threshold=" +
          std::to_string(options.parallelThreshold) +
          "}),"
          "convert-bufferization-to-memref,"
          "canonicalize,cse," +
          (options.planBuffers ? "plexus-plan-buffers," : "") +
          "convert-vector-to-scf{full-unroll=true},"
          "convert-scf-to-openmp,canonicalize,"
          "expand-strided-metadata,lower-affine,convert-scf-to-cf,"
          "convert-vector-to-llvm{vector-contract-lowering=outerproduct "
          "vector-transpose-lowering=shuffle1d},"
          "convert-math-to-llvm,convert-math-to-libm,"
          "convert-arith-to-llvm,finalize-memref-to-llvm,convert-func-to-llvm,"
          "convert-cf-to-llvm,convert-openmp-to-llvm,convert-ub-to-llvm,"
          "reconcile-unrealized-casts",
      pm);
}
