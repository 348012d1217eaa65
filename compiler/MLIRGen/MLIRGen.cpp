//===- MLIRGen.cpp - AST to the nn dialect --------------------------------===//
//
// One class, one mlirGen overload per AST node kind (as in the MLIR Toy
// tutorial), a scoped symbol table for the model body, and the location of
// the source construct on every op.
//
//===----------------------------------------------------------------------===//

#include "compiler/MLIRGen/MLIRGen.h"

#include "compiler/Dialect/NN/IR/FlatBuffers.h"
#include "compiler/Dialect/NN/IR/NNOps.h"
#include "compiler/Dialect/NN/IR/SurfaceFunctions.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Verifier.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/ScopedHashTable.h"

using namespace mlir;
using namespace plexus;
using llvm::dyn_cast;

namespace {

using Loc = mlir::Location;

class MLIRGenImpl {
public:
  MLIRGenImpl(MLIRContext &context, ModelLayout &layout)
      : builder(&context), layout(layout),
        functions(nn::surfaceFunctions(context)) {}

  OwningOpRef<ModuleOp> generate(const CheckedProgram &program) {
    module = ModuleOp::create(builder.getUnknownLoc());
    if (program.trains.empty()) {
      emitError(builder.getUnknownLoc())
          << "the program has no 'train' declaration: nothing to compile";
      return nullptr;
    }
    const TrainSpec &train = program.trains.front();
    if (program.trains.size() > 1) {
      emitError(loc(program.trains[1].decl->getLoc()))
          << "a program trains one model in language version 1";
      return nullptr;
    }
    layout.train = &train;
    for (const ModelInfo &m : program.models)
      if (m.decl == train.model)
        layout.model = &m;
    const ModelDecl &model = *train.model;
    layout.inputFeatures = layout.model->input.elementsPerSample();
    layout.outputs = layout.model->output.dims[1];
    layout.classification = !isRegressionLoss(train.loss);
    layout.labelColumns =
        isRegressionLoss(train.loss) || train.loss == "binary_crossentropy"
            ? layout.outputs
            : 1;
    module->setName(model.getName());

    collectParams(model);
    // No plx_forward: plx_evaluate computes the same outputs, and the
    // runtime takes its predictions from there. A second copy of the
    // forward pass was a quarter of the code O3 and code generation saw.
    if (failed(buildForward(model)) || failed(buildLosses(model, train)) ||
        failed(buildEvaluateInterface(model)))
      return nullptr;
    setOptimizerAttrs(train);
    if (!train.loop.empty() &&
        failed(generateTrainLoop(*module, program, train)))
      return nullptr;
    if (failed(verify(*module)))
      return nullptr;
    return std::move(module);
  }

private:
  Loc loc(const plexus::Location &l) {
    return FileLineColLoc::get(builder.getStringAttr(l.file), l.line, l.column);
  }

  Type f32() { return builder.getF32Type(); }
  RankedTensorType tensorType(ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, f32());
  }
  RankedTensorType batchType(int64_t columns) {
    return tensorType({ShapedType::kDynamic, columns});
  }
  MemRefType batchMemRef(int64_t columns) {
    return MemRefType::get({ShapedType::kDynamic, columns}, f32());
  }

  //===--------------------------------------------------------------------===//
  // Parameters
  //===--------------------------------------------------------------------===//

