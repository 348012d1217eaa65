// RUN: plexus-opt %s --pass-pipeline='builtin.module(func.func(plexus-gpu-map-linalg{threads-per-block=1}),gpu-kernel-outlining,plexus-gpu-merge-kernel-modules)' | FileCheck %s --check-prefix=MERGE
// RUN: plexus-opt %s --pass-pipeline='builtin.module(func.func(plexus-gpu-contraction-kernels{tile=4 threads-per-dim=1},plexus-gpu-map-linalg{threads-per-block=1}),plexus-gpu-emulate-launches)' | FileCheck %s --check-prefix=EMU
// RUN: not plexus-opt %s --pass-pipeline='builtin.module(func.func(plexus-gpu-map-linalg),plexus-gpu-emulate-launches)' 2>&1 | FileCheck %s --check-prefix=MANY

// Outlining makes a module per kernel, each kernel named after its
// function; merged, they share one module and take the modules' names.
// MERGE: gpu.launch_func @plexus_kernels::@two_kernel blocks
// MERGE: gpu.launch_func @plexus_kernels::@two_kernel_0 blocks
// MERGE: gpu.module @plexus_kernels
// MERGE-NEXT: gpu.func @two_kernel(
// MERGE: gpu.func @two_kernel_0(
// MERGE-NOT: gpu.module

// Emulation: the grid becomes loops, workgroup memory the stack, and the
// barriers go.
// EMU-LABEL: func.func @two
// EMU-NOT: gpu.launch
// EMU: memref.alloca() : memref<16x4xf32>
// EMU: scf.for
// EMU-NOT: gpu.barrier
// EMU-NOT: gpu.launch

// MANY: error: 'gpu.launch' op has blocks of more than one thread
func.func @two(%a: memref<8x8xf32>, %b: memref<8x8xf32>, %c: memref<8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<8x8xf32>)
  linalg.matmul ins(%a, %b : memref<8x8xf32>, memref<8x8xf32>) outs(%c : memref<8x8xf32>)
  return
}
