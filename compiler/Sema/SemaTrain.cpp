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
      "categorical_crossentropy", "sparse_categorical_crossentropy",
      "cross_entropy", "binary_crossentropy", "mse"};
  return names;
}

const std::vector<std::string> &plexus::metricNames() {
  static const std::vector<std::string> names = {"loss", "accuracy", "mse",
                                                 "mae"};
  return names;
}

namespace {

const std::vector<std::string> kSettings = {
    "loss", "optimizer", "epochs", "batch", "shuffle", "metrics", "seed"};

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

Signature adamSignature() {
  return Signature{"adam",
                   {lrParam(),
                    {"beta1", ArgKind::Number, false, 0.0, 1.0, false, true},
                    {"beta2", ArgKind::Number, false, 0.0, 1.0, false, true},
                    {"epsilon", ArgKind::Number, false, 0.0, 1.0, true, true}},
                   1};
}

/// Types of values in an explicit training loop.
enum class LoopType {
  Error,
  Int,
  Number,
  Bool,
  String,
  Data,
  Model,
  Batches,
  Inputs,
  Labels,
  Prediction,
  Loss,
  Metrics,
  Range,
};

const char *typeName(LoopType t) {
  switch (t) {
  case LoopType::Error:
    return "<error>";
  case LoopType::Int:
    return "an integer";
  case LoopType::Number:
    return "a number";
  case LoopType::Bool:
    return "a boolean";
  case LoopType::String:
    return "a string";
  case LoopType::Data:
    return "a data set";
  case LoopType::Model:
    return "a model";
  case LoopType::Batches:
    return "batches";
  case LoopType::Inputs:
    return "a batch of inputs";
  case LoopType::Labels:
    return "a batch of labels";
  case LoopType::Prediction:
    return "a model output";
  case LoopType::Loss:
    return "a loss";
  case LoopType::Metrics:
    return "metric results";
  case LoopType::Range:
    return "a range";
  }
  return "?";
}

bool isNumeric(LoopType t) {
  return t == LoopType::Int || t == LoopType::Number;
}

/// Type-checks the statements of an explicit training loop.
class LoopChecker {
public:
  LoopChecker(SemaImpl &sema, TrainSpec &spec) : sema(sema), spec(spec) {}

  void checkBlock(const Block &block) {
    scopes.emplace_back();
    for (const StmtPtr &stmt : block)
      checkStmt(*stmt);
    scopes.pop_back();
  }

  void checkStmt(const Stmt &stmt) {
    DiagnosticEngine &diags = sema.diags;
    if (auto *f = dyn_cast<ForStmt>(&stmt)) {
      LoopType iterable = check(*f->iterable);
      scopes.emplace_back();
      // After an error the variables are defined as errors, so that their
      // uses are not reported again.
      std::vector<LoopType> types(f->vars.size(), LoopType::Error);
      if (iterable == LoopType::Range) {
        if (f->vars.size() != 1)
          diags.error(f->vars[0].loc, "a range is iterated with one variable");
        else
          types[0] = LoopType::Int;
      } else if (iterable == LoopType::Batches) {
        if (f->vars.size() != 2) {
          diags.error(f->vars[0].loc,
                      "batches are iterated as a pair: 'for (x, y) in ...'");
        } else {
          types[0] = LoopType::Inputs;
          types[1] = LoopType::Labels;
        }
      } else if (iterable != LoopType::Error) {
        diags.error(f->iterable->getLoc(),
                    llvm::Twine("cannot iterate over ") + typeName(iterable) +
                        "; expected a range 'a..b' or batches(...)");
      }
      for (size_t v = 0; v < f->vars.size(); ++v)
        define(f->vars[v], types[v]);
      ++loopDepth;
      for (const StmtPtr &s : f->body)
        checkStmt(*s);
      --loopDepth;
      scopes.pop_back();
      return;
    }
    if (auto *i = dyn_cast<IfStmt>(&stmt)) {
      expect(*i->cond, LoopType::Bool, "an 'if' condition");
      checkBlock(i->thenBody);
      checkBlock(i->elseBody);
      return;
    }
    if (auto *s = dyn_cast<StepStmt>(&stmt)) {
      expect(*s->loss, LoopType::Loss, "'step'");
      ++numSteps;
      return;
    }
    if (auto *l = dyn_cast<LogStmt>(&stmt)) {
      for (const ExprPtr &v : l->values) {
        LoopType t = check(*v);
        if (t != LoopType::Error && !isNumeric(t) && t != LoopType::String &&
            t != LoopType::Metrics && t != LoopType::Bool)
          diags.error(v->getLoc(),
                      llvm::Twine("cannot log ") + typeName(t) +
                          "; log numbers, strings or evaluate(...)");
      }
      return;
    }
    if (auto *s = dyn_cast<SaveStmt>(&stmt)) {
      expect(*s->path, LoopType::String, "'save'");
      return;
    }
    if (auto *a = dyn_cast<AssignStmt>(&stmt)) {
      if (a->target == "optimizer" && a->field == "lr") {
        expect(*a->value, LoopType::Number, "'optimizer.lr'");
        return;
      }
      if (a->target == "optimizer") {
        diags.error(a->field.empty() ? a->getLoc() : a->fieldLoc,
                    a->field.empty()
                        ? "the optimizer cannot be replaced inside a loop"
                        : "'" + a->field +
                              "' cannot be changed during training; only "
                              "'optimizer.lr' can");
        return;
      }
      if (!a->field.empty()) {
        diags.error(a->getLoc(),
                    "cannot assign to a field of '" + a->target + "'");
        return;
      }
      LoopType t = check(*a->value);
      if (t != LoopType::Error && !isNumeric(t) && t != LoopType::Bool) {
        diags.error(a->value->getLoc(),
                    llvm::Twine("a local variable cannot hold ") + typeName(t) +
                        "; only numbers and booleans");
        t = LoopType::Error;
      }
      if (lookup(a->target) && !scopes.back().count(a->target)) {
        diags.error(a->getLoc(),
                    "'" + a->target + "' shadows a name of an outer scope");
        return;
      }
      scopes.back()[a->target] = t;
      return;
    }
    diags.error(stmt.getLoc(), "'return' is not allowed in a train block");
  }

