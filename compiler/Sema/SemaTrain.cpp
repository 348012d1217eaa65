//===- SemaTrain.cpp - Checking train, evaluate and predict ---------------===//
//
// A `train` block is either declarative (settings such as `epochs = 10`) or
// an explicit loop (`for epoch in 1..30 { for (x, y) in batches(...) { step
// loss(Model(x), y) } }`). The loop form is type-checked here with a small
// type system (integers, numbers, booleans, strings, data sets, batches,
// model outputs, losses, metric results) and kept for MLIRGen.
//
//===----------------------------------------------------------------------===//

#include "compiler/Sema/SemaImpl.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

using namespace plexus;
using llvm::cast;
using llvm::dyn_cast;
using llvm::dyn_cast_or_null;

const std::vector<std::string> &plexus::lossNames() {
  static const std::vector<std::string> names = {
      "categorical_crossentropy",
      "sparse_categorical_crossentropy",
      "cross_entropy",
      "binary_crossentropy",
      "mse",
      "mae",
      "huber"};
  return names;
}

const std::vector<std::string> &plexus::metricNames() {
  static const std::vector<std::string> names = {
      "loss",          "accuracy",      "mse",       "mae",    "top2_accuracy",
      "top3_accuracy", "top5_accuracy", "precision", "recall", "f1"};
  return names;
}

namespace {

const std::vector<std::string> kSettings = {
    "loss",      "optimizer",        "epochs",   "batch",
    "shuffle",   "metrics",          "seed",     "schedule",
    "warmup",    "validation",       "monitor",  "patience",
    "min_delta", "checkpoint_every", "keep_best"};

/// Settings of the declarative form only: an explicit loop says itself
/// what it evaluates and saves.
const std::vector<std::string> kDeclarativeOnly = {
    "schedule", "warmup",           "validation", "monitor",
    "patience", "checkpoint_every", "keep_best",  "min_delta"};

const std::vector<std::string> kSchedules = {"step_decay", "exponential",
                                             "cosine"};

Signature scheduleSignature(llvm::StringRef kind) {
  if (kind == "step_decay")
    return Signature{
        "step_decay",
        {{"every", ArgKind::Int, true, 1.0, 1e9},
         {"factor", ArgKind::Number, false, 0.0, 1.0, true, false}},
        2};
  if (kind == "exponential")
    return Signature{"exponential",
                     {{"factor", ArgKind::Number, true, 0.0, 1.0, true, false}},
                     1};
  return Signature{
      "cosine", {{"min_lr", ArgKind::Number, false, 0.0, 10.0}}, 1};
}

ParamSpec lrParam() {
  return ParamSpec{"lr", ArgKind::Number, false, 0.0, 10.0, true, false};
}

Signature sgdSignature() {
  return Signature{"sgd",
                   {lrParam(),
                    {"momentum", ArgKind::Number, false, 0.0, 1.0, false, true},
                    {"nesterov", ArgKind::Bool}},
                   1};
}

ParamSpec epsilonParam() {
  return ParamSpec{"epsilon", ArgKind::Number, false, 0.0, 1.0, true, true};
}

Signature adamSignature(llvm::StringRef name) {
  Signature sig{name.str(),
                {lrParam(),
                 {"beta1", ArgKind::Number, false, 0.0, 1.0, false, true},
                 {"beta2", ArgKind::Number, false, 0.0, 1.0, false, true},
                 epsilonParam()},
                1};
  if (name == "adamw")
    sig.params.push_back(
        {"weight_decay", ArgKind::Number, false, 0.0, 1.0, false, true});
  return sig;
}

Signature rmspropSignature() {
  return Signature{"rmsprop",
                   {lrParam(),
                    {"rho", ArgKind::Number, false, 0.0, 1.0, false, true},
                    epsilonParam()},
                   1};
}

const std::vector<std::string> kOptimizers = {"sgd", "adam", "adamw",
                                              "rmsprop"};

} // namespace

