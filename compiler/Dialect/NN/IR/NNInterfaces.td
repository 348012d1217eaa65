//===- NNInterfaces.td - Interfaces of nn ops --------------*- tablegen -*-===//

#ifndef PLEXUS_NN_INTERFACES
#define PLEXUS_NN_INTERFACES

include "mlir/IR/OpBase.td"

def GradientOpInterface : OpInterface<"GradientOpInterface"> {
  let description = [{
    An op that can be differentiated in reverse mode. `buildGradient` emits,
    at the builder's insertion point, the vector-Jacobian product of the op:
    given the gradient of the loss with respect to each result, it returns
    the gradient with respect to each operand (a null Value for operands
    that are not differentiable, such as labels). The rule is written in
    terms of other `nn` ops, so that it lowers like any forward code.
  }];
  let cppNamespace = "::plexus::nn";
  let methods = [
    InterfaceMethod<
      "Builds the gradients of the operands from those of the results.",
      "::llvm::SmallVector<::mlir::Value>", "buildGradient",
      (ins "::mlir::OpBuilder &":$builder,
           "::mlir::ValueRange":$resultGradients)>,
  ];
}

#endif // PLEXUS_NN_INTERFACES
