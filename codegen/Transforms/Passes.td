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

#endif // PLEXUS_TRANSFORMS_PASSES