  /// Walks the model body once to give every layer that owns parameters
  /// its place in the flat parameter buffer, in source order. Parameters
  /// are named after the assigned value ("h.weight"), or the layer kind and
  /// a counter for nested calls ("dense0.weight").
  void collectParams(const ModelDecl &model) {
    llvm::StringMap<unsigned> counters;
    std::function<void(const Expr &, llvm::StringRef)> visit =
        [&](const Expr &e, llvm::StringRef name) {
          if (auto *b = dyn_cast<BinaryExpr>(&e)) {
            visit(*b->rhs, "");
            visit(*b->lhs, "");
            return;
          }
          auto *call = dyn_cast<CallExpr>(&e);
          if (!call)
            return;
          visit(*call->argument("input", 0), "");
          auto it = layout.model->layers.find(call);
          if (it == layout.model->layers.end() || !it->second.hasParams())
            return;
          std::string kind = call->calleeName().str();
          std::string layer = name.empty()
                                  ? kind + std::to_string(counters[kind]++)
                                  : name.str();
          paramsOfCall[call] = layout.params.size();
          addLayerParams(it->second, layer);
        };
    for (const StmtPtr &stmt : model.body) {
      if (auto *a = dyn_cast<AssignStmt>(stmt.get()))
        visit(*a->value, a->target);
      else if (auto *r = dyn_cast<ReturnStmt>(stmt.get()))
        visit(*r->value, "output");
    }
  }

  void addLayerParams(const LayerSpec &spec, const std::string &layer) {
    using Kind = LayerSpec::Kind;
    // He initialisation before relu, Glorot otherwise (as Keras users
    // expect from their defaults).
    InitKind init = spec.activation == "relu" ? InitKind::HeUniform
                                              : InitKind::GlorotUniform;
    int64_t last = spec.input.dims.back();
    switch (spec.kind) {
    case Kind::Dense:
      addParam(layer + ".weight", {last, spec.units}, init, last, spec.units);
      break;
    case Kind::Conv2D: {
      int64_t k = spec.window, area = spec.window * spec.window;
      addParam(layer + ".weight", {k, k, last, spec.units}, init, area * last,
               area * spec.units);
      break;
    }
    case Kind::LayerNorm:
      addParam(layer + ".gamma", {last}, InitKind::Ones, last, last);
      addParam(layer + ".beta", {last}, InitKind::Zeros, last, last);
      return;
    case Kind::BatchNorm:
      addParam(layer + ".gamma", {last}, InitKind::Ones, last, last);
      addParam(layer + ".beta", {last}, InitKind::Zeros, last, last);
      // Not trained: moving averages that the train step overwrites.
      addParam(layer + ".moving_mean", {last}, InitKind::Zeros, last, last);
      addParam(layer + ".moving_var", {last}, InitKind::Ones, last, last);
      return;
    case Kind::Embedding:
      addParam(layer + ".table", {spec.vocab, spec.units},
               InitKind::SmallUniform, spec.vocab, spec.units);
      return;
    default:
      return;
    }
    if (spec.bias)
      addParam(layer + ".bias", {spec.units}, InitKind::Zeros, last,
               spec.units);
  }

  void addParam(std::string name, std::vector<int64_t> shape, InitKind init,
                int64_t fanIn, int64_t fanOut) {
    ParamInfo p{
        std::move(name), std::move(shape), layout.numParams, init, fanIn,
        fanOut};
    layout.numParams += p.size();
    layout.params.push_back(std::move(p));
  }

  SmallVector<Type> paramTypes() {
    SmallVector<Type> types;
    for (const ParamInfo &p : layout.params)
      types.push_back(tensorType(p.shape));
    return types;
  }

  //===--------------------------------------------------------------------===//
  // The model body
  //===--------------------------------------------------------------------===//

  /// Emits the model body on `input`; returns the output value.
  FailureOr<Value> emitModelBody(const ModelDecl &model, ValueRange params,
                                 Value input) {
    this->params = params;
    symbols.clear();
    dropoutCount = 0;
    // Image-shaped inputs arrive as rows of features.
    RankedTensorType declared = typeOf(layout.model->input);
    if (declared.getRank() > 2)
      input = nn::ReshapeOp::create(builder, loc(model.params[0].loc), declared,
                                    input);
    symbols[model.params[0].name] = input;
    for (const StmtPtr &stmt : model.body) {
      if (auto *a = dyn_cast<AssignStmt>(stmt.get())) {
        FailureOr<Value> v = mlirGen(*a->value);
        if (failed(v))
          return failure();
        symbols[a->target] = *v;
        continue;
      }
      return mlirGen(*cast<ReturnStmt>(stmt.get())->value);
    }
    return failure();
  }

