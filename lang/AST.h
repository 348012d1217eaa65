//===- AST.h - Plexus abstract syntax tree ----------------------*- C++ -*-===//
//
// Plain C++ structs produced by the parser. Every node carries the location of
// its first token and the source range it covers. Nothing here depends on
// ANTLR, so the rest of the compiler (built without C++ exceptions) can use it.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_LANG_AST_H
#define PLEXUS_LANG_AST_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace plexus {

/// A position in a source buffer registered with the DiagnosticEngine.
/// Line and column are 1-based; `length` is the number of bytes the node's
/// first token (or the whole node, for ranges) spans on its line.
struct Location {
  unsigned bufferId = 0;
  unsigned line = 0;
  unsigned column = 0;
  unsigned length = 1;
  /// Path of the file, for printing and for MLIR FileLineColLoc.
  std::string file;
};

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

class Expr {
public:
  enum class Kind {
    Number,
    String,
    Bool,
    Name,
    Member,
    Call,
    List,
    Unary,
    Binary
  };
  Expr(Kind kind, Location loc) : kind(kind), loc(std::move(loc)) {}
  virtual ~Expr() = default;
  Kind getKind() const { return kind; }
  const Location &getLoc() const { return loc; }

private:
  Kind kind;
  Location loc;
};
using ExprPtr = std::unique_ptr<Expr>;

class NumberExpr : public Expr {
public:
  NumberExpr(Location loc, double value, bool isInteger, std::string spelling)
      : Expr(Kind::Number, std::move(loc)), value(value), isInteger(isInteger),
        spelling(std::move(spelling)) {}
  double value;
  bool isInteger;
  std::string spelling;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Number; }
};

class StringExpr : public Expr {
public:
  StringExpr(Location loc, std::string value)
      : Expr(Kind::String, std::move(loc)), value(std::move(value)) {}
  std::string value;
  static bool classof(const Expr *e) { return e->getKind() == Kind::String; }
};

class BoolExpr : public Expr {
public:
  BoolExpr(Location loc, bool value)
      : Expr(Kind::Bool, std::move(loc)), value(value) {}
  bool value;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Bool; }
};

class NameExpr : public Expr {
public:
  NameExpr(Location loc, std::string name)
      : Expr(Kind::Name, std::move(loc)), name(std::move(name)) {}
  std::string name;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Name; }
};

/// `base.member`, e.g. `digits.train` or `optimizer.lr`.
class MemberExpr : public Expr {
public:
  MemberExpr(Location loc, ExprPtr base, std::string member, Location memberLoc)
      : Expr(Kind::Member, std::move(loc)), base(std::move(base)),
        member(std::move(member)), memberLoc(std::move(memberLoc)) {}
  ExprPtr base;
  std::string member;
  Location memberLoc;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Member; }
};

/// One argument of a call; `name` is empty for positional arguments.
struct Arg {
  std::string name;
  Location nameLoc;
  ExprPtr value;
};

class CallExpr : public Expr {
public:
  CallExpr(Location loc, ExprPtr callee, std::vector<Arg> args)
      : Expr(Kind::Call, std::move(loc)), callee(std::move(callee)),
        args(std::move(args)) {}
  ExprPtr callee;
  std::vector<Arg> args;
  /// The argument named `name`, or else the positional argument at
  /// `position`; null if neither was given.
  const Expr *argument(llvm::StringRef name, size_t position) const {
    for (const Arg &a : args)
      if (a.name == name)
        return a.value.get();
    if (position < args.size() && args[position].name.empty())
      return args[position].value.get();
    return nullptr;
  }
  /// The callee's spelling when it is a plain name, else "".
  llvm::StringRef calleeName() const {
    if (auto *name = llvm::dyn_cast<NameExpr>(callee.get()))
      return name->name;
    return "";
  }
  static bool classof(const Expr *e) { return e->getKind() == Kind::Call; }
};

class ListExpr : public Expr {
public:
  ListExpr(Location loc, std::vector<ExprPtr> elements)
      : Expr(Kind::List, std::move(loc)), elements(std::move(elements)) {}
  std::vector<ExprPtr> elements;
  static bool classof(const Expr *e) { return e->getKind() == Kind::List; }
};

