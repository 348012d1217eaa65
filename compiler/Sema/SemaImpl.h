//===- SemaImpl.h - Shared state of the Sema implementation -----*- C++ -*-===//
//
// Internal to compiler/Sema: the checker is split by declaration kind
// (models, data, training) over three files that share this class.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_COMPILER_SEMA_SEMAIMPL_H
#define PLEXUS_COMPILER_SEMA_SEMAIMPL_H

#include "compiler/Sema/Sema.h"
#include "compiler/Sema/Signatures.h"

#include "llvm/ADT/StringMap.h"

namespace plexus {

/// The shape of one value in a model body and where it came from, so that a
/// mismatch can show the chain of shapes that led to it.
struct TensorValue {
  Shape shape;
  Location loc;
  std::string origin; // e.g. "dense(x, 500, relu)"
  std::shared_ptr<const TensorValue> input;
  std::string activation; // the last activation applied, if any
};
using TensorValuePtr = std::shared_ptr<const TensorValue>;

class SemaImpl {
public:
  SemaImpl(const Program &program, DiagnosticEngine &diags,
           llvm::ArrayRef<std::string> functions)
      : program(program), diags(diags), functions(functions) {}

  std::unique_ptr<CheckedProgram> run();

  // Models (SemaModel.cpp).
  void checkModel(const ModelDecl &model);
  std::optional<Shape> checkType(const TypeExpr &type);
  TensorValuePtr checkTensorExpr(const Expr &expr,
                                 llvm::StringMap<TensorValuePtr> &scope);
  TensorValuePtr checkLayerCall(const CallExpr &call,
                                llvm::StringMap<TensorValuePtr> &scope);
  void explainShapes(const TensorValuePtr &value);

  // Layers (SemaLayers.cpp).
  Signature layerSignature(LayerSpec::Kind kind, llvm::StringRef name) const;
  std::optional<LayerSpec> resolveLayer(const CallExpr &call,
                                        LayerSpec::Kind kind,
                                        const BoundCall &bound,
                                        const TensorValuePtr &input);
  bool expectRank(const CallExpr &call, const TensorValuePtr &input,
                  size_t rank, llvm::StringRef what);

  // Data sources (SemaData.cpp).
  void checkData(const DataDecl &decl);
  bool probeCSV(const CallExpr &call, DataSpec &spec);
  bool probeNPY(const CallExpr &call, const std::string &path,
                int64_t &features);
  bool probeIDX(const CallExpr &call, const std::string &path,
                int64_t &features);
  std::string resolvePath(const Location &from, llvm::StringRef path);

  // Explicit training loops (SemaLoop.cpp): returns the number of `step`
  // statements; `lossAt` receives the location of the last step's loss.
  unsigned checkLoop(TrainSpec &spec, llvm::ArrayRef<const Stmt *> loop,
                     std::optional<Location> &lossAt);

  // Training, evaluation, prediction (SemaTrain.cpp).
  void checkTrain(const TrainDecl &decl);
  void checkEvaluate(const EvaluateDecl &decl);
  void checkPredict(const PredictDecl &decl);
  const ModelInfo *lookupModel(const std::string &name, const Location &loc);
  std::optional<DataRef> checkDataRef(const Expr &expr);
  bool checkModelMatchesData(const ModelInfo &model, const DataRef &data,
                             const Expr &dataExpr);
  std::optional<OptimizerSpec> checkOptimizer(const Expr &expr);
  std::optional<std::vector<std::string>> checkMetrics(const Expr &expr);

  /// Names a model body can call (and use as dense's activation).
  std::vector<std::string> layerNames() const;
  /// Values of dense's `activation`: the functions, and `linear`.
  std::vector<std::string> activationNames() const;

  const Program &program;
  DiagnosticEngine &diags;
  /// Surface functions from the op registry (see checkProgram).
  llvm::ArrayRef<std::string> functions;
  std::unique_ptr<CheckedProgram> result = std::make_unique<CheckedProgram>();
  /// First declaration of each top-level name, for redefinition errors.
  llvm::StringMap<const Decl *> topLevelNames;
  llvm::StringMap<const DataSpec *> dataByName;
  llvm::StringMap<size_t> modelIndex;
  /// The model whose body is being checked.
  ModelInfo *currentModel = nullptr;
};

/// The layer called `name`, if it is one (not a surface function).
std::optional<LayerSpec::Kind> layerKind(llvm::StringRef name);
const std::vector<std::string> &layerKindNames();

/// Loss functions: categorical_crossentropy, ...
const std::vector<std::string> &lossNames();
/// Metrics accepted in `metrics = [...]` and `evaluate(...)`.
const std::vector<std::string> &metricNames();

} // namespace plexus

#endif // PLEXUS_COMPILER_SEMA_SEMAIMPL_H
