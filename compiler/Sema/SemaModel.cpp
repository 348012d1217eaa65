//===- SemaModel.cpp - Checking model bodies and inferring shapes ---------===//
//
// A model body is a sequence of `name = layer(...)` assignments ending in one
// `return`. Shapes are inferred with a symbolic batch dimension; every value
// remembers the value it was computed from so that a mismatch error can show
// the chain of shapes that produced it.
//
//===----------------------------------------------------------------------===//

#include "compiler/Sema/SemaImpl.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

using namespace plexus;
using llvm::cast;
using llvm::dyn_cast;
using llvm::dyn_cast_or_null;

namespace {

Signature activationSignature(llvm::StringRef name) {
  return Signature{name.str(), {{"input", ArgKind::Tensor, true}}, 1};
}

std::string spell(const CallExpr &call) {
  std::string s = call.calleeName().str() + "(";
  for (size_t i = 0; i < call.args.size(); ++i) {
    if (i)
      s += ", ";
    const Arg &arg = call.args[i];
    if (!arg.name.empty())
      s += arg.name + ": ";
    if (auto *n = dyn_cast<NameExpr>(arg.value.get()))
      s += n->name;
    else if (auto *num = dyn_cast<NumberExpr>(arg.value.get()))
      s += num->spelling;
    else
      s += "...";
  }
  return s + ")";
}

} // namespace

std::vector<std::string> SemaImpl::layerNames() const {
  std::vector<std::string> names = layerKindNames();
  names.insert(names.end(), functions.begin(), functions.end());
  return names;
}

std::vector<std::string> SemaImpl::activationNames() const {
  std::vector<std::string> names(functions.begin(), functions.end());
  names.push_back("linear");
  return names;
}

std::string Shape::str() const {
  std::string s = "f32[";
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i)
      s += ", ";
    if (dims[i] == kDynamic)
      s += i < symbols.size() && !symbols[i].empty() ? symbols[i] : "?";
    else
      s += std::to_string(dims[i]);
  }
  return s + "]";
}

std::optional<Shape> SemaImpl::checkType(const TypeExpr &type) {
  bool ok = true;
  if (type.elementType != "f32") {
    diags.error(type.loc, "unsupported element type '" + type.elementType +
                              "'; language version 1 supports only 'f32'");
    ok = false;
  }
  Shape shape;
  for (size_t i = 0; i < type.dims.size(); ++i) {
    const Dim &dim = type.dims[i];
    if (dim.size) {
      if (*dim.size <= 0) {
        diags.error(dim.loc, "dimension must be positive, got " +
                                 llvm::Twine(*dim.size));
        ok = false;
      }
      if (i == 0 && *dim.size > 0) {
        // The batch size is chosen by train/evaluate/predict, not the model.
        diags.error(dim.loc, "the first dimension is the batch dimension and "
                             "must be a symbol such as 'N', found " +
                                 llvm::Twine(*dim.size));
        ok = false;
      }
      shape.dims.push_back(*dim.size);
      shape.symbols.push_back("");
      continue;
    }
    if (i != 0) {
      diags.error(dim.loc, "symbolic dimension '" + dim.symbol +
                               "' is only allowed as the first (batch) "
                               "dimension");
      ok = false;
    }
    shape.dims.push_back(kDynamic);
    shape.symbols.push_back(dim.symbol);
  }
  if (shape.dims.size() < 2 || shape.dims.size() > 4) {
    diags.error(type.loc, "expected a tensor type of rank 2 to 4 such as "
                          "f32[N, 10] or f32[N, 28, 28, 1], found rank " +
                              llvm::Twine(shape.dims.size()));
    ok = false;
  }
  if (!ok)
    return std::nullopt;
  return shape;
}

void SemaImpl::explainShapes(const TensorValuePtr &value) {
  std::vector<const TensorValue *> chain;
  for (const TensorValue *v = value.get(); v; v = v->input.get())
    chain.push_back(v);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    diags.note((*it)->loc, (*it)->origin + " has shape " + (*it)->shape.str());
}

