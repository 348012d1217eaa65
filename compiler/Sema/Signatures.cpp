//===- Signatures.cpp - Binding and checking arguments of built-ins -------===//

#include "compiler/Sema/Signatures.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace plexus;
using llvm::cast;
using llvm::dyn_cast;
using llvm::dyn_cast_or_null;
using llvm::isa;

std::optional<double> plexus::evaluateConstant(const Expr &expr) {
  if (auto *n = dyn_cast<NumberExpr>(&expr))
    return n->value;
  if (auto *u = dyn_cast<UnaryExpr>(&expr)) {
    if (u->op != "-")
      return std::nullopt;
    if (auto v = evaluateConstant(*u->operand))
      return -*v;
    return std::nullopt;
  }
  auto *b = dyn_cast<BinaryExpr>(&expr);
  if (!b)
    return std::nullopt;
  auto lhs = evaluateConstant(*b->lhs), rhs = evaluateConstant(*b->rhs);
  if (!lhs || !rhs)
    return std::nullopt;
  if (b->op == "+")
    return *lhs + *rhs;
  if (b->op == "-")
    return *lhs - *rhs;
  if (b->op == "*")
    return *lhs * *rhs;
  if (b->op == "/" && *rhs != 0)
    return *lhs / *rhs;
  if (b->op == "^")
    return std::pow(*lhs, *rhs);
  return std::nullopt;
}

static bool isIntegerConstant(const Expr &expr) {
  if (auto *n = dyn_cast<NumberExpr>(&expr))
    return n->isInteger;
  if (auto *u = dyn_cast<UnaryExpr>(&expr))
    return u->op == "-" && isIntegerConstant(*u->operand);
  // 8 * 8, 100 - 1: integer arithmetic on integers.
  if (auto *b = dyn_cast<BinaryExpr>(&expr))
    return (b->op == "+" || b->op == "-" || b->op == "*") &&
           isIntegerConstant(*b->lhs) && isIntegerConstant(*b->rhs) &&
           std::fabs(*evaluateConstant(expr)) < 9.0e15;
  return false;
}

std::string plexus::describeExpr(const Expr &expr) {
  switch (expr.getKind()) {
  case Expr::Kind::Number:
    return cast<NumberExpr>(&expr)->isInteger ? "an integer" : "a number";
  case Expr::Kind::String:
    return "a string";
  case Expr::Kind::Bool:
    return "a boolean";
  case Expr::Kind::Name:
    return "the name '" + cast<NameExpr>(&expr)->name + "'";
  case Expr::Kind::Member:
    return "a member access";
  case Expr::Kind::Call:
    return "a call";
  case Expr::Kind::List:
    return "a list";
  case Expr::Kind::Unary:
    return "an expression";
  case Expr::Kind::Binary:
    return cast<BinaryExpr>(&expr)->op == ".." ? "a range" : "an expression";
  }
  return "an expression";
}

double BoundCall::number(llvm::StringRef name, double defaultValue) const {
  if (const Expr *e = get(name))
    if (auto v = evaluateConstant(*e))
      return *v;
  return defaultValue;
}

int64_t BoundCall::integer(llvm::StringRef name, int64_t defaultValue) const {
  return static_cast<int64_t>(number(name, defaultValue));
}

bool BoundCall::boolean(llvm::StringRef name, bool defaultValue) const {
  if (auto *b = dyn_cast_or_null<BoolExpr>(get(name)))
    return b->value;
  return defaultValue;
}

std::string BoundCall::string(llvm::StringRef name,
                              llvm::StringRef defaultValue) const {
  const Expr *e = get(name);
  if (auto *s = dyn_cast_or_null<StringExpr>(e))
    return s->value;
  if (auto *n = dyn_cast_or_null<NameExpr>(e))
    return n->name;
  if (e && isIntegerConstant(*e))
    return std::to_string(static_cast<int64_t>(*evaluateConstant(*e)));
  return defaultValue.str();
}

std::string plexus::formatNumber(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15)
    return std::to_string(static_cast<int64_t>(v));
  // The shortest form that reads back as the same double: 0.1, 1e-07.
  char buffer[32];
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof(buffer), "%.*g", precision, v);
    if (std::strtod(buffer, nullptr) == v)
      break;
  }
  return buffer;
}

