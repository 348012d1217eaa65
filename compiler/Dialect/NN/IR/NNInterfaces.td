//===- NNInterfaces.td - Interfaces of nn ops --------------*- tablegen -*-===//

#ifndef PLEXUS_NN_INTERFACES
#define PLEXUS_NN_INTERFACES

include "mlir/IR/OpBase.td"

// An op without GradientOpInterface carries one of these two traits, so that
// autodiff knows it was decided (the C++ classes are in NNOps.h).

/// Marks a kernel that gradient rules emit: never reached from a loss in
/// forward code, so it needs no rule itself.
def NonDifferentiable : NativeOpTrait<"NonDifferentiable"> {
  let cppNamespace = "::plexus::nn";
}

/// Marks an op that deliberately has no gradient rule: autodiff rejects a
/// loss that depends on it (and names it) instead of silently stopping the
/// gradient there.
def NoGradientRule : NativeOpTrait<"NoGradientRule"> {
  let cppNamespace = "::plexus::nn";
}

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

def LinalgLoweringOpInterface : OpInterface<"LinalgLoweringOpInterface"> {
  let description = [{
    An op that lowers itself to tensors-level code (linalg, tensor, arith,
    math). `convert-nn-to-linalg` replaces every op implementing it, from any
    dialect, with the values `lowerToLinalg` returns; an op's lowering is
    written next to its gradient rule instead of in a central pattern list.
    `compiler/Dialect/NN/IR/LinalgBuilders.h` has the building blocks.
  }];
  let cppNamespace = "::plexus::nn";
  let methods = [
    InterfaceMethod<
      "Builds the op's implementation at the builder's insertion point and "
      "returns the values that replace its results.",
      "::llvm::SmallVector<::mlir::Value>", "lowerToLinalg",
      (ins "::mlir::OpBuilder &":$builder)>,
  ];
}

def SurfaceFunctionOpInterface : OpInterface<"SurfaceFunctionOpInterface"> {
  let description = [{
    An op that model files can call by name: `y = name(x)` in a model body
    and `dense(x, units, name)` as a layer's activation. The front end finds
    these ops in the MLIRContext (built-in and plugin dialects alike), so a
    new op is usable from `.plx` files with no change to the grammar, Sema or
    MLIRGen. The result has the shape of the input.
  }];
  let cppNamespace = "::plexus::nn";
  let methods = [
    StaticInterfaceMethod<
      "The name model files call the op by (by default its mnemonic).",
      "::llvm::StringRef", "getSurfaceName", (ins), [{}], [{
        return ConcreteOp::getOperationName().split('.').second;
      }]>,
    StaticInterfaceMethod<
      "Builds the op for the call `name(input)`.",
      "::mlir::Value", "buildSurfaceCall",
      (ins "::mlir::OpBuilder &":$builder, "::mlir::Location":$loc,
           "::mlir::Value":$input), [{}], [{
        return ConcreteOp::create(builder, loc,
                                  ::mlir::TypeRange{input.getType()},
                                  ::mlir::ValueRange{input})
            ->getResult(0);
      }]>,
  ];
}

#endif // PLEXUS_NN_INTERFACES
