//===- Sema.h - Name, shape and type checking of Plexus programs -*- C++
//-*-===//
//
// Sema checks a parsed Program and resolves it into plain specifications that
// the later stages consume (MLIRGen builds `nn` ops from models, the runtime
// configuration comes from data/train specs). Every user error is reported
// through the DiagnosticEngine; Sema keeps going after an error so that one
// run reports all of them.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_COMPILER_SEMA_SEMA_H
#define PLEXUS_COMPILER_SEMA_SEMA_H

#include "lang/AST.h"
#include "lang/Diagnostics.h"

#include <map>

namespace plexus {

/// The symbolic batch dimension is stored as kDynamic.
constexpr int64_t kDynamic = -1;

struct Shape {
  std::vector<int64_t> dims;
  /// Symbol names for dynamic dims (e.g. "N"), for messages.
  std::vector<std::string> symbols;
  bool operator==(const Shape &other) const { return dims == other.dims; }
  bool operator!=(const Shape &other) const { return !(*this == other); }
  std::string str() const;
  /// The elements of one sample: the product of the dimensions after the
  /// batch (the features an image-shaped input reads in row-major order).
  int64_t elementsPerSample() const {
    int64_t n = 1;
    for (size_t i = 1; i < dims.size(); ++i)
      n *= dims[i];
    return n;
  }
};

enum class Normalization { None, MinMax, Standard };

/// A resolved `data` declaration.
struct DataSpec {
  /// Mirrors plx_data_kind in the runtime.
  enum class Kind { CSV, NPY, Random, IDX };
  Kind kind = Kind::Random;
  std::string name;
  Location loc;
  /// Path as written and as resolved relative to the model file.
  std::string path, resolvedPath;
  std::string labelsPath, resolvedLabelsPath; // NPY labels file
  bool header = false;
  char delimiter = ',';
  /// Column of the label (CSV), after resolving `first`/`last`; -1: none.
  int64_t labelColumn = -1;
  /// CSV: the label is this many one-hot columns from labelColumn (0: one
  /// column holding the class).
  int64_t oneHot = 0;
  /// Feature columns (CSV); empty means every column but the label.
  std::vector<int64_t> featureColumns;
  int64_t numFeatures = 0;
  /// Number of classes for classification (random data), 0 if unknown.
  int64_t numClasses = 0;
  int64_t numSamples = 0; // random data only
  Normalization normalize = Normalization::None;
  /// Fraction in the training split; 0 means no split.
  double split = 0;
  int64_t seed = 0;
};

/// Which part of a data set a train/evaluate/predict refers to.
enum class DataPart { All, Train, Test };

struct DataRef {
  const DataSpec *data = nullptr;
  DataPart part = DataPart::All;
};

struct OptimizerSpec {
  std::string kind = "sgd"; // sgd | adam | adamw | rmsprop
  double lr = 0.01;
  double momentum = 0;
  bool nesterov = false;
  double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7;
  double rho = 0.9;       // rmsprop
  double weightDecay = 0; // adamw (decoupled)
  double clipNorm = 0;    // > 0: clip the gradient's global L2 norm
  Location loc;
};

/// A resolved `train` declaration. The declarative form fills the numbers
/// below; an explicit loop keeps its statements in `loop` for MLIRGen.
struct TrainSpec {
  const ModelDecl *model = nullptr;
  const TrainDecl *decl = nullptr;
  DataRef data;
  std::string loss = "categorical_crossentropy";
  bool fromLogits = false;
  OptimizerSpec optimizer;
  int64_t epochs = 1;
  int64_t batch = 32;
  bool shuffle = true;
  int64_t seed = 0;
  std::vector<std::string> metrics;
  /// Learning-rate schedule per epoch: "" (constant), "step_decay" (times
  /// `factor` every `every` epochs), "exponential" (times `factor` each
  /// epoch) or "cosine" (to `minLr` over the epochs); then a linear warmup
  /// over the first `warmup` epochs.
  std::string schedule;
  /// Fraction of the training data held out and evaluated after each epoch.
  double validation = 0;
  /// The metric early stopping and keep_best watch ("val_loss", "accuracy";
  /// losses and errors improve downwards, the others upwards).
  std::string monitor;
  /// Early stopping: epochs without an improvement of more than `minDelta`
  /// before training stops (0: never).
  int64_t patience = 0;
  double minDelta = 0;
  /// Write `<checkpoint>.epoch<N>.safetensors` every N epochs (0: never).
  int64_t checkpointEvery = 0;
  /// Write `<checkpoint>.best.safetensors` whenever the monitor improves.
  bool keepBest = false;
  double factor = 0.5, minLr = 0;
  int64_t every = 10, warmup = 0;
  /// Statements of the explicit loop form (empty for the declarative form).
  std::vector<const Stmt *> loop;
};

struct EvaluateSpec {
  const ModelDecl *model = nullptr;
  DataRef data;
  std::vector<std::string> metrics;
  int64_t batch = 32;
};

struct PredictSpec {
  const ModelDecl *model = nullptr;
  DataRef data;
  std::string output;
};

/// A layer call as Sema resolved it; MLIRGen builds it (and the parameters
/// it owns) from these fields alone.
struct LayerSpec {
  enum class Kind {
    Dense,
    Conv2D,
    MaxPool2D,
    AvgPool2D,
    Flatten,
    Dropout,
    LayerNorm,
    BatchNorm,
    Embedding
  };
  Kind kind = Kind::Dense;
  Shape input, output;
  /// Applied after the layer (dense, conv2d); "linear" is none.
  std::string activation = "linear";
  bool bias = true;
  /// dense units, conv2d filters, embedding dimension.
  int64_t units = 0;
  /// conv2d kernel and pooling window (square), and their stride.
  int64_t window = 1, stride = 1;
  /// conv2d zero padding (top, bottom, left, right) for padding: same.
  int64_t padTop = 0, padBottom = 0, padLeft = 0, padRight = 0;
  double rate = 0;        // dropout
  double epsilon = 1e-5;  // layer_norm, batch_norm
  double momentum = 0.99; // batch_norm: of the moving statistics
  int64_t vocab = 0;      // embedding
  /// Whether the layer owns trainable parameters.
  bool hasParams() const {
    return kind == Kind::Dense || kind == Kind::Conv2D ||
           kind == Kind::LayerNorm || kind == Kind::BatchNorm ||
           kind == Kind::Embedding;
  }
};

struct ModelInfo {
  const ModelDecl *decl = nullptr;
  Shape input, output;
  /// The activation the model's output ends in ("softmax", ...; "" if none)
  /// and where it is returned.
  std::string outputActivation;
  Location returnLoc;
  /// Every layer call of the body (not surface functions or operators).
  std::map<const CallExpr *, LayerSpec> layers;
  /// Whether the model has layers that behave differently in training
  /// (dropout, batch_norm), and whether dropout needs the step.
  bool hasTrainingOnlyLayers = false;
  bool hasDropout = false;
};

/// Everything the back end needs, resolved and checked. Pointers refer into
/// the Program, which must outlive this object.
struct CheckedProgram {
  std::vector<std::unique_ptr<DataSpec>> data;
  std::vector<ModelInfo> models;
  std::vector<TrainSpec> trains;
  std::vector<EvaluateSpec> evaluations;
  std::vector<PredictSpec> predictions;
};

/// Losses of regression models: their targets are real values, one per
/// output, and their metrics are errors rather than accuracy.
inline bool isRegressionLoss(llvm::StringRef loss) {
  return loss == "mse" || loss == "mae" || loss == "huber";
}

/// Losses of classifiers over several classes: softmax cross-entropy.
inline bool isCrossEntropyLoss(llvm::StringRef loss) {
  return loss == "categorical_crossentropy" ||
         loss == "sparse_categorical_crossentropy" || loss == "cross_entropy";
}

/// Optimizers that keep two moments per parameter (else one).
inline bool hasTwoMoments(llvm::StringRef optimizer) {
  return optimizer == "adam" || optimizer == "adamw";
}

/// Checks `program`; returns null after reporting errors through `diags`.
/// `functions` are the names model files may call like `gelu(x)`: the
/// surface functions of the op registry (nn::surfaceFunctions), which Sema
/// does not depend on.
std::unique_ptr<CheckedProgram>
checkProgram(const Program &program, DiagnosticEngine &diags,
             llvm::ArrayRef<std::string> functions);

} // namespace plexus

#endif // PLEXUS_COMPILER_SEMA_SEMA_H