class UnaryExpr : public Expr {
public:
  UnaryExpr(Location loc, std::string op, ExprPtr operand)
      : Expr(Kind::Unary, std::move(loc)), op(std::move(op)),
        operand(std::move(operand)) {}
  std::string op; // "-" or "not"
  ExprPtr operand;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Unary; }
};

/// Arithmetic, comparison, logic and ranges (`1..30`). `loc` is the operator.
class BinaryExpr : public Expr {
public:
  BinaryExpr(Location loc, std::string op, ExprPtr lhs, ExprPtr rhs)
      : Expr(Kind::Binary, std::move(loc)), op(std::move(op)),
        lhs(std::move(lhs)), rhs(std::move(rhs)) {}
  std::string op;
  ExprPtr lhs, rhs;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Binary; }
};

//===----------------------------------------------------------------------===//
// Statements (bodies of models and training loops)
//===----------------------------------------------------------------------===//

class Stmt {
public:
  enum class Kind { Assign, Return, For, If, Step, Log, Save };
  Stmt(Kind kind, Location loc) : kind(kind), loc(std::move(loc)) {}
  virtual ~Stmt() = default;
  Kind getKind() const { return kind; }
  const Location &getLoc() const { return loc; }

private:
  Kind kind;
  Location loc;
};
using StmtPtr = std::unique_ptr<Stmt>;
using Block = std::vector<StmtPtr>;

/// `name = value` or `object.field = value` (e.g. `optimizer.lr = 0.01`).
class AssignStmt : public Stmt {
public:
  AssignStmt(Location loc, std::string target, std::string field,
             Location fieldLoc, ExprPtr value)
      : Stmt(Kind::Assign, std::move(loc)), target(std::move(target)),
        field(std::move(field)), fieldLoc(std::move(fieldLoc)),
        value(std::move(value)) {}
  std::string target;
  std::string field; // empty unless `target.field = ...`
  Location fieldLoc;
  ExprPtr value;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Assign; }
};

class ReturnStmt : public Stmt {
public:
  ReturnStmt(Location loc, ExprPtr value)
      : Stmt(Kind::Return, std::move(loc)), value(std::move(value)) {}
  ExprPtr value;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Return; }
};

/// `for v in iterable { ... }` or `for (x, y) in iterable { ... }`.
class ForStmt : public Stmt {
public:
  struct Var {
    std::string name;
    Location loc;
  };
  ForStmt(Location loc, std::vector<Var> vars, ExprPtr iterable, Block body)
      : Stmt(Kind::For, std::move(loc)), vars(std::move(vars)),
        iterable(std::move(iterable)), body(std::move(body)) {}
  std::vector<Var> vars;
  ExprPtr iterable;
  Block body;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::For; }
};

/// `if cond { ... } else { ... }`; `else if` nests an IfStmt in `elseBody`.
class IfStmt : public Stmt {
public:
  IfStmt(Location loc, ExprPtr cond, Block thenBody, Block elseBody)
      : Stmt(Kind::If, std::move(loc)), cond(std::move(cond)),
        thenBody(std::move(thenBody)), elseBody(std::move(elseBody)) {}
  ExprPtr cond;
  Block thenBody, elseBody;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::If; }
};

/// `step loss_expr`: one optimizer step on the given loss.
class StepStmt : public Stmt {
public:
  StepStmt(Location loc, ExprPtr loss)
      : Stmt(Kind::Step, std::move(loc)), loss(std::move(loss)) {}
  ExprPtr loss;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Step; }
};

class LogStmt : public Stmt {
public:
  LogStmt(Location loc, std::vector<ExprPtr> values)
      : Stmt(Kind::Log, std::move(loc)), values(std::move(values)) {}
  std::vector<ExprPtr> values;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Log; }
};

/// `save "file.safetensors"`: write a checkpoint.
class SaveStmt : public Stmt {
public:
  SaveStmt(Location loc, ExprPtr path)
      : Stmt(Kind::Save, std::move(loc)), path(std::move(path)) {}
  ExprPtr path;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Save; }
};

//===----------------------------------------------------------------------===//
// Top-level declarations
//===----------------------------------------------------------------------===//

/// One dimension of a tensor type: a literal size or a symbol such as `N`.
struct Dim {
  Location loc;
  std::optional<int64_t> size;
  std::string symbol;
};