  FailureOr<Value> mlirGen(const Expr &expr) {
    if (auto *n = dyn_cast<NameExpr>(&expr))
      return symbols.lookup(n->name);
    if (auto *b = dyn_cast<BinaryExpr>(&expr))
      return mlirGen(*b);
    if (auto *c = dyn_cast<CallExpr>(&expr))
      return mlirGen(*c);
    emitError(loc(expr.getLoc())) << "unsupported expression in a model";
    return failure();
  }

  FailureOr<Value> mlirGen(const BinaryExpr &b) {
    FailureOr<Value> lhs = mlirGen(*b.lhs), rhs = mlirGen(*b.rhs);
    if (failed(lhs) || failed(rhs))
      return failure();
    Loc l = loc(b.getLoc());
    if (b.op == "+")
      return nn::AddOp::create(builder, l, *lhs, *rhs).getResult();
    if (b.op == "-")
      return nn::SubOp::create(builder, l, *lhs, *rhs).getResult();
    return nn::MulOp::create(builder, l, *lhs, *rhs).getResult();
  }

  /// A surface function (nn::SurfaceFunctionOpInterface) applied to `x`;
  /// `linear` is the identity. Sema has checked that the name exists.
  Value applyActivation(llvm::StringRef name, Value x, Loc l) {
    if (name == "linear")
      return x;
    const nn::SurfaceFunction *function =
        nn::findSurfaceFunction(functions, name);
    assert(function && "Sema accepts only registered functions");
    return function->build(builder, l, x);
  }

  RankedTensorType typeOf(const Shape &shape) {
    SmallVector<int64_t> dims;
    for (int64_t d : shape.dims)
      dims.push_back(d == kDynamic ? ShapedType::kDynamic : d);
    return tensorType(dims);
  }

  FailureOr<Value> mlirGen(const CallExpr &call) {
    FailureOr<Value> input = mlirGen(*call.argument("input", 0));
    if (failed(input))
      return failure();
    Loc l = loc(call.getLoc());
    auto it = layout.model->layers.find(&call);
    if (it == layout.model->layers.end())
      return applyActivation(call.calleeName(), *input, l);
    return emitLayer(it->second, *input, paramsOfCall.lookup(&call), l);
  }

