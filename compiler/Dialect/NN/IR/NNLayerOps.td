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

#endif // PLEXUS_NN_LAYER_OPS
