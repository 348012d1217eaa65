//===- NNBase.td - The nn dialect --------------------------*- tablegen -*-===//

#ifndef PLEXUS_NN_BASE
#define PLEXUS_NN_BASE

include "mlir/IR/OpBase.td"

def NN_Dialect : Dialect {
  let name = "nn";
  let summary = "Neural-network operations of Plexus models";
  let description = [{
    The `nn` dialect holds the layers and functions of Plexus models as
    value-semantic operations on ranked `f32` tensors (`f64` too, for
    gradient checks). MLIRGen produces it
    from the AST; the autodiff pass differentiates it through
    `GradientOpInterface`; codegen lowers it to linalg. Shapes are checked by
    each op's verifier; the batch dimension may be dynamic.
  }];
  let cppNamespace = "::plexus::nn";
}

class NN_Op<string mnemonic, list<Trait> traits = []>
    : Op<NN_Dialect, mnemonic, traits>;

// Models are f32; f64 is accepted so that gradient rules can be checked
// against finite differences in double precision.
def NN_Tensor : TensorOf<[F32, F64]>;
def NN_Matrix : 2DTensorOf<[F32, F64]>;
def NN_Vector : 1DTensorOf<[F32, F64]>;
def NN_Scalar : 0DTensorOf<[F32, F64]>;

#endif // PLEXUS_NN_BASE