  Value emitLayer(const LayerSpec &spec, Value x, size_t p, Loc l) {
    using Kind = LayerSpec::Kind;
    RankedTensorType type = typeOf(spec.output);
    switch (spec.kind) {
    case Kind::Dense: {
      Value y =
          nn::MatmulOp::create(builder, l, type, x, params[p], false, false);
      if (spec.bias)
        y = nn::BiasAddOp::create(builder, l, y, params[p + 1]);
      return applyActivation(spec.activation, y, l);
    }
    case Kind::Conv2D: {
      Value y = nn::Conv2DOp::create(
          builder, l, type, x, params[p],
          builder.getDenseI64ArrayAttr({spec.stride, spec.stride}),
          builder.getDenseI64ArrayAttr(
              {spec.padTop, spec.padBottom, spec.padLeft, spec.padRight}));
      if (spec.bias)
        y = nn::BiasAddOp::create(builder, l, y, params[p + 1]);
      return applyActivation(spec.activation, y, l);
    }
    case Kind::MaxPool2D:
      return nn::MaxPool2DOp::create(builder, l, type, x, spec.window,
                                     spec.stride);
    case Kind::AvgPool2D:
      return nn::AvgPool2DOp::create(builder, l, type, x, spec.window,
                                     spec.stride);
    case Kind::Flatten:
      return nn::ReshapeOp::create(builder, l, type, x);
    case Kind::BatchNorm: {
      FloatAttr epsilon = builder.getF64FloatAttr(spec.epsilon);
      Value y;
      if (training) {
        // Batch statistics; their moving averages are results of the loss
        // that nn-build-train-step blends into the parameters.
        y = nn::BatchNormalizeOp::create(builder, l, x, epsilon);
        Type vector = params[p + 2].getType();
        movingStats.push_back(
            {nn::BatchMeanOp::create(builder, l, vector, x),
             nn::BatchVarianceOp::create(builder, l, vector, x), p + 2,
             spec.momentum});
      } else {
        y = nn::BatchNormInferenceOp::create(builder, l, x, params[p + 2],
                                             params[p + 3], epsilon);
      }
      y = nn::ScaleLastOp::create(builder, l, y, params[p]);
      return nn::BiasAddOp::create(builder, l, y, params[p + 1]);
    }
    case Kind::Dropout:
      // Only the training loss drops; evaluation and prediction see all.
      if (!training)
        return x;
      return nn::DropoutOp::create(
          builder, l, x, trainingStep, builder.getF64FloatAttr(spec.rate),
          builder.getI64IntegerAttr(layout.train->seed * 1000 +
                                    dropoutCount++));
    case Kind::LayerNorm: {
      Value y = nn::NormalizeOp::create(builder, l, x,
                                        builder.getF64FloatAttr(spec.epsilon));
      y = nn::ScaleLastOp::create(builder, l, y, params[p]);
      return nn::BiasAddOp::create(builder, l, y, params[p + 1]);
    }
    case Kind::Embedding:
      return nn::EmbeddingOp::create(builder, l, type, x, params[p]);
    }
    llvm_unreachable("unknown layer kind");
  }

  //===--------------------------------------------------------------------===//
  // Functions
  //===--------------------------------------------------------------------===//

  func::FuncOp createFunc(llvm::StringRef name, FunctionType type, Loc l,
                          bool isPublic) {
    builder.setInsertionPointToEnd(module->getBody());
    auto func = func::FuncOp::create(builder, l, name, type);
    if (!isPublic) {
      func.setPrivate();
    } else {
      func->setAttr("llvm.emit_c_interface", builder.getUnitAttr());
      // The parameters (argument 0 of every entry point) stay where the
      // runtime keeps them across calls: GPU memory for --target=cuda.
      func.setArgAttr(0, "plexus.resident", builder.getUnitAttr());
    }
    builder.setInsertionPointToStart(func.addEntryBlock());
    return func;
  }

  LogicalResult buildForward(const ModelDecl &model) {
    SmallVector<Type> inputs = paramTypes();
    inputs.push_back(batchType(layout.inputFeatures));
    auto type = builder.getFunctionType(inputs, batchType(layout.outputs));
    func::FuncOp func = createFunc("forward", type, loc(model.getLoc()), false);
    auto args = func.getArguments();
    FailureOr<Value> out = emitModelBody(model, args.drop_back(), args.back());
    if (failed(out))
      return failure();
    func::ReturnOp::create(builder, loc(model.getLoc()), *out);
    return success();
  }

  /// The loss of one batch; result 0 is differentiated with respect to the
  /// parameters, result 1 (the model output) feeds the metrics. `loss`
  /// trains; a model with dropout also gets `eval_loss`, without it, for
  /// evaluation.
  LogicalResult buildLosses(const ModelDecl &model, const TrainSpec &train) {
    if (layout.model->hasDropout)
      (*module)->setAttr("nn.loss_takes_step", builder.getUnitAttr());
    if (failed(buildLoss(model, train, "loss", true)))
      return failure();
    if (layout.model->hasTrainingOnlyLayers)
      return buildLoss(model, train, "eval_loss", false);
    return success();
  }