/// `f32[N, 10]`.
struct TypeExpr {
  Location loc;
  std::string elementType;
  std::vector<Dim> dims;
};

class Decl {
public:
  enum class Kind { Import, Data, Model, Train, Evaluate, Predict };
  Decl(Kind kind, Location loc, std::string name, Location nameLoc)
      : kind(kind), loc(std::move(loc)), name(std::move(name)),
        nameLoc(std::move(nameLoc)) {}
  virtual ~Decl() = default;
  Kind getKind() const { return kind; }
  const Location &getLoc() const { return loc; }
  /// The declared name (data, model), or the model a train/evaluate/predict
  /// declaration refers to, or the imported path.
  const std::string &getName() const { return name; }
  const Location &getNameLoc() const { return nameLoc; }

private:
  Kind kind;
  Location loc;
  std::string name;
  Location nameLoc;
};
using DeclPtr = std::unique_ptr<Decl>;

class ImportDecl : public Decl {
public:
  ImportDecl(Location loc, std::string path, Location pathLoc)
      : Decl(Kind::Import, std::move(loc), std::move(path),
             std::move(pathLoc)) {}
  static bool classof(const Decl *d) { return d->getKind() == Kind::Import; }
};

/// `data name = csv(...)` / `npy(...)` / `random(...)`.
class DataDecl : public Decl {
public:
  DataDecl(Location loc, std::string name, Location nameLoc, ExprPtr source)
      : Decl(Kind::Data, std::move(loc), std::move(name), std::move(nameLoc)),
        source(std::move(source)) {}
  ExprPtr source;
  static bool classof(const Decl *d) { return d->getKind() == Kind::Data; }
};

struct Param {
  Location loc;
  std::string name;
  TypeExpr type;
};

class ModelDecl : public Decl {
public:
  ModelDecl(Location loc, std::string name, Location nameLoc,
            std::vector<Param> params, TypeExpr resultType, Block body)
      : Decl(Kind::Model, std::move(loc), std::move(name), std::move(nameLoc)),
        params(std::move(params)), resultType(std::move(resultType)),
        body(std::move(body)) {}
  std::vector<Param> params;
  TypeExpr resultType;
  Block body;
  static bool classof(const Decl *d) { return d->getKind() == Kind::Model; }
};

/// `train Model on data { settings and/or loop }`.
class TrainDecl : public Decl {
public:
  TrainDecl(Location loc, std::string model, Location modelLoc, ExprPtr data,
            Block body)
      : Decl(Kind::Train, std::move(loc), std::move(model),
             std::move(modelLoc)),
        data(std::move(data)), body(std::move(body)) {}
  ExprPtr data;
  Block body;
  static bool classof(const Decl *d) { return d->getKind() == Kind::Train; }
};

/// `evaluate Model on data { metrics = [...] }`.
class EvaluateDecl : public Decl {
public:
  EvaluateDecl(Location loc, std::string model, Location modelLoc, ExprPtr data,
               Block body)
      : Decl(Kind::Evaluate, std::move(loc), std::move(model),
             std::move(modelLoc)),
        data(std::move(data)), body(std::move(body)) {}
  ExprPtr data;
  Block body;
  static bool classof(const Decl *d) { return d->getKind() == Kind::Evaluate; }
};

/// `predict Model on data -> "out.csv"`.
class PredictDecl : public Decl {
public:
  PredictDecl(Location loc, std::string model, Location modelLoc, ExprPtr data,
              std::string output, Location outputLoc)
      : Decl(Kind::Predict, std::move(loc), std::move(model),
             std::move(modelLoc)),
        data(std::move(data)), output(std::move(output)),
        outputLoc(std::move(outputLoc)) {}
  ExprPtr data;
  std::string output; // empty: standard output
  Location outputLoc;
  static bool classof(const Decl *d) { return d->getKind() == Kind::Predict; }
};

/// A parsed file with its imports resolved and spliced in place.
struct Program {
  std::vector<DeclPtr> decls;
};

/// Prints an indented, stable dump of the AST (`plexc --emit=ast`).
void dumpAST(const Program &program, llvm::raw_ostream &os);

} // namespace plexus

#endif // PLEXUS_LANG_AST_H
