//===- Passes.td - Target-neutral code generation passes ---*- tablegen -*-===//

#ifndef PLEXUS_TRANSFORMS_PASSES
#define PLEXUS_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

def ApproximateMath : Pass<"plexus-approximate-math"> {
  let summary = "Math functions as polynomials that vectorize and need no "
                "libdevice";
  let description = [{
    Rewrites exp, log, tanh, erf and the other math functions that MLIR can
    approximate (to about 1 ulp in f32) into arithmetic, and expands the
    others (powf, ...) into those. Both targets need it:
      - on the CPU, LLVM would call libm's scalar `expf` once per element,
        which keeps the loop vectorizer off every softmax, sigmoid, tanh
        and GELU loop; the polynomials vectorize like any arithmetic;
      - on the GPU, convert-gpu-to-nvvm would call CUDA's libdevice
        (`__nv_expf`, ...), which only the CUDA toolkit ships: with this
        pass, plexc needs no toolkit to generate PTX.
    Square roots, fabs, floor and the like stay math ops: both targets
    have instructions for them.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def GatherInPlace : Pass<"plexus-gather-in-place", "mlir::func::FuncOp"> {
  let summary = "Buffers gathered into one flat buffer are computed in it";
  let description = [{
    Runs after bufferization and deallocation. A buffer that is flattened
    (`memref.collapse_shape`) and copied into a static slice of a flat
    buffer, as the train step gathers each parameter's gradient into the
    flat gradient, becomes a view of that slice (`memref.expand_shape` of a
    `memref.subview`), so that it is computed there and the copy goes (2.7
    MB per step for W2). The flat buffer must be written only by such
    copies before this one, and the part used by nothing after its copy;
    the part's users must take any layout (linalg ops, loads, stores).
    One-shot bufferization cannot do this on tensors: it does not see that
    the slices of the flat buffer are disjoint.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

#endif // PLEXUS_TRANSFORMS_PASSES