  unsigned numSteps = 0;
  /// The loss function called in the loop, if any.
  std::optional<Location> lossAt;

private:
  void define(const ForStmt::Var &var, LoopType type) {
    if (lookup(var.name))
      sema.diags.error(var.loc, "loop variable '" + var.name +
                                    "' shadows an existing name");
    scopes.back()[var.name] = type;
  }

  /// The type of a local name; LoopType::Error for one whose definition had
  /// errors, nullopt for an unknown name.
  std::optional<LoopType> lookup(const std::string &name) const {
    for (auto it = scopes.rbegin(); it != scopes.rend(); ++it) {
      auto found = it->find(name);
      if (found != it->end())
        return found->second;
    }
    return std::nullopt;
  }

  bool expect(const Expr &expr, LoopType want, llvm::StringRef what) {
    LoopType t = check(expr);
    if (t == LoopType::Error)
      return false;
    if (t == want || (want == LoopType::Number && t == LoopType::Int))
      return true;
    sema.diags.error(expr.getLoc(), what + " expects " + typeName(want) +
                                        ", found " + typeName(t));
    return false;
  }

  LoopType check(const Expr &expr) {
    DiagnosticEngine &diags = sema.diags;
    switch (expr.getKind()) {
    case Expr::Kind::Number:
      return cast<NumberExpr>(&expr)->isInteger ? LoopType::Int
                                                : LoopType::Number;
    case Expr::Kind::String:
      return LoopType::String;
    case Expr::Kind::Bool:
      return LoopType::Bool;
    case Expr::Kind::List:
      diags.error(expr.getLoc(), "a list is only allowed as the metrics of "
                                 "evaluate(...)");
      return LoopType::Error;
    case Expr::Kind::Name:
      return checkName(*cast<NameExpr>(&expr));
    case Expr::Kind::Member: {
      auto *m = cast<MemberExpr>(&expr);
      if (auto *base = dyn_cast<NameExpr>(m->base.get());
          base && base->name == "optimizer") {
        if (m->member == "lr")
          return LoopType::Number;
        diags.error(m->memberLoc, "the optimizer has no readable field '" +
                                      m->member + "'; only 'lr'");
        return LoopType::Error;
      }
      return sema.checkDataRef(expr) ? LoopType::Data : LoopType::Error;
    }
    case Expr::Kind::Call:
      return checkCall(*cast<CallExpr>(&expr));
    case Expr::Kind::Unary: {
      auto *u = cast<UnaryExpr>(&expr);
      LoopType t = check(*u->operand);
      if (t == LoopType::Error)
        return t;
      if (u->op == "not")
        return t == LoopType::Bool ? t : mismatch(expr, "'not'", t);
      return isNumeric(t) ? t : mismatch(expr, "unary '-'", t);
    }
    case Expr::Kind::Binary:
      return checkBinary(*cast<BinaryExpr>(&expr));
    }
    return LoopType::Error;
  }

  LoopType mismatch(const Expr &expr, llvm::StringRef op, LoopType t) {
    sema.diags.error(expr.getLoc(), llvm::Twine("invalid operand to ") + op +
                                        ": " + typeName(t));
    return LoopType::Error;
  }

