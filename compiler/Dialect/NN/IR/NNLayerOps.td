//===- NNLayerOps.td - Convolution, pooling and shape ops --*- tablegen -*-===//
//
// Images are NHWC (batch, height, width, channels), filters HWCF (height,
// width, input channels, output channels), as in TensorFlow. Each op's
// gradient rule and lowering are in Ops/<Name>.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_NN_LAYER_OPS
#define PLEXUS_NN_LAYER_OPS

def NN_Image : 4DTensorOf<[F32, F64]>;

/// A differentiable op that lowers itself.
class NN_LayerOp<string mnemonic, list<Trait> traits = []>
    : NN_DiffOp<mnemonic, !listconcat(traits,
        [DeclareOpInterfaceMethods<LinalgLoweringOpInterface>])>;

/// A kernel of a gradient rule that lowers itself.
class NN_LayerGradOp<string mnemonic, list<Trait> traits = []>
    : NN_GradOp<mnemonic, !listconcat(traits,
        [DeclareOpInterfaceMethods<LinalgLoweringOpInterface>])>;

//===----------------------------------------------------------------------===//
// Convolution
//===----------------------------------------------------------------------===//

def NN_Conv2DOp : NN_LayerOp<"conv2d"> {
  let summary = "2-D convolution (cross-correlation), NHWC x HWCF -> NHWC";
  let description = [{
    `result[n, i, j, f] = sum_{kh, kw, c} xp[n, i*sh + kh, j*sw + kw, c] *
    filter[kh, kw, c, f]`, where `xp` is the input with `padding`
    (top, bottom, left, right) zeros around it.

    ```mlir
    %y = nn.conv2d %x, %w {strides = array<i64: 1, 1>,
                           padding = array<i64: 1, 1, 1, 1>}
        : tensor<?x8x8x1xf32>, tensor<3x3x1x16xf32> -> tensor<?x8x8x16xf32>
    ```
  }];
  let arguments = (ins NN_Image:$input, NN_Image:$filter,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$padding);
  let results = (outs NN_Image:$result);
  let assemblyFormat = [{
    $input `,` $filter attr-dict `:` type($input) `,` type($filter) `->`
    type($result)
  }];
  let hasVerifier = 1;
}

def NN_Conv2DBackpropInputOp : NN_LayerGradOp<"conv2d_backprop_input"> {
  let summary = "Gradient of conv2d with respect to its input";
  let description = [{
    Given the gradient of the result and the filter, returns the gradient
    of the (unpadded) input, whose type is the result type.

    ```mlir
    %dx = nn.conv2d_backprop_input %dy, %w {strides = array<i64: 1, 1>,
                                            padding = array<i64: 1, 1, 1, 1>}
        : tensor<?x8x8x16xf32>, tensor<3x3x1x16xf32> -> tensor<?x8x8x1xf32>
    ```
  }];
  let arguments = (ins NN_Image:$grad, NN_Image:$filter,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$padding);
  let results = (outs NN_Image:$result);
  let assemblyFormat = [{
    $grad `,` $filter attr-dict `:` type($grad) `,` type($filter) `->`
    type($result)
  }];
}