  /// `name`(params..., x, y[, step]) -> (loss, output[, statistics...]).
  /// The training loss takes the optimizer step (which keys the dropout
  /// masks) and returns each batch_norm's batch mean and variance.
  LogicalResult buildLoss(const ModelDecl &model, const TrainSpec &train,
                          llvm::StringRef name, bool isTraining) {
    bool takesStep = isTraining && layout.model->hasDropout;
    SmallVector<Type> inputs = paramTypes();
    inputs.push_back(batchType(layout.inputFeatures));
    inputs.push_back(batchType(layout.labelColumns));
    if (takesStep)
      inputs.push_back(tensorType({}));
    auto type = builder.getFunctionType(
        inputs, {tensorType({}), batchType(layout.outputs)});
    Loc l = loc(train.decl->getLoc());
    func::FuncOp func = createFunc(name, type, l, false);
    if (name == "loss")
      func->setAttr("nn.differentiate",
                    builder.getI64IntegerAttr(layout.params.size()));
    auto args = func.getArguments();
    unsigned numParams = layout.params.size();
    Value x = args[numParams], y = args[numParams + 1];
    trainingStep = takesStep ? args.back() : Value();
    training = isTraining;
    movingStats.clear();
    llvm::scope_exit clearStep([&] {
      trainingStep = Value();
      training = false;
    });
    FailureOr<Value> out = emitModelBody(model, args.take_front(numParams), x);
    if (failed(out))
      return failure();
    FailureOr<Value> loss = emitLoss(train, *out, y, l);
    if (failed(loss))
      return failure();
    SmallVector<Value> results = {*loss, *out};
    SmallVector<Attribute> stats;
    for (const MovingStats &s : movingStats) {
      results.push_back(s.mean);
      results.push_back(s.variance);
      stats.push_back(
          builder.getArrayAttr({builder.getI64IntegerAttr(s.meanParam),
                                builder.getF64FloatAttr(s.momentum)}));
    }
    func::ReturnOp::create(builder, l, results);
    func.setFunctionType(builder.getFunctionType(
        func.getArgumentTypes(), ValueRange(results).getTypes()));
    // For nn-build-train-step: results 2, 3 are the first batch_norm's mean
    // and variance, which go to parameters meanParam and meanParam + 1.
    if (!stats.empty())
      (*module)->setAttr("nn.moving_stats", builder.getArrayAttr(stats));
    return success();
  }

  FailureOr<Value> emitLoss(const TrainSpec &train, Value out, Value y, Loc l) {
    if (train.loss == "mse")
      return nn::MSELossOp::create(builder, l, out, y).getResult();
    if (train.loss == "mae")
      return nn::MAELossOp::create(builder, l, out, y).getResult();
    if (train.loss == "huber")
      return nn::HuberLossOp::create(builder, l, out, y).getResult();
    if (train.loss == "binary_crossentropy")
      return nn::BinaryCrossEntropyOp::create(builder, l, out, y).getResult();
    // Cross-entropy: trained on the logits before the final softmax, with
    // the stable log-sum-exp form.
    Value logits;
    if (train.fromLogits)
      logits = out;
    else if (auto softmax = out.getDefiningOp<nn::SoftmaxOp>())
      logits = softmax.getInput();
    if (!logits) {
      emitError(l) << "'" << train.loss
                   << "' expects the model to end in softmax (or "
                      "'from_logits: true')";
      return failure();
    }
    Value labels = tensor::CollapseShapeOp::create(
        builder, l, tensorType({ShapedType::kDynamic}), y,
        ArrayRef<ReassociationIndices>{{0, 1}});
    return nn::SoftmaxCrossEntropyOp::create(builder, l, logits, labels)
        .getResult();
  }

