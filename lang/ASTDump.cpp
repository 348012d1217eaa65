//===- ASTDump.cpp - Indented, stable AST dump ----------------------------===//
//
// One node per line, children indented by two spaces, each node followed by
// its `<line:col>`. The format is part of the test suite: change it only
// together with test/lang.
//
//===----------------------------------------------------------------------===//

#include "lang/AST.h"

#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"

using namespace plexus;

namespace {

class ASTDumper {
public:
  explicit ASTDumper(llvm::raw_ostream &os) : os(os) {}

  void dump(const Program &program) {
    os << "Program\n";
    Indent scope(*this);
    for (const DeclPtr &decl : program.decls)
      dump(*decl);
  }

private:
  struct Indent {
    explicit Indent(ASTDumper &d) : d(d) { d.level += 2; }
    ~Indent() { d.level -= 2; }
    ASTDumper &d;
  };

  llvm::raw_ostream &line() { return os.indent(level); }
  static std::string at(const Location &loc) {
    return " <" + std::to_string(loc.line) + ":" + std::to_string(loc.column) +
           ">";
  }

  void dump(const TypeExpr &type) {
    os << type.elementType << "[";
    for (size_t i = 0; i < type.dims.size(); ++i) {
      if (i)
        os << ", ";
      if (type.dims[i].size)
        os << *type.dims[i].size;
      else
        os << type.dims[i].symbol;
    }
    os << "]";
  }

  void dump(const Decl &decl) {
    llvm::TypeSwitch<const Decl *>(&decl)
        .Case([&](const ImportDecl *d) {
          line() << "Import \"";
          os.write_escaped(d->getName());
          os << "\"" << at(d->getLoc()) << "\n";
        })
        .Case([&](const DataDecl *d) {
          line() << "Data " << d->getName() << at(d->getLoc()) << "\n";
          Indent scope(*this);
          dump(*d->source);
        })
        .Case([&](const ModelDecl *d) {
          line() << "Model " << d->getName() << at(d->getLoc()) << "\n";
          Indent scope(*this);
          for (const Param &p : d->params) {
            line() << "Param " << p.name << " : ";
            dump(p.type);
            os << at(p.loc) << "\n";
          }
          line() << "Result ";
          dump(d->resultType);
          os << at(d->resultType.loc) << "\n";
          dump(d->body);
        })
        .Case([&](const TrainDecl *d) {
          dumpModelOnData("Train", *d, *d->data, d->body);
        })
        .Case([&](const EvaluateDecl *d) {
          dumpModelOnData("Evaluate", *d, *d->data, d->body);
        })
        .Case([&](const PredictDecl *d) {
          line() << "Predict " << d->getName() << at(d->getLoc());
          if (!d->output.empty()) {
            os << " -> \"";
            os.write_escaped(d->output);
            os << "\"";
          }
          os << "\n";
          Indent scope(*this);
          line() << "On\n";
          Indent on(*this);
          dump(*d->data);
        });
  }

  /// `train M on data { ... }` and `evaluate M on data { ... }`.
  void dumpModelOnData(llvm::StringRef kind, const Decl &decl, const Expr &data,
                       const Block &body) {
    line() << kind << " " << decl.getName() << at(decl.getLoc()) << "\n";
    Indent scope(*this);
    line() << "On\n";
    {
      Indent on(*this);
      dump(data);
    }
    dump(body);
  }

  void dump(const Block &block) {
    for (const StmtPtr &stmt : block)
      dump(*stmt);
  }

  void dump(const Stmt &stmt) {
    llvm::TypeSwitch<const Stmt *>(&stmt)
        .Case([&](const AssignStmt *s) {
          line() << "Assign " << s->target;
          if (!s->field.empty())
            os << "." << s->field;
          os << at(s->getLoc()) << "\n";
          Indent scope(*this);
          dump(*s->value);
        })
        .Case([&](const ReturnStmt *s) {
          line() << "Return" << at(s->getLoc()) << "\n";
          Indent scope(*this);
          dump(*s->value);
        })
        .Case([&](const ForStmt *s) {
          line() << "For";
          for (const ForStmt::Var &v : s->vars)
            os << " " << v.name;
          os << at(s->getLoc()) << "\n";
          Indent scope(*this);
          line() << "In\n";
          {
            Indent in(*this);
            dump(*s->iterable);
          }
          line() << "Body\n";
          Indent body(*this);
          dump(s->body);
        })
        .Case([&](const IfStmt *s) {
          line() << "If" << at(s->getLoc()) << "\n";
          Indent scope(*this);
          dump(*s->cond);
          line() << "Then\n";
          {
            Indent then(*this);
            dump(s->thenBody);
          }
          if (s->elseBody.empty())
            return;
          line() << "Else\n";
          Indent otherwise(*this);
          dump(s->elseBody);
        })
        .Case([&](const StepStmt *s) {
          line() << "Step" << at(s->getLoc()) << "\n";
          Indent scope(*this);
          dump(*s->loss);
        })
        .Case([&](const LogStmt *s) {
          line() << "Log" << at(s->getLoc()) << "\n";
          Indent scope(*this);
          for (const ExprPtr &v : s->values)
            dump(*v);
        })
        .Case([&](const SaveStmt *s) {
          line() << "Save" << at(s->getLoc()) << "\n";
          Indent scope(*this);
          dump(*s->path);
        });
  }

  void dump(const Expr &expr) {
    llvm::TypeSwitch<const Expr *>(&expr)
        .Case([&](const NumberExpr *e) {
          line() << (e->isInteger ? "Int " : "Float ") << e->spelling
                 << at(e->getLoc()) << "\n";
        })
        .Case([&](const StringExpr *e) {
          line() << "String \"";
          os.write_escaped(e->value);
          os << "\"" << at(e->getLoc()) << "\n";
        })
        .Case([&](const BoolExpr *e) {
          line() << "Bool " << (e->value ? "true" : "false") << at(e->getLoc())
                 << "\n";
        })
        .Case([&](const NameExpr *e) {
          line() << "Name " << e->name << at(e->getLoc()) << "\n";
        })
        .Case([&](const MemberExpr *e) {
          line() << "Member ." << e->member << at(e->memberLoc) << "\n";
          Indent scope(*this);
          dump(*e->base);
        })
        .Case([&](const CallExpr *e) {
          line() << "Call" << at(e->getLoc()) << "\n";
          Indent scope(*this);
          dump(*e->callee);
          for (const Arg &arg : e->args) {
            if (arg.name.empty()) {
              dump(*arg.value);
              continue;
            }
            line() << "Named " << arg.name << at(arg.nameLoc) << "\n";
            Indent named(*this);
            dump(*arg.value);
          }
        })
        .Case([&](const ListExpr *e) {
          line() << "List" << at(e->getLoc()) << "\n";
          Indent scope(*this);
          for (const ExprPtr &element : e->elements)
            dump(*element);
        })
        .Case([&](const UnaryExpr *e) {
          line() << "Unary " << e->op << at(e->getLoc()) << "\n";
          Indent scope(*this);
          dump(*e->operand);
        })
        .Case([&](const BinaryExpr *e) {
          line() << "Binary " << e->op << at(e->getLoc()) << "\n";
          Indent scope(*this);
          dump(*e->lhs);
          dump(*e->rhs);
        });
  }

  llvm::raw_ostream &os;
  unsigned level = 0;
};

} // namespace

void plexus::dumpAST(const Program &program, llvm::raw_ostream &os) {
  ASTDumper(os).dump(program);
}