  LoopType checkName(const NameExpr &name) {
    if (std::optional<LoopType> t = lookup(name.name))
      return *t;
    if (sema.modelIndex.count(name.name))
      return LoopType::Model;
    if (sema.dataByName.count(name.name))
      return LoopType::Data;
    if (sema.topLevelNames.count(name.name))
      return LoopType::Error; // declared but invalid: already reported
    sema.diags.error(name.getLoc(),
                     "use of undeclared name '" + name.name + "'");
    std::vector<std::string> candidates;
    for (const auto &scope : scopes)
      for (const auto &entry : scope)
        candidates.push_back(entry.first);
    for (const auto &entry : sema.topLevelNames)
      candidates.push_back(entry.getKey().str());
    std::string guess = closestMatch(name.name, candidates);
    if (!guess.empty())
      sema.diags.help(name.getLoc(), "did you mean '" + guess + "'?", guess);
    return LoopType::Error;
  }

  LoopType checkBinary(const BinaryExpr &b) {
    LoopType lhs = check(*b.lhs), rhs = check(*b.rhs);
    if (lhs == LoopType::Error || rhs == LoopType::Error)
      return LoopType::Error;
    const std::string &op = b.op;
    if (op == "..") {
      if (lhs != LoopType::Int || rhs != LoopType::Int) {
        sema.diags.error(b.getLoc(), "range bounds must be integers");
        return LoopType::Error;
      }
      return LoopType::Range;
    }
    if (op == "and" || op == "or") {
      if (lhs != LoopType::Bool || rhs != LoopType::Bool)
        return mismatch(b, "'" + op + "'", lhs != LoopType::Bool ? lhs : rhs);
      return LoopType::Bool;
    }
    if (!isNumeric(lhs) || !isNumeric(rhs))
      return mismatch(b, "'" + op + "'", !isNumeric(lhs) ? lhs : rhs);
    if (op == "<" || op == "<=" || op == ">" || op == ">=" || op == "==" ||
        op == "!=")
      return LoopType::Bool;
    if (op == "%" && (lhs != LoopType::Int || rhs != LoopType::Int)) {
      sema.diags.error(b.getLoc(), "'%' expects integers");
      return LoopType::Error;
    }
    if (lhs == LoopType::Int && rhs == LoopType::Int && op != "/" && op != "^")
      return LoopType::Int;
    return LoopType::Number;
  }

  LoopType checkCall(const CallExpr &call) {
    DiagnosticEngine &diags = sema.diags;
    std::string callee = call.calleeName().str();
    if (sema.modelIndex.count(callee)) {
      if (call.args.size() != 1 || !call.args[0].name.empty()) {
        diags.error(call.getLoc(), "model '" + callee +
                                       "' is applied to one input: " + callee +
                                       "(x)");
        return LoopType::Error;
      }
      if (!expect(*call.args[0].value, LoopType::Inputs,
                  "model '" + callee + "'"))
        return LoopType::Error;
      if (spec.model && spec.model->getName() != callee) {
        diags.error(call.getLoc(), "this loop trains '" +
                                       spec.model->getName() + "', not '" +
                                       callee + "'");
        return LoopType::Error;
      }
      return LoopType::Prediction;
    }
    if (callee == "batches") {
      Signature sig{"batches",
                    {{"data", ArgKind::Any, true},
                     {"size", ArgKind::Int, true, 1.0, 1e9},
                     {"shuffle", ArgKind::Bool}},
                    2};
      std::optional<BoundCall> bound = bindCall(call, sig, diags);
      if (!bound)
        return LoopType::Error;
      if (!expect(*bound->get("data"), LoopType::Data, "batches(...)"))
        return LoopType::Error;
      spec.batch = bound->integer("size", spec.batch);
      spec.shuffle = bound->boolean("shuffle", false);
      return LoopType::Batches;
    }
    if (callee == "evaluate") {
      Signature sig{"evaluate",
                    {{"model", ArgKind::Any, true},
                     {"data", ArgKind::Any, true},
                     {"metrics", ArgKind::Any, false}},
                    3};
      std::optional<BoundCall> bound = bindCall(call, sig, diags);
      if (!bound)
        return LoopType::Error;
      bool ok = expect(*bound->get("model"), LoopType::Model, "evaluate(...)");
      ok &= expect(*bound->get("data"), LoopType::Data, "evaluate(...)");
      if (const Expr *metrics = bound->get("metrics"))
        ok &= sema.checkMetrics(*metrics).has_value();
      return ok ? LoopType::Metrics : LoopType::Error;
    }
    if (llvm::is_contained(lossNames(), callee)) {
      Signature sig{callee,
                    {{"prediction", ArgKind::Any, true},
                     {"labels", ArgKind::Any, true},
                     {"from_logits", ArgKind::Bool}},
                    2};
      std::optional<BoundCall> bound = bindCall(call, sig, diags);
      if (!bound)
        return LoopType::Error;
      bool ok = expect(*bound->get("prediction"), LoopType::Prediction,
                       "the loss' first argument");
      ok &= expect(*bound->get("labels"), LoopType::Labels,
                   "the loss' second argument");
      spec.loss = callee;
      spec.fromLogits = bound->boolean("from_logits", false);
      lossAt = call.getLoc();
      return ok ? LoopType::Loss : LoopType::Error;
    }
    if (callee.empty()) {
      diags.error(call.getLoc(), "expected a function name before '('");
      return LoopType::Error;
    }
    diags.error(call.getLoc(), "unknown function '" + callee + "'");
    std::vector<std::string> candidates = {"batches", "evaluate"};
    for (const std::string &l : lossNames())
      candidates.push_back(l);
    for (const auto &entry : sema.modelIndex)
      candidates.push_back(entry.getKey().str());
    std::string guess = closestMatch(callee, candidates);
    if (!guess.empty())
      diags.help(call.getLoc(), "did you mean '" + guess + "'?", guess);
    return LoopType::Error;
  }