const ModelInfo *SemaImpl::lookupModel(const std::string &name,
                                       const Location &loc) {
  auto it = modelIndex.find(name);
  if (it != modelIndex.end())
    return &result->models[it->second];
  auto declared = topLevelNames.find(name);
  if (declared != topLevelNames.end()) {
    if (!llvm::isa<ModelDecl>(declared->second)) {
      diags.error(loc, "'" + name + "' is not a model");
      diags.note(declared->second->getNameLoc(),
                 "'" + name + "' is declared here");
    }
    return nullptr; // an invalid model: its errors are already reported
  }
  diags.error(loc, "unknown model '" + name + "'");
  std::vector<std::string> candidates;
  for (const Decl *d : llvm::make_second_range(topLevelNames))
    if (llvm::isa<ModelDecl>(d))
      candidates.push_back(d->getName());
  std::string guess = closestMatch(name, candidates);
  if (!guess.empty())
    diags.help(loc, "did you mean '" + guess + "'?", guess);
  return nullptr;
}

std::optional<DataRef> SemaImpl::checkDataRef(const Expr &expr) {
  const NameExpr *base = dyn_cast<NameExpr>(&expr);
  const MemberExpr *member = dyn_cast<MemberExpr>(&expr);
  if (member)
    base = dyn_cast<NameExpr>(member->base.get());
  if (!base) {
    diags.error(expr.getLoc(), "expected a data set name such as 'digits' or "
                               "'digits.train', found " +
                                   describeExpr(expr));
    return std::nullopt;
  }
  auto it = dataByName.find(base->name);
  if (it == dataByName.end()) {
    auto declared = topLevelNames.find(base->name);
    if (declared != topLevelNames.end() &&
        llvm::isa<DataDecl>(declared->second))
      return std::nullopt; // invalid data declaration, already reported
    if (declared != topLevelNames.end()) {
      diags.error(base->getLoc(), "'" + base->name + "' is not a data set");
      diags.note(declared->second->getNameLoc(),
                 "'" + base->name + "' is declared here");
      return std::nullopt;
    }
    diags.error(base->getLoc(), "unknown data set '" + base->name + "'");
    std::vector<std::string> candidates;
    for (const auto &entry : dataByName)
      candidates.push_back(entry.getKey().str());
    std::string guess = closestMatch(base->name, candidates);
    if (!guess.empty())
      diags.help(base->getLoc(), "did you mean '" + guess + "'?", guess);
    return std::nullopt;
  }
  DataRef ref{it->second, DataPart::All};
  if (!member)
    return ref;
  if (member->member != "train" && member->member != "test") {
    diags.error(member->memberLoc, "data set '" + base->name +
                                       "' has no part '" + member->member +
                                       "'; expected 'train' or 'test'");
    return std::nullopt;
  }
  if (ref.data->split == 0) {
    diags.error(member->memberLoc, "data set '" + base->name +
                                       "' is not split into train and test");
    diags.help(ref.data->loc, "add 'split: 0.8' to its declaration");
    return std::nullopt;
  }
  ref.part = member->member == "train" ? DataPart::Train : DataPart::Test;
  return ref;
}

bool SemaImpl::checkModelMatchesData(const ModelInfo &model,
                                     const DataRef &data,
                                     const Expr &dataExpr) {
  // Image-shaped inputs ([N, 8, 8, 1]) take the features of a sample in
  // row-major (height, width, channels) order.
  int64_t features = model.input.elementsPerSample();
  if (data.data->numFeatures != features) {
    diags.error(dataExpr.getLoc(),
                "model '" + model.decl->getName() + "' takes inputs of shape " +
                    model.input.str() + " but data set '" + data.data->name +
                    "' has " + llvm::Twine(data.data->numFeatures) +
                    " features per sample");
    diags.note(model.decl->params[0].type.loc, "model input declared here");
    diags.note(data.data->loc, "data set declared here");
    return false;
  }
  int64_t outputs = model.output.dims[1];
  if (data.data->numClasses && data.data->numClasses != outputs) {
    diags.error(dataExpr.getLoc(),
                "model '" + model.decl->getName() + "' has " +
                    llvm::Twine(outputs) + " outputs but data set '" +
                    data.data->name + "' has " +
                    llvm::Twine(data.data->numClasses) + " classes");
    diags.note(model.decl->resultType.loc, "model result declared here");
    return false;
  }
  return true;
}

