//===- Passes.td - Passes over the nn dialect --------------*- tablegen -*-===//

#ifndef PLEXUS_NN_PASSES
#define PLEXUS_NN_PASSES

include "mlir/Pass/PassBase.td"

def NNAutodiff : Pass<"nn-autodiff", "mlir::ModuleOp"> {
  let summary = "Reverse-mode automatic differentiation of nn functions";
  let description = [{
    For every function carrying `nn.differentiate = N`, adds a function
    `<name>_grad` that returns the original results followed by the gradient
    of result 0 (a scalar loss) with respect to the first N arguments. The
    backward ops come from each op's GradientOpInterface; contributions of a
    value used several times are summed. If the loss depends on ops without a
    gradient rule, one error lists every such op with its location.
  }];
  let dependentDialects = ["::plexus::nn::NNDialect",
                           "::mlir::arith::ArithDialect"];
}

def NNBuildTrainStep : Pass<"nn-build-train-step", "mlir::ModuleOp"> {
  let summary = "Builds plx_train_step: loss, backward and optimizer update";
  let description = [{
    Creates the public `plx_train_step(params, state, x, y, hyper, loss, out)`
    function (C interface, memref arguments). It slices the flat parameter
    buffer, calls `loss_grad`, flattens the gradients and applies the
    optimizer described by the module's `nn.optimizer` attribute
    (`nn.sgd_update` or `nn.adam_update`), writing parameters and optimizer
    state back in place. `hyper` holds the learning rate and the 1-based
    step number.
  }];
  let dependentDialects = ["::plexus::nn::NNDialect",
                           "::mlir::bufferization::BufferizationDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::tensor::TensorDialect"];
}

#endif // PLEXUS_NN_PASSES
