//===- Passes.td - GPU code generation passes --------------*- tablegen -*-===//

#ifndef PLEXUS_GPU_PASSES
#define PLEXUS_GPU_PASSES

include "mlir/Pass/PassBase.td"

def StageBuffersOnDevice
    : Pass<"plexus-gpu-stage-buffers", "mlir::ModuleOp"> {
  let summary = "Puts a bufferized function's memory on the GPU";
  let description = [{
    Prepares a bufferized host function whose linalg ops will run as GPU
    kernels:
      - `memref.alloc`/`memref.dealloc` become `gpu.alloc`/`gpu.dealloc`
        (device memory: the temporaries never leave the GPU);
      - a temporary that host code also reads or writes (a scalar such as
        gradient clipping's global norm) is managed memory from the
        runtime (`plx_cuda_shared_alloc`) instead;
      - `memref.copy` becomes `linalg.copy`, so that it runs as a kernel;
      - constants (`memref.get_global`) that device work reads are copied
        to the device;
      - a public function's memref arguments that device work reads or
        writes are staged: copied into device memory on entry (if read) and
        back on return (if written). Arguments marked `plexus.resident`
        (parameters and optimizer state, which the runtime keeps in GPU
        memory across calls) and arguments only the host reads (the
        hyperparameters) are used in place.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::arith::ArithDialect"];
}

def ContractionKernels
    : Pass<"plexus-gpu-contraction-kernels", "mlir::func::FuncOp"> {
  let summary = "Shared-memory tiled GPU kernels for contractions";
  let description = [{
    Turns every linalg op on memrefs that is a contraction - matmuls in any
    transposition and the implicit GEMMs of convolution and its two
    gradients - into a `gpu.launch` that computes 64x64 output tiles per
    block (4x4 per thread, 256 threads), staging 16-deep slices of each
    operand in workgroup memory. The parallel dims split into the "M" dims
    of one side of the operands and the "N" dims of the other; the
    reduction dims form K. The op's payload is cloned per element, so fused
    elementwise producers come along.
  }];
  let options = [
    Option<"tile", "tile", "int64_t", "64",
           "Output rows and columns per block">,
    Option<"threadsPerDim", "threads-per-dim", "int64_t", "16",
           "Threads per block along rows and along columns">,
  ];
  let dependentDialects = ["::mlir::gpu::GPUDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect"];
}

def MapLinalgToGPU : Pass<"plexus-gpu-map-linalg", "mlir::func::FuncOp"> {
  let summary = "One GPU thread per output element for the other linalg ops";
  let description = [{
    Turns every remaining linalg op on memrefs into a `gpu.launch` of
    256-thread blocks over its flattened parallel dims (the last dim is
    fastest, so neighbouring threads touch neighbouring elements). Each
    thread loops over the reduction dims, carrying its outputs in
    registers, and stores them once.
  }];
  let options = [
    Option<"threadsPerBlock", "threads-per-block", "int64_t", "256",
           "Threads per block">,
  ];
  let dependentDialects = ["::mlir::gpu::GPUDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect"];
}

def MergeKernelModules
    : Pass<"plexus-gpu-merge-kernel-modules", "mlir::ModuleOp"> {
  let summary = "Puts all outlined kernels into one GPU module";
  let description = [{
    gpu-kernel-outlining makes one `gpu.module` per kernel. This pass moves
    every kernel into a single module, `@plexus_kernels`, and retargets the
    launches: the program then embeds one PTX image, which the driver
    compiles once when the first kernel is launched.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect"];
}

def EmulateLaunches : Pass<"plexus-gpu-emulate-launches"> {
  let summary = "Runs one-thread-block kernels on the CPU (for testing)";
  let description = [{
    Replaces every `gpu.launch` whose blocks have one thread by loops over
    its grid on the host: block ids become loop indices, workgroup memory
    becomes stack memory, barriers vanish. With the kernel passes set to
    one thread per block, `plexc --emulate-gpu-kernels` compiles the GPU
    kernels' index arithmetic, staging and payloads into a CPU program, so
    that their results can be checked against the CPU build on machines
    without a GPU.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::memref::MemRefDialect"];
}

def DefineDeviceMathFunctions
    : Pass<"plexus-gpu-define-device-math", "mlir::gpu::GPUModuleOp"> {
  let summary = "Bodies for the libdevice functions convert-gpu-to-nvvm "
                "calls";
  let description = [{
    convert-gpu-to-nvvm turns floor, sqrt, fabs and their kin into calls of
    CUDA's libdevice (`__nv_floorf`, ...), which only the CUDA toolkit
    ships and gpu-module-to-binary links only when it finds one. This pass
    gives each such function in the module a body of the LLVM intrinsic
    that NVPTX compiles to one instruction, so the PTX is the same with or
    without a toolkit. A call of any other libdevice function is an error
    (plexus-approximate-math removes the rest beforehand).
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // PLEXUS_GPU_PASSES