std::optional<OptimizerSpec> SemaImpl::checkOptimizer(const Expr &expr) {
  auto *call = dyn_cast<CallExpr>(&expr);
  auto *name = dyn_cast<NameExpr>(&expr);
  std::string kind = call ? call->calleeName().str() : name ? name->name : "";
  if (!llvm::is_contained(kOptimizers, kind)) {
    diags.error(expr.getLoc(), kind.empty()
                                   ? "expected an optimizer, sgd(...) or "
                                     "adam(...), found " +
                                         describeExpr(expr)
                                   : "unknown optimizer '" + kind +
                                         "'; expected one of " +
                                         llvm::join(kOptimizers, ", "));
    std::string guess = closestMatch(kind, kOptimizers);
    if (!guess.empty())
      diags.help(expr.getLoc(), "did you mean '" + guess + "'?", guess);
    return std::nullopt;
  }
  OptimizerSpec spec;
  spec.kind = kind;
  spec.loc = expr.getLoc();
  spec.lr = kind == "sgd" ? 0.01 : 0.001;
  spec.weightDecay = kind == "adamw" ? 0.004 : 0; // Keras' defaults
  if (!call)
    return spec;
  Signature signature = kind == "sgd"       ? sgdSignature()
                        : kind == "rmsprop" ? rmspropSignature()
                                            : adamSignature(kind);
  // Every optimizer can clip the gradient by its global norm.
  signature.params.push_back(
      {"clipnorm", ArgKind::Number, false, 0.0, 1e9, true, false});
  std::optional<BoundCall> bound = bindCall(*call, signature, diags);
  if (!bound)
    return std::nullopt;
  spec.lr = bound->number("lr", spec.lr);
  spec.momentum = bound->number("momentum", 0);
  spec.nesterov = bound->boolean("nesterov", false);
  spec.beta1 = bound->number("beta1", spec.beta1);
  spec.beta2 = bound->number("beta2", spec.beta2);
  spec.epsilon = bound->number("epsilon", spec.epsilon);
  spec.rho = bound->number("rho", spec.rho);
  spec.weightDecay = bound->number("weight_decay", spec.weightDecay);
  spec.clipNorm = bound->number("clipnorm", 0);
  if (spec.nesterov && spec.momentum == 0) {
    diags.error(call->getLoc(), "nesterov requires a momentum > 0");
    return std::nullopt;
  }
  return spec;
}

std::optional<std::vector<std::string>>
SemaImpl::checkMetrics(const Expr &expr) {
  auto *list = dyn_cast<ListExpr>(&expr);
  if (!list) {
    diags.error(expr.getLoc(), "metrics must be a list such as [loss, "
                               "accuracy], found " +
                                   describeExpr(expr));
    return std::nullopt;
  }
  std::vector<std::string> metrics;
  bool ok = true;
  for (const ExprPtr &element : list->elements) {
    auto *name = dyn_cast<NameExpr>(element.get());
    if (name && llvm::is_contained(metricNames(), name->name)) {
      if (llvm::is_contained(metrics, name->name)) {
        diags.error(element->getLoc(),
                    "metric '" + name->name + "' is listed twice");
        ok = false;
      }
      metrics.push_back(name->name);
      continue;
    }
    ok = false;
    if (!name) {
      diags.error(element->getLoc(),
                  "expected a metric name, found " + describeExpr(*element));
      continue;
    }
    diags.error(element->getLoc(), "unknown metric '" + name->name +
                                       "'; expected one of " +
                                       llvm::join(metricNames(), ", "));
    std::string guess = closestMatch(name->name, metricNames());
    if (!guess.empty())
      diags.help(element->getLoc(), "did you mean '" + guess + "'?", guess);
  }
  if (!ok)
    return std::nullopt;
  return metrics;
}