def NN_Conv2DBackpropFilterOp : NN_LayerGradOp<"conv2d_backprop_filter"> {
  let summary = "Gradient of conv2d with respect to its filter";
  let description = [{
    ```mlir
    %dw = nn.conv2d_backprop_filter %x, %dy {strides = array<i64: 1, 1>,
                                             padding = array<i64: 1, 1, 1, 1>}
        : tensor<?x8x8x1xf32>, tensor<?x8x8x16xf32> -> tensor<3x3x1x16xf32>
    ```
  }];
  let arguments = (ins NN_Image:$input, NN_Image:$grad,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$padding);
  let results = (outs NN_Image:$result);
  let assemblyFormat = [{
    $input `,` $grad attr-dict `:` type($input) `,` type($grad) `->`
    type($result)
  }];
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

class NN_Pool2DOp<string mnemonic, string what> : NN_LayerOp<mnemonic> {
  let summary = what # " over square windows (no padding)";
  let description = [{
    `result[n, i, j, c]` pools `input[n, i*s + a, j*s + b, c]` over the
    window `0 <= a, b < window`.

    ```mlir
    %y = nn.}] # mnemonic # [{ %x {window = 2 : i64, stride = 2 : i64}
        : tensor<?x8x8x16xf32> -> tensor<?x4x4x16xf32>
    ```
  }];
  let arguments = (ins NN_Image:$input, I64Attr:$window, I64Attr:$stride);
  let results = (outs NN_Image:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def NN_MaxPool2DOp : NN_Pool2DOp<"max_pool2d", "Maximum">;
def NN_AvgPool2DOp : NN_Pool2DOp<"avg_pool2d", "Average">;

def NN_MaxPool2DGradOp : NN_LayerGradOp<"max_pool2d_grad",
    [AllTypesMatch<["output", "grad"]>, AllTypesMatch<["input", "result"]>]> {
  let summary = "Backward of max_pool2d";
  let description = [{
    Each window's gradient goes to the input elements equal to the window's
    maximum (all of them on a tie).

    ```mlir
    %dx = nn.max_pool2d_grad %x, %y, %dy {window = 2 : i64, stride = 2 : i64}
        : tensor<?x8x8x16xf32>, tensor<?x4x4x16xf32> -> tensor<?x8x8x16xf32>
    ```
  }];
  let arguments = (ins NN_Image:$input, NN_Image:$output, NN_Image:$grad,
                       I64Attr:$window, I64Attr:$stride);
  let results = (outs NN_Image:$result);
  let assemblyFormat = [{
    $input `,` $output `,` $grad attr-dict `:` type($input) `,` type($output)
    `->` type($result)
  }];
}

def NN_AvgPool2DGradOp : NN_LayerGradOp<"avg_pool2d_grad"> {
  let summary = "Backward of avg_pool2d";
  let description = [{
    ```mlir
    %dx = nn.avg_pool2d_grad %dy {window = 2 : i64, stride = 2 : i64}
        : tensor<?x4x4x16xf32> -> tensor<?x8x8x16xf32>
    ```
  }];
  let arguments = (ins NN_Image:$grad, I64Attr:$window, I64Attr:$stride);
  let results = (outs NN_Image:$result);
  let assemblyFormat = "$grad attr-dict `:` type($grad) `->` type($result)";
}

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

def NN_ReshapeOp : NN_LayerOp<"reshape"> {
  let summary = "Reshapes each sample, keeping the batch dimension";
  let description = [{
    The elements of each sample keep their row-major order: `flatten` is a
    reshape to `[batch, features]`, and an image input a reshape from it.

    ```mlir
    %y = nn.reshape %x : tensor<?x4x4x16xf32> -> tensor<?x256xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}


//===----------------------------------------------------------------------===//
// Regularization and normalization
//===----------------------------------------------------------------------===//

def NN_DropoutOp : NN_LayerOp<"dropout", [AllTypesMatch<["input", "result"]>]> {
  let summary = "Zeroes elements with probability `rate`, scales the rest";
  let description = [{
    Element `k` (row-major index) is kept when a counter-based hash of
    (`seed`, `step`, `k`) maps to a number in [0, 1) at or above `rate`, and
    is then scaled by 1 / (1 - rate). The mask is a pure function of its
    inputs: the same step masks the same elements, which makes the op its
    own gradient (the same mask applied to the incoming gradient) and
    training reproducible. MLIRGen emits it in training only; `step` is the
    optimizer step.

    ```mlir
    %y = nn.dropout %x, %step {rate = 5.000000e-01 : f64, seed = 7 : i64}
        : tensor<?x64xf32>, tensor<f32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_Scalar:$step, F64Attr:$rate,
                       I64Attr:$seed);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $step attr-dict `:` type($input) `,` type($step)
  }];
}

def NN_NormalizeOp : NN_LayerOp<"normalize", [SameOperandsAndResultType]> {
  let summary = "Standardizes along the last dimension (layer normalization)";
  let description = [{
    `(x - mean) / sqrt(var + epsilon)` with the mean and the (biased)
    variance of each vector along the last dimension.

    ```mlir
    %y = nn.normalize %x {epsilon = 1.000000e-05 : f64} : tensor<?x64xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, F64Attr:$epsilon);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
}

def NN_NormalizeGradOp : NN_LayerGradOp<"normalize_grad",
    [SameOperandsAndResultType]> {
  let summary = "Backward of normalize";
  let description = [{
    With `xhat` the normalized input and `sigma` its standard deviation:
    `dx = (dy - mean(dy) - xhat * mean(dy * xhat)) / sigma`, means along the
    last dimension.

    ```mlir
    %dx = nn.normalize_grad %x, %dy {epsilon = 1.000000e-05 : f64}
        : tensor<?x64xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_Tensor:$grad, F64Attr:$epsilon);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = "$input `,` $grad attr-dict `:` type($result)";
}

def NN_ScaleLastOp : NN_LayerOp<"scale_last",
    [AllTypesMatch<["input", "result"]>]> {
  let summary = "Multiplies by a vector along the last dimension";
  let description = [{
    The learned scale (gamma) of a normalization layer.

    ```mlir
    %y = nn.scale_last %x, %gamma : tensor<?x64xf32>, tensor<64xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_Vector:$scale);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $scale attr-dict `:` type($input) `,` type($scale)
  }];
}

//===----------------------------------------------------------------------===//
// Embeddings
//===----------------------------------------------------------------------===//

def NN_EmbeddingOp : NN_LayerOp<"embedding"> {
  let summary = "Looks up a row of a table for each token id";
  let description = [{
    `result[n, t, :] = table[id, :]` with `id` the integer value of
    `ids[n, t]`, clamped to the table. The ids get no gradient.

    ```mlir
    %y = nn.embedding %ids, %table
        : tensor<?x12xf32>, tensor<100x16xf32> -> tensor<?x12x16xf32>
    ```
  }];
  let arguments = (ins NN_Matrix:$ids, NN_Matrix:$table);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = [{
    $ids `,` $table attr-dict `:` type($ids) `,` type($table) `->`
    type($result)
  }];
  let hasVerifier = 1;
}

def NN_EmbeddingGradOp : NN_LayerGradOp<"embedding_grad"> {
  let summary = "Gradient of embedding with respect to its table";
  let description = [{
    `dtable[v, :] = sum over (n, t) with id(n, t) == v of grad[n, t, :]`.

    ```mlir
    %dt = nn.embedding_grad %ids, %dy
        : tensor<?x12xf32>, tensor<?x12x16xf32> -> tensor<100x16xf32>
    ```
  }];
  let arguments = (ins NN_Matrix:$ids, NN_Tensor:$grad);
  let results = (outs NN_Matrix:$result);
  let assemblyFormat = [{
    $ids `,` $grad attr-dict `:` type($ids) `,` type($grad) `->` type($result)
  }];
}


//===----------------------------------------------------------------------===//
// Batch normalization
//===----------------------------------------------------------------------===//

def NN_BatchNormalizeOp : NN_LayerOp<"batch_normalize",
    [SameOperandsAndResultType]> {
  let summary = "Standardizes each channel with the statistics of the batch";
  let description = [{
    Each channel (the last dimension) is standardized with the mean and the
    (biased) variance over all other dimensions (the batch, and the image
    positions): batch normalization in training. MLIRGen adds the learned
    scale and shift, and keeps moving averages of the statistics
    (`batch_mean`, `batch_variance`) for `batch_norm_inference`.

    ```mlir
    %y = nn.batch_normalize %x {epsilon = 1.000000e-03 : f64} : tensor<?x64xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, F64Attr:$epsilon);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
}

def NN_BatchNormalizeGradOp : NN_LayerGradOp<"batch_normalize_grad",
    [SameOperandsAndResultType]> {
  let summary = "Backward of batch_normalize";
  let description = [{
    `dx = (dy - mean(dy) - xhat * mean(dy * xhat)) / sigma`, the means over
    every dimension but the last.

    ```mlir
    %dx = nn.batch_normalize_grad %x, %dy {epsilon = 1.000000e-03 : f64}
        : tensor<?x64xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_Tensor:$grad, F64Attr:$epsilon);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = "$input `,` $grad attr-dict `:` type($result)";
}

class NN_BatchStatisticOp<string mnemonic, string what>
    : NN_LayerGradOp<mnemonic> {
  let summary = "The per-channel " # what # " over the batch";
  let description = [{
    Over every dimension but the last; it updates the moving averages that
    evaluation uses and carries no gradient.

    ```mlir
    %s = nn.}] # mnemonic # [{ %x : tensor<?x64xf32> -> tensor<64xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
  let results = (outs NN_Vector:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def NN_BatchMeanOp : NN_BatchStatisticOp<"batch_mean", "mean">;
def NN_BatchVarianceOp : NN_BatchStatisticOp<"batch_variance",
    "(biased) variance">;

def NN_BatchNormInferenceOp : NN_LayerGradOp<"batch_norm_inference",
    [AllTypesMatch<["input", "result"]>,
     AllTypesMatch<["mean", "variance"]>]> {
  let summary = "Standardizes each channel with given (moving) statistics";
  let description = [{
    `(x - mean) / sqrt(variance + epsilon)` per channel (the last
    dimension): batch normalization in evaluation and prediction.

    ```mlir
    %y = nn.batch_norm_inference %x, %mean, %var {epsilon = 1.000000e-03 : f64}
        : tensor<?x64xf32>, tensor<64xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_Vector:$mean, NN_Vector:$variance,
                       F64Attr:$epsilon);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $mean `,` $variance attr-dict `:` type($input) `,` type($mean)
  }];
}

#endif // PLEXUS_NN_LAYER_OPS
