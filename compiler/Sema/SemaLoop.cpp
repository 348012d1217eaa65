//===- SemaLoop.cpp - Type checking explicit training loops ---------------===//
//
// The statements of `train M on d { for ... }` are checked with a small type
// system: integers, numbers, booleans, strings, data sets, models, batches
// (x and y of a batch), model outputs, losses, metric results and ranges.
//
//===----------------------------------------------------------------------===//

#include "compiler/Sema/SemaImpl.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

using namespace plexus;
using llvm::cast;
using llvm::dyn_cast;
using llvm::dyn_cast_or_null;

namespace {

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

unsigned SemaImpl::checkLoop(TrainSpec &spec, llvm::ArrayRef<const Stmt *> loop,
                             std::optional<Location> &lossAt) {
  LoopChecker checker(*this, spec);
  for (const Stmt *stmt : loop)
    checker.checkStmt(*stmt);
  lossAt = checker.lossAt;
  return checker.numSteps;
}