void SemaImpl::checkTrain(const TrainDecl &decl) {
  TrainSpec spec;
  spec.decl = &decl;
  const ModelInfo *model = lookupModel(decl.getName(), decl.getNameLoc());
  std::optional<DataRef> data = checkDataRef(*decl.data);
  bool ok = model && data;
  if (model && data)
    ok &= checkModelMatchesData(*model, *data, *decl.data);
  if (model)
    spec.model = model->decl;
  if (data)
    spec.data = *data;
  spec.metrics = {"loss"};

  std::map<std::string, Location> setAt;
  std::optional<Location> epochsAt, lossAt, monitorAt;
  std::vector<const Stmt *> loop;
  for (const StmtPtr &stmt : decl.body) {
    auto *assign = dyn_cast<AssignStmt>(stmt.get());
    if (!assign || !assign->field.empty()) {
      loop.push_back(stmt.get());
      continue;
    }
    const std::string &name = assign->target;
    if (!llvm::is_contained(kSettings, name)) {
      diags.error(assign->getLoc(), "unknown training setting '" + name +
                                        "'; expected one of " +
                                        llvm::join(kSettings, ", "));
      std::string guess = closestMatch(name, kSettings);
      if (!guess.empty())
        diags.help(assign->getLoc(), "did you mean '" + guess + "'?", guess);
      else if (name == "lr" || name == "learning_rate" || name == "momentum")
        diags.help(assign->getLoc(),
                   "the learning rate and momentum are arguments of the "
                   "optimizer: 'optimizer = sgd(lr: 0.1, momentum: 0.9)'");
      ok = false;
      continue;
    }
    auto [prev, inserted] = setAt.emplace(name, assign->getLoc());
    if (!inserted) {
      diags.error(assign->getLoc(), "setting '" + name + "' is given twice");
      diags.note(prev->second, "first given here");
      ok = false;
      continue;
    }
    const Expr &value = *assign->value;
    auto positiveInt = [&](int64_t &out, int64_t min = 1) {
      std::optional<double> v = evaluateConstant(value);
      auto *literal = dyn_cast<NumberExpr>(&value);
      if (!v || !literal || !literal->isInteger || *v < min || *v > 1e9) {
        diags.error(value.getLoc(),
                    "'" + name + "' must be " +
                        (min ? "a positive" : "a non-negative") +
                        " integer, found " +
                        (v ? formatNumber(*v) : describeExpr(value)));
        ok = false;
        return;
      }
      out = static_cast<int64_t>(*v);
    };
    auto boolean = [&](bool &out) {
      if (auto *b = dyn_cast<BoolExpr>(&value)) {
        out = b->value;
        return;
      }
      diags.error(value.getLoc(), "'" + name + "' must be true or false");
      ok = false;
    };
    if (name == "epochs") {
      positiveInt(spec.epochs);
      epochsAt = assign->getLoc();
    } else if (name == "batch") {
      positiveInt(spec.batch);
    } else if (name == "seed") {
      positiveInt(spec.seed, 0);
    } else if (name == "warmup") {
      positiveInt(spec.warmup, 0);
    } else if (name == "schedule") {
      auto *call = dyn_cast<CallExpr>(&value);
      auto *bare = dyn_cast<NameExpr>(&value);
      std::string kind = call   ? call->calleeName().str()
                         : bare ? bare->name
                                : "";
      if (!llvm::is_contained(kSchedules, kind)) {
        diags.error(value.getLoc(),
                    "expected a learning-rate schedule: step_decay(every: N, "
                    "factor: F), exponential(factor: F) or cosine(min_lr: X)");
        std::string guess = closestMatch(kind, kSchedules);
        if (!guess.empty())
          diags.help(value.getLoc(), "did you mean '" + guess + "'?", guess);
        ok = false;
        continue;
      }
      spec.schedule = kind;
      if (!call) {
        if (kind != "cosine") {
          diags.error(value.getLoc(),
                      "schedule '" + kind + "' needs its arguments, e.g. " +
                          (kind == "step_decay" ? "step_decay(every: 10, "
                                                  "factor: 0.5)"
                                                : "exponential(factor: 0.95)"));
          ok = false;
        }
        continue;
      }
      std::optional<BoundCall> bound =
          bindCall(*call, scheduleSignature(kind), diags);
      if (!bound) {
        ok = false;
        continue;
      }
      spec.every = bound->integer("every", spec.every);
      spec.factor = bound->number("factor", spec.factor);
      spec.minLr = bound->number("min_lr", spec.minLr);
    } else if (name == "validation") {
      std::optional<double> v = evaluateConstant(value);
      if (!v || *v <= 0 || *v >= 1) {
        diags.error(value.getLoc(),
                    "'validation' is the fraction of the training data held "
                    "out for validation, in (0, 1); found " +
                        (v ? formatNumber(*v) : describeExpr(value)));
        ok = false;
      } else {
        spec.validation = *v;
      }
    } else if (name == "min_delta") {
      std::optional<double> v = evaluateConstant(value);
      if (!v || *v < 0) {
        diags.error(value.getLoc(), "'min_delta' must be a non-negative "
                                    "number");
        ok = false;
      } else {
        spec.minDelta = *v;
      }
    } else if (name == "monitor") {
      auto *metric = dyn_cast<NameExpr>(&value);
      llvm::StringRef base = metric ? llvm::StringRef(metric->name) : "";
      base.consume_front("val_");
      if (!metric || !llvm::is_contained(metricNames(), base.str())) {
        diags.error(value.getLoc(),
                    "'monitor' expects a metric, with 'val_' for the "
                    "validation data: val_loss, val_accuracy, loss, ...");
        ok = false;
      } else {
        spec.monitor = metric->name;
        monitorAt = value.getLoc();
      }
    } else if (name == "patience") {
      positiveInt(spec.patience);
    } else if (name == "checkpoint_every") {
      positiveInt(spec.checkpointEvery);
    } else if (name == "keep_best") {
      boolean(spec.keepBest);
    } else if (name == "shuffle") {
      boolean(spec.shuffle);
    } else if (name == "metrics") {
      auto metrics = checkMetrics(value);
      if (metrics)
        spec.metrics = *metrics;
      ok &= metrics.has_value();
    } else if (name == "optimizer") {
      auto optimizer = checkOptimizer(value);
      if (optimizer)
        spec.optimizer = *optimizer;
      ok &= optimizer.has_value();
    } else if (name == "loss") {
      auto *lossName = dyn_cast<NameExpr>(&value);
      auto *lossCall = dyn_cast<CallExpr>(&value);
      std::string loss = lossName   ? lossName->name
                         : lossCall ? lossCall->calleeName().str()
                                    : "";
      if (!llvm::is_contained(lossNames(), loss)) {
        diags.error(value.getLoc(), loss.empty()
                                        ? "expected a loss function name"
                                        : "unknown loss '" + loss +
                                              "'; expected one of " +
                                              llvm::join(lossNames(), ", "));
        std::string guess = closestMatch(loss, lossNames());
        if (!guess.empty())
          diags.help(value.getLoc(), "did you mean '" + guess + "'?", guess);
        ok = false;
        continue;
      }
      spec.loss = loss;
      lossAt = value.getLoc();
      if (lossCall) {
        Signature sig{loss, {{"from_logits", ArgKind::Bool}}, 0};
        auto bound = bindCall(*lossCall, sig, diags);
        ok &= bound.has_value();
        if (bound)
          spec.fromLogits = bound->boolean("from_logits", false);
      }
    }
  }

  // Top-k, precision, recall and F1 are about predicted classes.
  if (!isCrossEntropyLoss(spec.loss)) {
    for (const std::string &metric : spec.metrics) {
      bool perClass = metric == "precision" || metric == "recall" ||
                      metric == "f1" || metric.rfind("top", 0) == 0;
      if (!perClass)
        continue;
      auto at = setAt.find("metrics");
      diags.error(at != setAt.end() ? at->second : decl.getLoc(),
                  "metric '" + metric +
                      "' needs a classifier (a "
                      "cross-entropy loss), not '" +
                      spec.loss + "'");
      ok = false;
    }
  }

  // What early stopping and keep_best watch: the validation loss when
  // there is validation data, else the training loss.
  if (spec.monitor.empty())
    spec.monitor = spec.validation > 0 ? "val_loss" : "loss";
  if (monitorAt && spec.monitor.rfind("val_", 0) == 0 && spec.validation == 0) {
    diags.error(*monitorAt, "'monitor' watches '" + spec.monitor +
                                "' but there is no validation data");
    diags.help(*monitorAt, "add 'validation = 0.1' to hold out a tenth of "
                           "the training data");
    ok = false;
  }
  if (monitorAt && loop.empty()) {
    llvm::StringRef base = spec.monitor;
    base.consume_front("val_");
    if (base != "loss" && !llvm::is_contained(spec.metrics, base.str())) {
      diags.error(*monitorAt, "'monitor' watches '" + spec.monitor +
                                  "', which is not among the metrics");
      diags.help(*monitorAt, "add it to 'metrics = [...]'");
      ok = false;
    }
  }

  if (!loop.empty()) {
    for (const std::string &setting : kDeclarativeOnly) {
      auto at = setAt.find(setting);
      if (at == setAt.end())
        continue;
      bool lr = setting == "schedule" || setting == "warmup";
      diags.error(at->second,
                  "'" + setting +
                      "' cannot be combined with an explicit training loop; " +
                      (lr ? "set 'optimizer.lr' in the loop instead"
                          : "the loop evaluates and saves where it says"));
      ok = false;
    }
    if (epochsAt) {
      diags.error(*epochsAt, "'epochs' cannot be combined with an explicit "
                             "training loop");
      diags.note(loop.front()->getLoc(), "the loop starts here");
      ok = false;
    }
    unsigned errorsBefore = diags.getNumErrors();
    std::optional<Location> loopLossAt;
    unsigned steps = checkLoop(spec, loop, loopLossAt);
    if (steps == 0 && diags.getNumErrors() == errorsBefore) {
      diags.error(decl.getLoc(), "training loop never takes a 'step'");
      ok = false;
    }
    ok &= diags.getNumErrors() == errorsBefore;
    spec.loop = std::move(loop);
    if (loopLossAt)
      lossAt = loopLossAt;
  } else if (!setAt.count("optimizer")) {
    diags.warning(decl.getLoc(), "no optimizer given; using sgd(lr: 0.01)");
  }
  // Cross-entropy is computed from the logits under the model's final
  // softmax; a model that returns logits says so with 'from_logits: true'.
  if (ok && isCrossEntropyLoss(spec.loss) && !spec.fromLogits &&
      model->outputActivation != "softmax") {
    Location at = lossAt ? *lossAt : decl.getLoc();
    diags.error(at, "loss '" + spec.loss +
                        "' needs a model that ends in softmax" +
                        (lossAt ? "" : " (it is the default loss)"));
    const std::string &activation = model->outputActivation;
    diags.note(model->returnLoc,
               "model '" + decl.getName() + "' ends here" +
                   (activation.empty() || activation == "linear"
                        ? std::string(" without an activation")
                        : ", in " + activation));
    diags.help(at, "end the model in softmax, or give the loss "
                   "'from_logits: true' if the model returns logits");
    ok = false;
  }
  if (ok)
    result->trains.push_back(std::move(spec));
}