TensorValuePtr
SemaImpl::checkTensorExpr(const Expr &expr,
                          llvm::StringMap<TensorValuePtr> &scope) {
  if (auto *name = dyn_cast<NameExpr>(&expr)) {
    // A name whose definition had errors is in scope as null: using it is
    // not another error.
    auto it = scope.find(name->name);
    if (it != scope.end())
      return it->second;
    diags.error(expr.getLoc(), "use of undeclared name '" + name->name + "'");
    std::vector<std::string> candidates;
    for (auto &entry : scope)
      candidates.push_back(entry.getKey().str());
    std::string guess = closestMatch(name->name, candidates);
    if (!guess.empty())
      diags.help(expr.getLoc(), "did you mean '" + guess + "'?", guess);
    return nullptr;
  }
  if (auto *call = dyn_cast<CallExpr>(&expr))
    return checkLayerCall(*call, scope);
  if (auto *binary = dyn_cast<BinaryExpr>(&expr);
      binary && (binary->op == "+" || binary->op == "-" || binary->op == "*")) {
    TensorValuePtr lhs = checkTensorExpr(*binary->lhs, scope);
    TensorValuePtr rhs = checkTensorExpr(*binary->rhs, scope);
    if (!lhs || !rhs)
      return nullptr;
    if (lhs->shape != rhs->shape) {
      diags.error(expr.getLoc(),
                  "operands of '" + binary->op + "' have different shapes: " +
                      lhs->shape.str() + " and " + rhs->shape.str());
      explainShapes(lhs);
      explainShapes(rhs);
      return nullptr;
    }
    auto value = std::make_shared<TensorValue>();
    value->shape = lhs->shape;
    value->loc = expr.getLoc();
    value->origin = "'" + binary->op + "'";
    value->input = lhs;
    return value;
  }
  diags.error(expr.getLoc(), "expected a layer or a value in a model body, "
                             "found " +
                                 describeExpr(expr));
  return nullptr;
}

TensorValuePtr
SemaImpl::checkLayerCall(const CallExpr &call,
                         llvm::StringMap<TensorValuePtr> &scope) {
  std::string callee = call.calleeName().str();
  if (callee.empty()) {
    diags.error(call.getLoc(), "expected the name of a layer before '('");
    return nullptr;
  }
  std::optional<LayerSpec::Kind> kind = layerKind(callee);
  bool isActivation = llvm::is_contained(functions, callee);
  if (!kind && !isActivation) {
    auto declared = topLevelNames.find(callee);
    if (declared != topLevelNames.end() &&
        llvm::isa<ModelDecl>(declared->second)) {
      diags.error(call.getLoc(), "models cannot be called inside a model "
                                 "body in language version 1");
      return nullptr;
    }
    diags.error(call.getLoc(), "unknown layer '" + callee + "'");
    std::string guess = closestMatch(callee, layerNames());
    if (!guess.empty())
      diags.help(call.getLoc(), "did you mean '" + guess + "'?", guess);
    return nullptr;
  }
  std::optional<BoundCall> bound = bindCall(
      call, kind ? layerSignature(*kind, callee) : activationSignature(callee),
      diags);
  // Check the input even when other arguments are wrong, to find its errors.
  TensorValuePtr input;
  if (!call.args.empty() && call.args[0].name.empty())
    input = checkTensorExpr(*call.args[0].value, scope);
  else if (bound && bound->get("input"))
    input = checkTensorExpr(*bound->get("input"), scope);
  if (!bound || !input)
    return nullptr;

  auto value = std::make_shared<TensorValue>();
  value->loc = call.getLoc();
  value->origin = spell(call);
  value->input = input;
  value->shape = input->shape;
  if (!kind) {
    // Softmax normalizes over the classes of a [batch, classes] matrix.
    if ((callee == "softmax" || callee == "log_softmax") &&
        !expectRank(call, input, 2, "a rank-2 input [batch, classes]"))
      return nullptr;
    value->activation = callee;
    return value;
  }
  std::optional<LayerSpec> spec = resolveLayer(call, *kind, *bound, input);
  if (!spec)
    return nullptr;
  if ((spec->activation == "softmax" || spec->activation == "log_softmax") &&
      spec->output.dims.size() != 2) {
    diags.error(call.getLoc(), spec->activation +
                                   " needs a rank-2 result [batch, classes], "
                                   "but " +
                                   callee + " gives " + spec->output.str());
    return nullptr;
  }
  value->shape = spec->output;
  value->activation = spec->activation;
  if (currentModel) {
    currentModel->layers[&call] = *spec;
    bool dropout = spec->kind == LayerSpec::Kind::Dropout;
    currentModel->hasDropout |= dropout;
    currentModel->hasTrainingOnlyLayers |=
        dropout || spec->kind == LayerSpec::Kind::BatchNorm;
  }
  return value;
}