  SemaImpl &sema;
  TrainSpec &spec;
  std::vector<std::map<std::string, LoopType>> scopes;
  unsigned loopDepth = 0;
};

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
  int64_t features = model.input.dims[1];
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
  if (kind != "sgd" && kind != "adam") {
    diags.error(expr.getLoc(), kind.empty()
                                   ? "expected an optimizer, sgd(...) or "
                                     "adam(...), found " +
                                         describeExpr(expr)
                                   : "unknown optimizer '" + kind +
                                         "'; expected 'sgd' or 'adam'");
    std::string guess = closestMatch(kind, {"sgd", "adam"});
    if (!guess.empty())
      diags.help(expr.getLoc(), "did you mean '" + guess + "'?", guess);
    return std::nullopt;
  }
  OptimizerSpec spec;
  spec.kind = kind;
  spec.loc = expr.getLoc();
  spec.lr = kind == "adam" ? 0.001 : 0.01;
  if (!call)
    return spec;
  std::optional<BoundCall> bound =
      bindCall(*call, kind == "sgd" ? sgdSignature() : adamSignature(), diags);
  if (!bound)
    return std::nullopt;
  spec.lr = bound->number("lr", spec.lr);
  spec.momentum = bound->number("momentum", 0);
  spec.nesterov = bound->boolean("nesterov", false);
  spec.beta1 = bound->number("beta1", spec.beta1);
  spec.beta2 = bound->number("beta2", spec.beta2);
  spec.epsilon = bound->number("epsilon", spec.epsilon);
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
  std::optional<Location> epochsAt, lossAt;
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
    if (name == "epochs") {
      positiveInt(spec.epochs);
      epochsAt = assign->getLoc();
    } else if (name == "batch") {
      positiveInt(spec.batch);
    } else if (name == "seed") {
      positiveInt(spec.seed, 0);
    } else if (name == "shuffle") {
      if (auto *b = dyn_cast<BoolExpr>(&value)) {
        spec.shuffle = b->value;
      } else {
        diags.error(value.getLoc(), "'shuffle' must be true or false");
        ok = false;
      }
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

  if (!loop.empty()) {
    if (epochsAt) {
      diags.error(*epochsAt, "'epochs' cannot be combined with an explicit "
                             "training loop");
      diags.note(loop.front()->getLoc(), "the loop starts here");
      ok = false;
    }
    unsigned errorsBefore = diags.getNumErrors();
    LoopChecker checker(*this, spec);
    for (const Stmt *stmt : loop)
      checker.checkStmt(*stmt);
    if (checker.numSteps == 0 && diags.getNumErrors() == errorsBefore) {
      diags.error(decl.getLoc(), "training loop never takes a 'step'");
      ok = false;
    }
    ok &= diags.getNumErrors() == errorsBefore;
    spec.loop = std::move(loop);
    if (checker.lossAt)
      lossAt = checker.lossAt;
  } else if (!setAt.count("optimizer")) {
    diags.warning(decl.getLoc(), "no optimizer given; using sgd(lr: 0.01)");
  }
  // Cross-entropy is computed from the logits under the model's final
  // softmax; a model that returns logits says so with 'from_logits: true'.
  static const std::vector<std::string> kCrossEntropies = {
      "categorical_crossentropy", "sparse_categorical_crossentropy",
      "cross_entropy"};
  if (ok && llvm::is_contained(kCrossEntropies, spec.loss) &&
      !spec.fromLogits && model->outputActivation != "softmax") {
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
