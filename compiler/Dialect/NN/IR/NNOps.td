//===- NNOps.td - Operations of the nn dialect -------------*- tablegen -*-===//
//
// Forward ops implement GradientOpInterface (their vector-Jacobian product);
// the `*_grad` ops that those rules emit carry NonDifferentiable: they are
// never reached from a loss in forward code.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_NN_OPS
#define PLEXUS_NN_OPS

include "compiler/Dialect/NN/IR/NNBase.td"
include "compiler/Dialect/NN/IR/NNInterfaces.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

class NN_DiffOp<string mnemonic, list<Trait> traits = []>
    : NN_Op<mnemonic, !listconcat(traits, [Pure,
        SameOperandsAndResultElementType,
        DeclareOpInterfaceMethods<GradientOpInterface>])>;

class NN_GradOp<string mnemonic, list<Trait> traits = []>
    : NN_Op<mnemonic, !listconcat(traits, [Pure, NonDifferentiable,
        SameOperandsAndResultElementType])>;

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

def NN_MatmulOp : NN_DiffOp<"matmul"> {
  let summary = "Matrix product with optionally transposed operands";
  let description = [{
    `result = op(lhs) x op(rhs)` where `op` transposes its operand when the
    corresponding flag is set. The backward pass of a dense layer uses the
    transposed forms, which codegen lowers without materialising transposes.

    ```mlir
    %y = nn.matmul %x, %w : tensor<?x10xf32>, tensor<10x500xf32> -> tensor<?x500xf32>
    %dw = nn.matmul %x, %dy {transpose_lhs} : tensor<?x10xf32>, tensor<?x500xf32> -> tensor<10x500xf32>
    ```
  }];
  let arguments = (ins NN_Matrix:$lhs, NN_Matrix:$rhs,
                       UnitAttr:$transpose_lhs, UnitAttr:$transpose_rhs);
  let results = (outs NN_Matrix:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
  let hasVerifier = 1;
}

def NN_BiasAddOp : NN_DiffOp<"bias_add", [AllTypesMatch<["input", "result"]>]> {
  let summary = "Adds a bias vector along the last dimension";
  let description = [{
    ```mlir
    %y = nn.bias_add %x, %b : tensor<?x500xf32>, tensor<500xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_Vector:$bias);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $bias attr-dict `:` type($input) `,` type($bias)
  }];
  let hasVerifier = 1;
}

def NN_SumRowsOp : NN_DiffOp<"sum_rows"> {
  let summary = "Sums over every dimension but the last (batch, positions)";
  let description = [{
    ```mlir
    %db = nn.sum_rows %dy : tensor<?x500xf32> -> tensor<500xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
  let results = (outs NN_Vector:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def NN_BroadcastRowsOp
    : NN_DiffOp<"broadcast_rows", [AllTypesMatch<["like", "result"]>]> {
  let summary = "Repeats a vector along the last dimension of a shape source";
  let description = [{
    The result has the shape of `like` (whose values are not read), every row
    equal to `input`.

    ```mlir
    %m = nn.broadcast_rows %v, %like : tensor<500xf32>, tensor<?x500xf32>
    ```
  }];
  let arguments = (ins NN_Vector:$input, NN_Tensor:$like);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $like attr-dict `:` type($input) `,` type($like)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise arithmetic
//===----------------------------------------------------------------------===//

class NN_BinaryOp<string mnemonic, string what>
    : NN_DiffOp<mnemonic, [SameOperandsAndResultType]> {
  let summary = "Elementwise " # what;
  let description = [{
    Both operands and the result have the same type.

    ```mlir
    %z = nn.}] # mnemonic # [{ %x, %y : tensor<?x10xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$lhs, NN_Tensor:$rhs);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
}

def NN_AddOp : NN_BinaryOp<"add", "addition">;
def NN_SubOp : NN_BinaryOp<"sub", "subtraction">;
def NN_MulOp : NN_BinaryOp<"mul", "multiplication">;

class NN_UnaryOp<string mnemonic, string what, list<Trait> traits = []>
    : NN_DiffOp<mnemonic, !listconcat(traits, [SameOperandsAndResultType])> {
  let summary = what;
  let description = [{
    ```mlir
    %y = nn.}] # mnemonic # [{ %x : tensor<?x10xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
}

def NN_NegOp : NN_UnaryOp<"neg", "Elementwise negation">;

def NN_ScaleOp : NN_DiffOp<"scale", [SameOperandsAndResultType]> {
  let summary = "Multiplies every element by a constant";
  let description = [{
    ```mlir
    %y = nn.scale %x {factor = 0.5 : f32} : tensor<?x10xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, F32Attr:$factor);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
}

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

/// An activation that model files call by name (`gelu(x)`, or
/// `dense(x, 10, gelu)`). Its gradient rule and its lowering are written
/// together in `Ops/<Name>.cpp` (or the family's file); nothing else needs
/// to know about it. See docs/adding-an-op.md.
class NN_Activation<string mnemonic, string what, list<Trait> traits = []>
    : NN_UnaryOp<mnemonic, what, !listconcat(traits, [
        SurfaceFunctionOpInterface,
        DeclareOpInterfaceMethods<LinalgLoweringOpInterface>])>;

def NN_ReluOp : NN_Activation<"relu", "Rectified linear unit, max(x, 0)">;
def NN_SigmoidOp
    : NN_Activation<"sigmoid", "Logistic function 1 / (1 + exp(-x))">;
def NN_TanhOp : NN_Activation<"tanh", "Hyperbolic tangent">;
def NN_GeluOp : NN_Activation<"gelu",
    "Gaussian error linear unit, x * Phi(x) = x (1 + erf(x / sqrt 2)) / 2">;
def NN_SiluOp : NN_Activation<"silu",
    "Sigmoid linear unit (swish), x * sigmoid(x)">;

def NN_SoftmaxOp : NN_UnaryOp<"softmax",
    "Softmax over the last dimension, computed as exp(x - max) / sum",
    [SurfaceFunctionOpInterface]> {
  let arguments = (ins NN_Matrix:$input);
  let results = (outs NN_Matrix:$result);
}

def NN_LogSoftmaxOp : NN_UnaryOp<"log_softmax",
    "Log-softmax over the last dimension, x - max - log(sum(exp(x - max)))",
    [SurfaceFunctionOpInterface]> {
  let arguments = (ins NN_Matrix:$input);
  let results = (outs NN_Matrix:$result);
}

def NN_RoundOp : NN_Op<"round", [Pure, SameOperandsAndResultType,
    NoGradientRule, SurfaceFunctionOpInterface,
    DeclareOpInterfaceMethods<LinalgLoweringOpInterface>]> {
  let summary = "Rounds to the nearest integer (no gradient rule)";
  let description = [{
    Rounding has a zero derivative almost everywhere, which silently stops
    training; this op deliberately has no GradientOpInterface, so autodiff
    rejects a loss that depends on it (and names it).

    ```mlir
    %y = nn.round %x : tensor<?x10xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
}

//===----------------------------------------------------------------------===//
// Optimizer updates on the flat parameter buffer
//===----------------------------------------------------------------------===//

def NN_SGDUpdateOp : NN_Op<"sgd_update", [Pure, NonDifferentiable,
    AllTypesMatch<["param", "grad", "velocity", "new_param", "new_velocity"]>]> {
  let summary = "One SGD step with (Nesterov) momentum";
  let description = [{
    PyTorch's formulation: `v' = momentum * v + g`, then
    `p' = p - lr * (nesterov ? g + momentum * v' : v')`. With momentum 0 this
    is plain SGD.

    ```mlir
    %p2, %v2 = nn.sgd_update %p, %g, %v, %lr, %momentum {nesterov = false} : tensor<5510xf32>
    ```

    The hyperparameters are values, not attributes: the compiled program
    reads them from its command line (`--lr`, `--momentum`).
  }];
  let arguments = (ins NN_Vector:$param, NN_Vector:$grad, NN_Vector:$velocity,
                       F32:$lr, F32:$momentum, BoolAttr:$nesterov);
  let results = (outs NN_Vector:$new_param, NN_Vector:$new_velocity);
  let assemblyFormat = [{
    $param `,` $grad `,` $velocity `,` $lr `,` $momentum attr-dict `:`
    type($param)
  }];
}

def NN_AdamUpdateOp : NN_Op<"adam_update", [Pure, NonDifferentiable,
    AllTypesMatch<["param", "grad", "m", "v", "new_param", "new_m", "new_v"]>]> {
  let summary = "One Adam step with bias correction";
  let description = [{
    Keras' formulation at step `t` (1-based):
    `m' = b1 m + (1 - b1) g`, `v' = b2 v + (1 - b2) g^2`,
    `lr_t = lr * sqrt(1 - b2^t) / (1 - b1^t)`,
    `p' = p - lr * weight_decay * p - lr_t * m' / (sqrt(v') + epsilon)`
    (AdamW's decoupled weight decay; 0 for Adam).

    ```mlir
    %p2, %m2, %v2 = nn.adam_update %p, %g, %m, %v, %lr, %t, %b1, %b2, %eps, %wd : tensor<5510xf32>
    ```
  }];
  let arguments = (ins NN_Vector:$param, NN_Vector:$grad, NN_Vector:$m,
                       NN_Vector:$v, F32:$lr, F32:$step, F32:$beta1,
                       F32:$beta2, F32:$epsilon, F32:$weight_decay);
  let results = (outs NN_Vector:$new_param, NN_Vector:$new_m,
                      NN_Vector:$new_v);
  let assemblyFormat = [{
    $param `,` $grad `,` $m `,` $v `,` $lr `,` $step `,` $beta1 `,` $beta2 `,`
    $epsilon `,` $weight_decay attr-dict `:` type($param)
  }];
}

def NN_ClipByGlobalNormOp : NN_Op<"clip_by_global_norm", [Pure,
    NonDifferentiable, AllTypesMatch<["grad", "result"]>]> {
  let summary = "Scales a gradient down to a maximum L2 norm";
  let description = [{
    `result = grad * min(1, max_norm / ||grad||)` over the whole flat
    gradient (all parameters at once), as Keras' `global_clipnorm`.

    ```mlir
    %c = nn.clip_by_global_norm %g, %max_norm : tensor<5510xf32>
    ```
  }];
  let arguments = (ins NN_Vector:$grad, F32:$max_norm);
  let results = (outs NN_Vector:$result);
  let assemblyFormat = "$grad `,` $max_norm attr-dict `:` type($grad)";
}

def NN_RMSPropUpdateOp : NN_Op<"rmsprop_update", [Pure, NonDifferentiable,
    AllTypesMatch<["param", "grad", "ms", "new_param", "new_ms"]>]> {
  let summary = "One RMSProp step";
  let description = [{
    `ms' = rho ms + (1 - rho) g^2`, `p' = p - lr g / (sqrt(ms') + epsilon)`.

    ```mlir
    %p2, %s2 = nn.rmsprop_update %p, %g, %s, %lr, %rho, %eps : tensor<5510xf32>
    ```
  }];
  let arguments = (ins NN_Vector:$param, NN_Vector:$grad, NN_Vector:$ms,
                       F32:$lr, F32:$rho, F32:$epsilon);
  let results = (outs NN_Vector:$new_param, NN_Vector:$new_ms);
  let assemblyFormat = [{
    $param `,` $grad `,` $ms `,` $lr `,` $rho `,` $epsilon attr-dict `:`
    type($param)
  }];
}

//===----------------------------------------------------------------------===//
// Losses: a scalar, the mean over the batch
//===----------------------------------------------------------------------===//

def NN_SoftmaxCrossEntropyOp : NN_DiffOp<"softmax_cross_entropy",
    [TypesMatchWith<"the loss is a scalar of the operands' element type", "logits", "result", "::mlir::RankedTensorType::get({}, ::mlir::getElementTypeOrSelf($_self))">]> {
  let summary = "Mean cross-entropy of softmax(logits) against class labels";
  let description = [{
    `labels` holds one class index per row (as f32). Computed with the
    log-sum-exp trick, so it is stable for any logits. Both the categorical
    and the sparse categorical losses of the language lower to this op; a
    model ending in `softmax` is trained on its logits through it.

    ```mlir
    %l = nn.softmax_cross_entropy %logits, %labels : tensor<?x10xf32>, tensor<?xf32>
    ```
  }];
  let arguments = (ins NN_Matrix:$logits, NN_Vector:$labels);
  let results = (outs NN_Scalar:$result);
  let assemblyFormat = [{
    $logits `,` $labels attr-dict `:` type($logits) `,` type($labels)
  }];
  let hasVerifier = 1;
}

class NN_ElementwiseLossOp<string mnemonic, string what>
    : NN_DiffOp<mnemonic, [AllTypesMatch<["prediction", "target"]>,
        TypesMatchWith<"the loss is a scalar of the operands' element type",
          "prediction", "result",
          "::mlir::RankedTensorType::get({}, ::mlir::getElementTypeOrSelf($_self))">]> {
  let summary = what;
  let description = [{
    The mean over all elements of the per-element loss of `prediction`
    against `target` (same shape).

    ```mlir
    %l = nn.}] # mnemonic # [{ %pred, %target : tensor<?x1xf32>
    ```
  }];
  let arguments = (ins NN_Matrix:$prediction, NN_Matrix:$target);
  let results = (outs NN_Scalar:$result);
  let assemblyFormat = "$prediction `,` $target attr-dict `:` type($prediction)";
}

def NN_MSELossOp : NN_ElementwiseLossOp<"mse_loss", "Mean squared error">;
def NN_MAELossOp : NN_ElementwiseLossOp<"mae_loss", "Mean absolute error">;
def NN_HuberLossOp : NN_ElementwiseLossOp<"huber_loss",
    "Mean Huber loss with delta 1: d^2 / 2 for |d| <= 1, |d| - 1/2 above">;

def NN_BinaryCrossEntropyOp : NN_DiffOp<"binary_cross_entropy",
    [AllTypesMatch<["prediction", "target"]>,
     TypesMatchWith<"the loss is a scalar of the operands' element type", "prediction", "result", "::mlir::RankedTensorType::get({}, ::mlir::getElementTypeOrSelf($_self))">]> {
  let summary = "Mean binary cross-entropy of probabilities against 0/1 targets";
  let description = [{
    Probabilities are clamped to [1e-7, 1 - 1e-7] before the logarithm.

    ```mlir
    %l = nn.binary_cross_entropy %p, %t : tensor<?x1xf32>
    ```
  }];
  let arguments = (ins NN_Matrix:$prediction, NN_Matrix:$target);
  let results = (outs NN_Scalar:$result);
  let assemblyFormat = "$prediction `,` $target attr-dict `:` type($prediction)";
}

//===----------------------------------------------------------------------===//
// Gradient kernels emitted by the rules above
//===----------------------------------------------------------------------===//

class NN_ActivationGradOp<string mnemonic, string what,
                          list<Trait> traits = []>
    : NN_GradOp<mnemonic, !listconcat(traits, [SameOperandsAndResultType])> {
  let summary = "Backward of " # what;
  let description = [{
    Given the forward value (the forward result, or `input` for gelu) and
    the gradient of the result, returns the gradient of the forward input.

    ```mlir
    %dx = nn.}] # mnemonic # [{ %v, %dy : tensor<?x10xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$forward, NN_Tensor:$grad);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = "$forward `,` $grad attr-dict `:` type($result)";
}

/// The backward kernel of an NN_Activation, lowered next to it.
class NN_ElementwiseGradOp<string mnemonic, string what>
    : NN_ActivationGradOp<mnemonic, what,
        [DeclareOpInterfaceMethods<LinalgLoweringOpInterface>]>;

def NN_ReluGradOp : NN_ElementwiseGradOp<"relu_grad", "relu: dy * (y > 0)">;
def NN_SigmoidGradOp
    : NN_ElementwiseGradOp<"sigmoid_grad", "sigmoid: dy * y * (1 - y)">;
def NN_TanhGradOp : NN_ElementwiseGradOp<"tanh_grad", "tanh: dy * (1 - y^2)">;
def NN_GeluGradOp : NN_ElementwiseGradOp<"gelu_grad",
    "gelu: dy * (Phi(x) + x phi(x)), from the input x">;
def NN_SoftmaxGradOp : NN_ActivationGradOp<"softmax_grad",
    "softmax: y * (dy - sum(dy * y))"> {
  let arguments = (ins NN_Matrix:$forward, NN_Matrix:$grad);
  let results = (outs NN_Matrix:$result);
}
def NN_LogSoftmaxGradOp : NN_ActivationGradOp<"log_softmax_grad",
    "log-softmax: dy - exp(y) * sum(dy)"> {
  let arguments = (ins NN_Matrix:$forward, NN_Matrix:$grad);
  let results = (outs NN_Matrix:$result);
}

class NN_LossGradOp<string mnemonic, string what, Type firstType,
                    Type secondType>
    : NN_GradOp<mnemonic, [AllTypesMatch<["first", "result"]>,
        TypesMatchWith<"the incoming gradient is a scalar", "first", "grad",
          "::mlir::RankedTensorType::get({}, ::mlir::getElementTypeOrSelf($_self))">]> {
  let summary = "Backward of " # what;
  let description = [{
    Returns the gradient of the loss with respect to its first operand,
    scaled by `grad`, the incoming gradient of the (scalar) loss.
  }];
  let arguments = (ins firstType:$first, secondType:$second,
                       NN_Scalar:$grad);
  let results = (outs NN_Matrix:$result);
  let assemblyFormat = [{
    $first `,` $second `,` $grad attr-dict `:` type($first) `,` type($second)
  }];
}

def NN_SoftmaxCrossEntropyGradOp
    : NN_LossGradOp<"softmax_cross_entropy_grad",
                    "softmax cross-entropy: (softmax(x) - onehot(labels)) / rows",
                    NN_Matrix, NN_Vector>;
def NN_MSELossGradOp
    : NN_LossGradOp<"mse_loss_grad", "mean squared error: 2 (p - t) / count",
                    NN_Matrix, NN_Matrix>;
def NN_MAELossGradOp
    : NN_LossGradOp<"mae_loss_grad", "mean absolute error: sign(p - t) / count",
                    NN_Matrix, NN_Matrix>;
def NN_HuberLossGradOp
    : NN_LossGradOp<"huber_loss_grad",
                    "Huber loss: clamp(p - t, -1, 1) / count",
                    NN_Matrix, NN_Matrix>;
def NN_BinaryCrossEntropyGradOp
    : NN_LossGradOp<"binary_cross_entropy_grad",
                    "binary cross-entropy: (p - t) / (p (1 - p)) / count",
                    NN_Matrix, NN_Matrix>;

include "compiler/Dialect/NN/IR/NNLayerOps.td"

#endif // PLEXUS_NN_OPS