void SemaImpl::checkModel(const ModelDecl &model) {
  llvm::StringMap<TensorValuePtr> scope;
  llvm::StringMap<Location> definedAt;
  ModelInfo info;
  info.decl = &model;
  currentModel = &info;
  llvm::scope_exit done([&] { currentModel = nullptr; });
  bool ok = true;

  if (model.params.size() != 1) {
    diags.error(model.getNameLoc(), "model '" + model.getName() +
                                        "' must take exactly one input "
                                        "in language version 1, found " +
                                        llvm::Twine(model.params.size()));
    ok = false;
  }
  for (const Param &param : model.params) {
    std::optional<Shape> shape = checkType(param.type);
    auto [prev, inserted] = definedAt.try_emplace(param.name, param.loc);
    if (!inserted) {
      diags.error(param.loc, "duplicate parameter '" + param.name + "'");
      diags.note(prev->second, "previous definition is here");
      ok = false;
      continue;
    }
    if (!shape) {
      scope[param.name] = nullptr;
      ok = false;
      continue;
    }
    auto value = std::make_shared<TensorValue>();
    value->shape = *shape;
    value->loc = param.loc;
    value->origin = "input '" + param.name + "'";
    scope[param.name] = value;
    if (info.input.dims.empty())
      info.input = *shape;
  }
  std::optional<Shape> declared = checkType(model.resultType);
  if (declared && declared->dims.size() != 2) {
    diags.error(model.resultType.loc,
                "a model returns a rank-2 tensor [batch, outputs], found " +
                    declared->str());
    diags.help(model.resultType.loc,
               "flatten(...) turns an image-shaped value into rows");
    declared.reset();
  }
  ok &= declared.has_value();
  if (declared && !info.input.symbols.empty() &&
      declared->symbols[0] != info.input.symbols[0]) {
    diags.error(model.resultType.dims[0].loc,
                "the result's batch dimension '" + declared->symbols[0] +
                    "' must be the input's, '" + info.input.symbols[0] + "'");
    diags.note(model.params[0].type.dims[0].loc,
               "the input's batch dimension is declared here");
    ok = false;
  }

  const ReturnStmt *ret = nullptr;
  for (const StmtPtr &stmt : model.body) {
    if (ret) {
      diags.error(stmt->getLoc(), "statement after 'return' is never "
                                  "executed");
      ok = false;
      break;
    }
    if (auto *r = dyn_cast<ReturnStmt>(stmt.get())) {
      ret = r;
      continue;
    }
    auto *assign = dyn_cast<AssignStmt>(stmt.get());
    if (!assign || !assign->field.empty()) {
      diags.error(stmt->getLoc(), "only assignments 'name = layer(...)' and "
                                  "'return' are allowed in a model body");
      ok = false;
      continue;
    }
    TensorValuePtr value = checkTensorExpr(*assign->value, scope);
    auto [prev, inserted] =
        definedAt.try_emplace(assign->target, assign->getLoc());
    if (!inserted) {
      diags.error(assign->getLoc(), "redefinition of '" + assign->target + "'");
      diags.note(prev->second, "previous definition is here");
      ok = false;
      continue;
    }
    if (!value) {
      scope[assign->target] = nullptr;
      ok = false;
      continue;
    }
    auto named = std::make_shared<TensorValue>(*value);
    scope[assign->target] = named;
  }
  if (!ret) {
    diags.error(model.getNameLoc(),
                "model '" + model.getName() + "' has no 'return' statement");
    ok = false;
  }
  TensorValuePtr returned = ret ? checkTensorExpr(*ret->value, scope) : nullptr;
  if (returned && declared && returned->shape != *declared) {
    diags.error(ret->value->getLoc(), "model '" + model.getName() +
                                          "' returns " + returned->shape.str() +
                                          " but its declared result type is " +
                                          declared->str());
    explainShapes(returned);
    diags.note(model.resultType.loc, "result type declared here");
    ok = false;
  }
  if (!returned || !ok)
    return;
  info.output = *declared;
  info.outputActivation = returned->activation;
  info.returnLoc = ret->value->getLoc();
  modelIndex[model.getName()] = result->models.size();
  result->models.push_back(info);
}
