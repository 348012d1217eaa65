//===- SemaLayers.cpp - Layers: signatures and shape rules ----------------===//
//
// The layers a model body can call besides the surface functions: those
// that own parameters (dense, conv2d, layer_norm, embedding) or change
// shapes (pooling, flatten), and dropout. Each is bound to its signature and
// resolved into a LayerSpec with its output shape; shape errors name the
// input shape and the arguments that produced them.
//
//===----------------------------------------------------------------------===//

#include "compiler/Sema/SemaImpl.h"

#include "llvm/ADT/StringSwitch.h"

using namespace plexus;
using Kind = LayerSpec::Kind;

std::optional<Kind> plexus::layerKind(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<Kind>>(name)
      .Case("dense", Kind::Dense)
      .Case("conv2d", Kind::Conv2D)
      .Case("max_pool2d", Kind::MaxPool2D)
      .Case("avg_pool2d", Kind::AvgPool2D)
      .Case("flatten", Kind::Flatten)
      .Case("dropout", Kind::Dropout)
      .Case("layer_norm", Kind::LayerNorm)
      .Case("batch_norm", Kind::BatchNorm)
      .Case("embedding", Kind::Embedding)
      .Default(std::nullopt);
}

const std::vector<std::string> &plexus::layerKindNames() {
  static const std::vector<std::string> names = {
      "dense",   "conv2d",  "max_pool2d", "avg_pool2d",
      "flatten", "dropout", "layer_norm", "embedding"};
  return names;
}

Signature SemaImpl::layerSignature(Kind kind, llvm::StringRef name) const {
  ParamSpec input{"input", ArgKind::Tensor, true};
  ParamSpec activation{"activation", ArgKind::Symbol};
  activation.symbols = activationNames();
  ParamSpec bias{"bias", ArgKind::Bool};
  auto positive = [](const char *n, bool required) {
    return ParamSpec{n, ArgKind::Int, required, 1, 1 << 24};
  };
  switch (kind) {
  case Kind::Dense:
    return {name.str(), {input, positive("units", true), activation, bias}, 3};
  case Kind::Conv2D: {
    ParamSpec padding{"padding", ArgKind::Symbol};
    padding.symbols = {"valid", "same"};
    return {name.str(),
            {input, positive("filters", true), positive("kernel", true),
             activation, positive("stride", false), padding, bias},
            4};
  }
  case Kind::MaxPool2D:
  case Kind::AvgPool2D:
    return {name.str(),
            {input, positive("size", false), positive("stride", false)},
            2};
  case Kind::Flatten:
    return {name.str(), {input}, 1};
  case Kind::Dropout: {
    ParamSpec rate{"rate", ArgKind::Number, true, 0, 1};
    rate.highOpen = true;
    return {name.str(), {input, rate}, 2};
  }
  case Kind::LayerNorm: {
    ParamSpec epsilon{"epsilon", ArgKind::Number, false, 0, 1};
    epsilon.lowOpen = true;
    return {name.str(), {input, epsilon}, 1};
  }
  case Kind::BatchNorm: {
    ParamSpec momentum{"momentum", ArgKind::Number, false, 0, 1};
    momentum.highOpen = true;
    ParamSpec epsilon{"epsilon", ArgKind::Number, false, 0, 1};
    epsilon.lowOpen = true;
    return {name.str(), {input, momentum, epsilon}, 1};
  }
  case Kind::Embedding:
    return {
        name.str(), {input, positive("vocab", true), positive("dim", true)}, 3};
  }
  llvm_unreachable("unknown layer kind");
}

bool SemaImpl::expectRank(const CallExpr &call, const TensorValuePtr &input,
                          size_t rank, llvm::StringRef what) {
  if (input->shape.dims.size() == rank)
    return true;
  diags.error(call.getLoc(), call.calleeName().str() + " expects " +
                                 what.str() + ", found " + input->shape.str());
  explainShapes(input);
  return false;
}