void SemaImpl::checkEvaluate(const EvaluateDecl &decl) {
  EvaluateSpec spec;
  spec.metrics = {"loss", "accuracy"};
  std::optional<Location> metricsAt;
  const ModelInfo *model = lookupModel(decl.getName(), decl.getNameLoc());
  std::optional<DataRef> data = checkDataRef(*decl.data);
  bool ok = model && data && checkModelMatchesData(*model, *data, *decl.data);
  for (const StmtPtr &stmt : decl.body) {
    auto *assign = dyn_cast<AssignStmt>(stmt.get());
    if (assign && assign->field.empty() && assign->target == "metrics") {
      metricsAt = assign->getLoc();
      auto metrics = checkMetrics(*assign->value);
      ok &= metrics.has_value();
      if (metrics)
        spec.metrics = *metrics;
      continue;
    }
    if (assign && assign->field.empty() && assign->target == "batch") {
      auto *n = dyn_cast<NumberExpr>(assign->value.get());
      if (!n || !n->isInteger || n->value < 1 || n->value > 1e9) {
        std::optional<double> v = evaluateConstant(*assign->value);
        diags.error(assign->value->getLoc(),
                    "'batch' must be a positive integer, found " +
                        (v ? formatNumber(*v) : describeExpr(*assign->value)));
        ok = false;
        continue;
      }
      spec.batch = static_cast<int64_t>(n->value);
      continue;
    }
    diags.error(stmt->getLoc(), "an evaluate block takes only 'metrics = "
                                "[...]' and 'batch = N'");
    ok = false;
  }
  if (!ok)
    return;
  spec.model = model->decl;
  spec.data = *data;
  if (llvm::is_contained(spec.metrics, "loss") &&
      !llvm::any_of(result->trains, [&](const TrainSpec &t) {
        return t.model == model->decl;
      })) {
    diags.error(decl.getLoc(), "metric 'loss' needs a loss, but model '" +
                                   decl.getName() + "' is never trained");
    if (!metricsAt)
      diags.help(decl.getLoc(), "the default metrics are [loss, accuracy]; "
                                "to evaluate without a loss, add "
                                "'{ metrics = [accuracy] }'");
    return;
  }
  result->evaluations.push_back(std::move(spec));
}

void SemaImpl::checkPredict(const PredictDecl &decl) {
  const ModelInfo *model = lookupModel(decl.getName(), decl.getNameLoc());
  std::optional<DataRef> data = checkDataRef(*decl.data);
  if (!model || !data || !checkModelMatchesData(*model, *data, *decl.data))
    return;
  if (!decl.output.empty() && !llvm::StringRef(decl.output).ends_with(".csv")) {
    diags.error(decl.outputLoc, "predictions are written as CSV; the output "
                                "file name must end in '.csv'");
    return;
  }
  result->predictions.push_back(PredictSpec{model->decl, *data, decl.output});
}
