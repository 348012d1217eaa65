//===- Signatures.h - Parameters of built-in calls -------------*- C++ -*-===//
//
// Every built-in a model file can call (layers, data sources, losses,
// optimizers) is described by a Signature: its parameters, their kinds and
// valid ranges. One binder checks arity, names and values for all of them, so
// that every call gets the same diagnostics.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_COMPILER_SEMA_SIGNATURES_H
#define PLEXUS_COMPILER_SEMA_SIGNATURES_H

#include "lang/AST.h"
#include "lang/Diagnostics.h"

#include <map>

namespace plexus {

enum class ArgKind {
  Tensor,  // a value inside a model body
  Int,     // an integer constant
  Number,  // an integer or floating-point constant
  Bool,    // true / false
  String,  // a string literal
  Symbol,  // one of `symbols`, written as a bare name
  Columns, // an integer, a range `a..b` or a list of integers
  Any,     // checked by the caller
};

struct ParamSpec {
  std::string name;
  ArgKind kind;
  bool required = false;
  /// Valid range for Int/Number; `lowOpen` excludes the bound itself.
  std::optional<double> low, high;
  bool lowOpen = false, highOpen = false;
  /// Allowed spellings for Symbol (an Int is also accepted if `allowInt`).
  std::vector<std::string> symbols;
  bool allowInt = false;
};

struct Signature {
  std::string name;
  std::vector<ParamSpec> params;
  /// Parameters that may be given positionally, in order (a prefix).
  unsigned numPositional = 0;
};

/// The arguments of one call bound to a signature's parameters.
class BoundCall {
public:
  const Expr *get(llvm::StringRef name) const {
    auto it = values.find(name.str());
    return it == values.end() ? nullptr : it->second;
  }
  bool has(llvm::StringRef name) const { return get(name) != nullptr; }
  double number(llvm::StringRef name, double defaultValue) const;
  int64_t integer(llvm::StringRef name, int64_t defaultValue) const;
  bool boolean(llvm::StringRef name, bool defaultValue) const;
  std::string string(llvm::StringRef name, llvm::StringRef defaultValue) const;

  std::map<std::string, const Expr *> values;
};

/// Evaluates a constant numeric expression (literals, unary minus, + - * /
/// ^ on constants). Returns nullopt if `expr` is not constant.
std::optional<double> evaluateConstant(const Expr &expr);

/// Binds `call`'s arguments to `signature`, checking arity, names, kinds and
/// ranges. Reports every problem; returns nullopt if there were any.
std::optional<BoundCall> bindCall(const CallExpr &call,
                                  const Signature &signature,
                                  DiagnosticEngine &diags);

/// Expands a Columns argument (`3`, `0..63`, `[0, 2, 5]`) to indices.
std::optional<std::vector<int64_t>> evaluateColumns(const Expr &expr,
                                                    DiagnosticEngine &diags);

/// Formats a number for messages: integers without a decimal point, other
/// values in the shortest form that reads back the same (0.1, 1e-07).
std::string formatNumber(double v);

/// Names of the kind of expression, for "expected X, found Y" messages.
std::string describeExpr(const Expr &expr);

} // namespace plexus

#endif // PLEXUS_COMPILER_SEMA_SIGNATURES_H