std::optional<LayerSpec> SemaImpl::resolveLayer(const CallExpr &call, Kind kind,
                                                const BoundCall &bound,
                                                const TensorValuePtr &input) {
  LayerSpec spec;
  spec.kind = kind;
  spec.input = input->shape;
  spec.output = input->shape;
  std::vector<int64_t> &out = spec.output.dims;
  switch (kind) {
  case Kind::Dense:
    if (!expectRank(call, input, 2, "a rank-2 input [batch, features]"))
      return std::nullopt;
    spec.units = bound.integer("units", 1);
    spec.activation = bound.string("activation", "linear");
    spec.bias = bound.boolean("bias", true);
    out[1] = spec.units;
    return spec;
  case Kind::Conv2D: {
    if (!expectRank(call, input, 4,
                    "a rank-4 input [batch, height, width, channels]"))
      return std::nullopt;
    spec.units = bound.integer("filters", 1);
    spec.window = bound.integer("kernel", 1);
    spec.stride = bound.integer("stride", 1);
    spec.activation = bound.string("activation", "linear");
    spec.bias = bound.boolean("bias", true);
    bool same = bound.string("padding", "valid") == "same";
    int64_t k = spec.window, s = spec.stride;
    auto extent = [&](int64_t size, int64_t &padBefore,
                      int64_t &padAfter) -> int64_t {
      if (same) {
        // As TensorFlow: ceil(size / stride) outputs, the odd padding
        // element after.
        int64_t n = (size + s - 1) / s;
        int64_t total = std::max<int64_t>((n - 1) * s + k - size, 0);
        padBefore = total / 2;
        padAfter = total - padBefore;
        return n;
      }
      return size < k ? 0 : (size - k) / s + 1;
    };
    out[1] = extent(input->shape.dims[1], spec.padTop, spec.padBottom);
    out[2] = extent(input->shape.dims[2], spec.padLeft, spec.padRight);
    out[3] = spec.units;
    if (out[1] == 0 || out[2] == 0) {
      diags.error(call.getLoc(), "conv2d kernel " + std::to_string(k) + "x" +
                                     std::to_string(k) +
                                     " is larger than its input " +
                                     input->shape.str() + " (padding: valid)");
      explainShapes(input);
      diags.help(call.getLoc(), "use a smaller kernel or 'padding: same'");
      return std::nullopt;
    }
    return spec;
  }
  case Kind::MaxPool2D:
  case Kind::AvgPool2D: {
    if (!expectRank(call, input, 4,
                    "a rank-4 input [batch, height, width, channels]"))
      return std::nullopt;
    spec.window = bound.integer("size", 2);
    spec.stride = bound.integer("stride", spec.window);
    int64_t p = spec.window, s = spec.stride;
    int64_t h = input->shape.dims[1], w = input->shape.dims[2];
    if (h < p || w < p) {
      diags.error(call.getLoc(),
                  call.calleeName().str() + " window " + std::to_string(p) +
                      "x" + std::to_string(p) + " is larger than its input " +
                      input->shape.str());
      explainShapes(input);
      return std::nullopt;
    }
    out[1] = (h - p) / s + 1;
    out[2] = (w - p) / s + 1;
    return spec;
  }
  case Kind::Flatten: {
    if (input->shape.dims.size() < 2) {
      expectRank(call, input, 2, "an input of rank 2 or more");
      return std::nullopt;
    }
    spec.output.dims = {kDynamic, input->shape.elementsPerSample()};
    spec.output.symbols = {input->shape.symbols[0], ""};
    return spec;
  }
  case Kind::Dropout:
    spec.rate = bound.number("rate", 0.5);
    return spec;
  case Kind::LayerNorm:
    spec.epsilon = bound.number("epsilon", 1e-5);
    return spec;
  case Kind::BatchNorm:
    // Keras' defaults.
    spec.momentum = bound.number("momentum", 0.99);
    spec.epsilon = bound.number("epsilon", 1e-3);
    return spec;
  case Kind::Embedding:
    if (!expectRank(call, input, 2,
                    "a rank-2 input [batch, positions] of token ids"))
      return std::nullopt;
    spec.vocab = bound.integer("vocab", 1);
    spec.units = bound.integer("dim", 1);
    out.push_back(spec.units);
    spec.output.symbols.push_back("");
    return spec;
  }
  llvm_unreachable("unknown layer kind");
}