/// Checks one argument's value against its parameter's kind and range.
static bool checkValue(const ParamSpec &param, const Expr &value,
                       llvm::StringRef callee, DiagnosticEngine &diags) {
  std::string what = "argument '" + param.name + "' of '" + callee.str() + "'";
  auto expected = [&](llvm::StringRef kind) {
    diags.error(value.getLoc(),
                what + " must be " + kind + ", found " + describeExpr(value));
    return false;
  };
  switch (param.kind) {
  case ArgKind::Tensor:
  case ArgKind::Any:
    return true;
  case ArgKind::Bool:
    return isa<BoolExpr>(value) ? true : expected("true or false");
  case ArgKind::String:
    return isa<StringExpr>(value) ? true : expected("a string");
  case ArgKind::Columns:
    return evaluateColumns(value, diags).has_value();
  case ArgKind::Symbol: {
    if (param.allowInt && isIntegerConstant(value)) {
      if (*evaluateConstant(value) >= 0)
        return true;
      diags.error(value.getLoc(), what + " must be a column index >= 0, got " +
                                      formatNumber(*evaluateConstant(value)));
      return false;
    }
    auto *name = dyn_cast<NameExpr>(&value);
    std::vector<std::string> quoted;
    for (const std::string &s : param.symbols)
      quoted.push_back("'" + s + "'");
    std::string choices = llvm::join(quoted, ", ");
    if (param.allowInt)
      choices += " or a column index";
    if (auto *str = dyn_cast<StringExpr>(&value);
        str && llvm::is_contained(param.symbols, str->value)) {
      expected("one of " + choices);
      diags.help(value.getLoc(), "write the name without quotes", str->value);
      return false;
    }
    if (!name)
      return expected("one of " + choices);
    if (llvm::is_contained(param.symbols, name->name))
      return true;
    diags.error(value.getLoc(), "unknown value '" + name->name + "' for " +
                                    what + "; expected one of " + choices);
    std::string guess = closestMatch(name->name, param.symbols);
    if (!guess.empty())
      diags.help(value.getLoc(), "did you mean '" + guess + "'?", guess);
    return false;
  }
  case ArgKind::Int:
  case ArgKind::Number:
    break;
  }
  std::optional<double> v = evaluateConstant(value);
  if (!v)
    return expected(param.kind == ArgKind::Int ? "an integer constant"
                                               : "a numeric constant");
  if (param.kind == ArgKind::Int && !isIntegerConstant(value))
    return expected("an integer");
  if (!std::isfinite(*v))
    return expected("a finite number");
  bool tooLow =
      param.low && (param.lowOpen ? *v <= *param.low : *v < *param.low);
  bool tooHigh =
      param.high && (param.highOpen ? *v >= *param.high : *v > *param.high);
  if (!tooLow && !tooHigh)
    return true;
  std::string range;
  if (param.low && param.high)
    range = std::string("in ") + (param.lowOpen ? "(" : "[") +
            formatNumber(*param.low) + ", " + formatNumber(*param.high) +
            (param.highOpen ? ")" : "]");
  else if (param.low)
    range =
        std::string(param.lowOpen ? "> " : ">= ") + formatNumber(*param.low);
  else
    range =
        std::string(param.highOpen ? "< " : "<= ") + formatNumber(*param.high);
  diags.error(value.getLoc(),
              what + " must be " + range + ", got " + formatNumber(*v));
  return false;
}

