//===- Pipelines.cpp - From linalg to NVIDIA GPU code ---------------------===//

#include "codegen/GPU/Pipelines.h"

#include "codegen/Bufferization.h"
#include "codegen/GPU/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

LogicalResult plexus::buildGPUPipeline(OpPassManager &pm,
                                       const GPUOptions &options) {
  // Bufferization as for the CPU; then device memory, kernels (contractions
  // first, everything else one thread per output element), outlining, and
  // one stream per entry point (gpu-async-region) on the host. Math
  // functions become polynomials so that the PTX needs no libdevice.
  std::string pipeline = llvm::formatv(
      "{3},convert-bufferization-to-memref,canonicalize,cse,"
      "plexus-gpu-stage-buffers,func.func(plexus-gpu-contraction-kernels,"
      "plexus-gpu-map-linalg),"
      "canonicalize,cse,gpu-kernel-outlining,plexus-gpu-merge-kernel-modules,"
      "func.func(gpu-async-region),"
      "gpu.module(plexus-approximate-math,"
      "canonicalize,cse),"
      "expand-strided-metadata,lower-affine,convert-scf-to-cf,"
      "nvvm-attach-target{{chip={0} features={1} O={2}},"
      "gpu.module(convert-gpu-to-nvvm{{index-bitwidth=64},"
      "plexus-gpu-define-device-math),"
      "convert-math-to-llvm,convert-arith-to-llvm,"
      "gpu-to-llvm,convert-func-to-llvm,convert-cf-to-llvm,"
      "convert-ub-to-llvm,reconcile-unrealized-casts,"
      "gpu-module-to-binary{{format=isa}",
      options.chip, options.features, options.optLevel, kBufferizationPipeline);
  return parsePassPipeline(pipeline, pm);
}

LogicalResult plexus::writePTX(ModuleOp module, llvm::raw_ostream &os) {
  bool any = false;
  WalkResult result = module.walk([&](mlir::gpu::BinaryOp binary) {
    for (Attribute attr : binary.getObjects()) {
      auto object = dyn_cast<mlir::gpu::ObjectAttr>(attr);
      if (!object ||
          object.getFormat() != mlir::gpu::CompilationTarget::Assembly) {
        binary.emitError("expected a PTX object in the GPU binary");
        return WalkResult::interrupt();
      }
      os << "// Plexus GPU module '" << binary.getSymName() << "'\n"
         << object.getObject().getValue() << "\n";
      any = true;
    }
    return WalkResult::advance();
  });
  if (result.wasInterrupted())
    return failure();
  if (!any)
    os << "// no GPU kernels\n";
  return success();
}

void plexus::registerGPUTranslations(MLIRContext &context) {
  DialectRegistry registry;
  registerAllGPUToLLVMIRTranslations(registry);
  context.appendDialectRegistry(registry);
}
