//===- ExtOps.td - The ext dialect: a Mish activation ------*- tablegen -*-===//
//
// An op becomes a Plexus function by implementing three interfaces from
// NNInterfaces.td: SurfaceFunctionOpInterface (its name in model files),
// GradientOpInterface (its vector-Jacobian product) and
// LinalgLoweringOpInterface (its code). Both ops are written in ExtOps.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_EXT_OPS
#define PLEXUS_EXT_OPS

include "compiler/Dialect/NN/IR/NNInterfaces.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Ext_Dialect : Dialect {
  let name = "ext";
  let summary = "An out-of-tree Plexus extension";
  let cppNamespace = "::plexus_ext";
}

class Ext_Op<string mnemonic, list<Trait> traits = []>
    : Op<Ext_Dialect, mnemonic, !listconcat(traits, [Pure,
        SameOperandsAndResultType,
        DeclareOpInterfaceMethods<LinalgLoweringOpInterface>])> {
  let results = (outs AnyRankedTensor:$result);
}

def Ext_MishOp : Ext_Op<"mish", [SurfaceFunctionOpInterface,
    DeclareOpInterfaceMethods<GradientOpInterface>]> {
  let summary = "Mish, x tanh(softplus(x))";
  let description = [{
    Called `mish(x)` in model files, or `dense(x, 16, mish)`.

    ```mlir
    %y = ext.mish %x : tensor<?x16xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let assemblyFormat = "$input attr-dict `:` type($result)";
}

def Ext_MishGradOp : Ext_Op<"mish_grad", [NonDifferentiable]> {
  let summary = "Backward of mish: dy (tanh(sp) + x sech^2(sp) sigmoid(x))";
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$grad);
  let assemblyFormat = "$input `,` $grad attr-dict `:` type($result)";
}

#endif // PLEXUS_EXT_OPS