  /// plx_evaluate(params, x, y, loss, out): loss and predictions (the
  /// runtime's predictions too, with labels of zeros and no loss buffer).
  LogicalResult buildEvaluateInterface(const ModelDecl &model) {
    Loc l = loc(model.getLoc());
    auto type = builder.getFunctionType(
        {MemRefType::get({layout.numParams}, f32()),
         batchMemRef(layout.inputFeatures), batchMemRef(layout.labelColumns),
         MemRefType::get({}, f32()), batchMemRef(layout.outputs)},
        {});
    func::FuncOp func = createFunc("plx_evaluate", type, l, true);
    // Predictions pass a null loss buffer: on the CPU the loss is then not
    // computed (plexus-optional-outputs).
    func.setArgAttr(3, "plexus.optional", builder.getUnitAttr());
    // It only reads the parameters, which change between calls only when
    // the runtime's weights version does: packed weights can be kept
    // (codegen/CPU/PanelCache.h).
    func.setArgAttr(0, "plexus.versioned", builder.getUnitAttr());
    auto args = func.getArguments();
    SmallVector<Value> operands =
        unpackFlat(builder, l, readBuffer(builder, l, args[0]), paramTypes());
    operands.push_back(readBuffer(builder, l, args[1]));
    operands.push_back(readBuffer(builder, l, args[2]));
    auto call = func::CallOp::create(
        builder, l, layout.model->hasTrainingOnlyLayers ? "eval_loss" : "loss",
        TypeRange{tensorType({}), batchType(layout.outputs)}, operands);
    writeBuffer(builder, l, call.getResult(0), args[3]);
    writeBuffer(builder, l, call.getResult(1), args[4]);
    func::ReturnOp::create(builder, l);
    return success();
  }

  void setOptimizerAttrs(const TrainSpec &train) {
    const OptimizerSpec &o = train.optimizer;
    NamedAttrList attrs;
    attrs.set("kind", builder.getStringAttr(o.kind));
    attrs.set("momentum", builder.getF32FloatAttr(o.momentum));
    attrs.set("nesterov", builder.getBoolAttr(o.nesterov));
    attrs.set("beta1", builder.getF32FloatAttr(o.beta1));
    attrs.set("beta2", builder.getF32FloatAttr(o.beta2));
    attrs.set("epsilon", builder.getF32FloatAttr(o.epsilon));
    attrs.set("rho", builder.getF32FloatAttr(o.rho));
    attrs.set("weight_decay", builder.getF32FloatAttr(o.weightDecay));
    attrs.set("clipnorm", builder.getF32FloatAttr(o.clipNorm));
    (*module)->setAttr("nn.optimizer",
                       attrs.getDictionary(builder.getContext()));
    (*module)->setAttr("nn.num_params",
                       builder.getI64IntegerAttr(layout.numParams));
    // The rows of a training batch: nn-build-train-step passes it on to code
    // generation as plx_train_step's usual batch size.
    (*module)->setAttr("nn.batch", builder.getI64IntegerAttr(train.batch));
  }

  OpBuilder builder;
  ModelLayout &layout;
  OwningOpRef<ModuleOp> module;
  llvm::StringMap<Value> symbols;
  ValueRange params;
  /// For each dense call: the index just past its parameters.
  llvm::DenseMap<const CallExpr *, size_t> paramsOfCall;
  std::vector<nn::SurfaceFunction> functions;
  /// In the training loss of a model with dropout: the optimizer step
  /// (a 0-d tensor argument), which keys the dropout masks; null elsewhere.
  Value trainingStep;
  /// Dropout layers emitted in this model body (each gets its own seed).
  int64_t dropoutCount = 0;
  /// Whether the body being emitted is the training loss.
  bool training = false;
  /// In the training loss: the batch statistics of each batch_norm, and
  /// where its moving mean (then variance) is among the parameters.
  struct MovingStats {
    Value mean, variance;
    size_t meanParam;
    double momentum;
  };
  SmallVector<MovingStats> movingStats;
};

} // namespace

OwningOpRef<ModuleOp> plexus::mlirGen(MLIRContext &context,
                                      const CheckedProgram &program,
                                      ModelLayout &layout) {
  context.loadDialect<nn::NNDialect, func::FuncDialect, tensor::TensorDialect,
                      bufferization::BufferizationDialect,
                      memref::MemRefDialect, arith::ArithDialect>();
  return MLIRGenImpl(context, layout).generate(program);
}