std::optional<BoundCall> plexus::bindCall(const CallExpr &call,
                                          const Signature &signature,
                                          DiagnosticEngine &diags) {
  BoundCall bound;
  bool ok = true;
  std::map<std::string, Location> seenAt;
  unsigned positional = 0;
  bool sawNamed = false, tooManyPositional = false;
  // Set when an argument could not be bound to a parameter: then a missing
  // required parameter is most likely that argument, reported already.
  bool unbound = false;
  for (const Arg &arg : call.args) {
    const ParamSpec *param = nullptr;
    Location at = arg.name.empty() ? arg.value->getLoc() : arg.nameLoc;
    if (arg.name.empty()) {
      if (sawNamed) {
        diags.error(at, "positional argument after a named argument in call "
                        "to '" +
                            signature.name + "'");
        unbound = true;
        ok = false;
        continue;
      }
      if (positional >= signature.numPositional) {
        // One error per call: the rest would say the same.
        if (!tooManyPositional) {
          std::vector<std::string> names;
          for (const ParamSpec &p : signature.params)
            names.push_back(p.name);
          if (signature.numPositional == 0)
            diags.error(at, "'" + signature.name +
                                "' takes only named "
                                "arguments, such as '" +
                                names[0] + ": ...'");
          else
            diags.error(at, "too many positional arguments to '" +
                                signature.name + "': expected at most " +
                                llvm::Twine(signature.numPositional));
          diags.note(call.getLoc(), "'" + signature.name +
                                        "' takes: " + llvm::join(names, ", "));
        }
        tooManyPositional = unbound = true;
        ok = false;
        continue;
      }
      param = &signature.params[positional++];
    } else {
      sawNamed = true;
      auto it = llvm::find_if(signature.params, [&](const ParamSpec &p) {
        return p.name == arg.name;
      });
      if (it == signature.params.end()) {
        diags.error(at, "'" + signature.name + "' has no parameter named '" +
                            arg.name + "'");
        std::vector<std::string> names;
        for (const ParamSpec &p : signature.params)
          names.push_back(p.name);
        std::string guess = closestMatch(arg.name, names);
        if (!guess.empty())
          diags.help(at, "did you mean '" + guess + "'?", guess);
        else
          diags.note(call.getLoc(), "'" + signature.name +
                                        "' takes: " + llvm::join(names, ", "));
        unbound = true;
        ok = false;
        continue;
      }
      param = &*it;
    }
    auto [prev, inserted] = seenAt.emplace(param->name, at);
    if (!inserted) {
      diags.error(at, "argument '" + param->name + "' of '" + signature.name +
                          "' is given twice");
      diags.note(prev->second, "first given here");
      ok = false;
      continue;
    }
    if (!checkValue(*param, *arg.value, signature.name, diags)) {
      ok = false;
      continue;
    }
    bound.values[param->name] = arg.value.get();
  }
  for (const ParamSpec &param : signature.params) {
    if (!param.required || seenAt.count(param.name) || unbound)
      continue;
    diags.error(call.getLoc(), "missing argument '" + param.name +
                                   "' in call to '" + signature.name + "'");
    ok = false;
  }
  if (!ok)
    return std::nullopt;
  return bound;
}

std::optional<std::vector<int64_t>>
plexus::evaluateColumns(const Expr &expr, DiagnosticEngine &diags) {
  auto index = [&](const Expr &e) -> std::optional<int64_t> {
    if (!isIntegerConstant(e)) {
      diags.error(e.getLoc(),
                  "column index must be an integer, found " + describeExpr(e));
      return std::nullopt;
    }
    auto v = static_cast<int64_t>(*evaluateConstant(e));
    if (v < 0) {
      diags.error(e.getLoc(),
                  "column index must be >= 0, got " + llvm::Twine(v));
      return std::nullopt;
    }
    return v;
  };
  std::vector<int64_t> columns;
  if (auto *range = dyn_cast<BinaryExpr>(&expr); range && range->op == "..") {
    auto lo = index(*range->lhs), hi = index(*range->rhs);
    if (!lo || !hi)
      return std::nullopt;
    if (*hi < *lo) {
      diags.error(expr.getLoc(), "empty column range " + llvm::Twine(*lo) +
                                     ".." + llvm::Twine(*hi));
      return std::nullopt;
    }
    if (*hi - *lo > 1000000) {
      diags.error(expr.getLoc(), "column range is too large");
      return std::nullopt;
    }
    // Ranges are inclusive: 0..63 is 64 columns.
    for (int64_t c = *lo; c <= *hi; ++c)
      columns.push_back(c);
    return columns;
  }
  if (auto *list = dyn_cast<ListExpr>(&expr)) {
    for (const ExprPtr &element : list->elements) {
      auto v = index(*element);
      if (!v)
        return std::nullopt;
      columns.push_back(*v);
    }
    if (columns.empty()) {
      diags.error(expr.getLoc(), "empty column list");
      return std::nullopt;
    }
    return columns;
  }
  auto v = index(expr);
  if (!v)
    return std::nullopt;
  columns.push_back(*v);
  return columns;
}
