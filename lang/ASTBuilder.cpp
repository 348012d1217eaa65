//===- ASTBuilder.cpp - Parse tree to AST ---------------------------------===//
//
// Runs only on parse trees without syntax errors, so every child the grammar
// requires is present. Expression depth is bounded (kMaxNesting) so that no
// input can exhaust the stack here either.
//
//===----------------------------------------------------------------------===//

#include "lang/ParserImpl.h"

#include "llvm/ADT/StringExtras.h"

#include "antlr4-runtime.h"

#include <cmath>

using namespace plexus;
using namespace plexus::detail;
using llvm::StringRef;

namespace {

/// Builds the AST from a parse tree that had no syntax errors.
class ASTBuilder {
public:
  ASTBuilder(DiagnosticEngine &diags, unsigned bufferId,
             const OffsetMap &offsets)
      : diags(diags), bufferId(bufferId), offsets(offsets) {}

  std::unique_ptr<Program> build(PlexusParser::ProgramContext *ctx) {
    auto program = std::make_unique<Program>();
    for (auto *decl : ctx->decl())
      if (DeclPtr d = buildDecl(decl))
        program->decls.push_back(std::move(d));
    return program;
  }

private:
  Location loc(antlr4::Token *token) {
    size_t start = offsets.byteOffset(token->getStartIndex());
    size_t stop = offsets.byteOffset(token->getStopIndex() + 1);
    return diags.locationAt(bufferId, start, stop - start);
  }
  Location loc(antlr4::tree::TerminalNode *node) {
    return loc(node->getSymbol());
  }
  Location loc(antlr4::ParserRuleContext *ctx) {
    size_t start = offsets.byteOffset(ctx->getStart()->getStartIndex());
    size_t stop = offsets.byteOffset(ctx->getStop()->getStopIndex() + 1);
    // Ranges spanning lines are clipped by the printer.
    return diags.locationAt(bufferId, start, stop > start ? stop - start : 1);
  }

  DeclPtr buildDecl(PlexusParser::DeclContext *ctx) {
    if (auto *d = ctx->importDecl()) {
      return std::make_unique<ImportDecl>(loc(d), unquote(d->STRING()),
                                          loc(d->STRING()));
    }
    if (auto *d = ctx->dataDecl()) {
      return std::make_unique<DataDecl>(loc(d->DATA()), d->ID()->getText(),
                                        loc(d->ID()), buildExpr(d->expr(), 0));
    }
    if (auto *d = ctx->modelDecl()) {
      std::vector<Param> params;
      for (auto *p : d->param())
        params.push_back(
            Param{loc(p->ID()), p->ID()->getText(), buildType(p->typeExpr())});
      return std::make_unique<ModelDecl>(
          loc(d->MODEL()), d->ID()->getText(), loc(d->ID()), std::move(params),
          buildType(d->typeExpr()), buildBlock(d->block()));
    }
    if (auto *d = ctx->trainDecl()) {
      return std::make_unique<TrainDecl>(loc(d->TRAIN()), d->ID()->getText(),
                                         loc(d->ID()), buildExpr(d->expr(), 0),
                                         buildBlock(d->block()));
    }
    if (auto *d = ctx->evaluateDecl()) {
      Block body;
      if (d->block())
        body = buildBlock(d->block());
      return std::make_unique<EvaluateDecl>(
          loc(d->EVALUATE()), d->ID()->getText(), loc(d->ID()),
          buildExpr(d->expr(), 0), std::move(body));
    }
    auto *d = ctx->predictDecl();
    std::string output;
    Location outputLoc;
    if (d->STRING()) {
      output = unquote(d->STRING());
      outputLoc = loc(d->STRING());
    }
    return std::make_unique<PredictDecl>(
        loc(d->PREDICT()), d->ID()->getText(), loc(d->ID()),
        buildExpr(d->expr(), 0), std::move(output), std::move(outputLoc));
  }

  TypeExpr buildType(PlexusParser::TypeExprContext *ctx) {
    TypeExpr type;
    type.loc = loc(ctx);
    type.elementType = ctx->ID()->getText();
    for (auto *dimCtx : ctx->dim()) {
      Dim dim;
      dim.loc = loc(dimCtx);
      if (dimCtx->INT()) {
        dim.size = parseInteger(dimCtx->INT());
      } else {
        dim.symbol = dimCtx->ID()->getText();
      }
      type.dims.push_back(std::move(dim));
    }
    return type;
  }

  Block buildBlock(PlexusParser::BlockContext *ctx) {
    Block block;
    for (auto *stmt : ctx->stmt())
      if (StmtPtr s = buildStmt(stmt))
        block.push_back(std::move(s));
    return block;
  }

  StmtPtr buildStmt(PlexusParser::StmtContext *ctx) {
    if (auto *s = dynamic_cast<PlexusParser::ReturnStmtContext *>(ctx))
      return std::make_unique<ReturnStmt>(loc(s->RETURN()),
                                          buildExpr(s->expr(), 0));
    if (auto *s = dynamic_cast<PlexusParser::ForStmtContext *>(ctx)) {
      std::vector<ForStmt::Var> vars;
      for (auto *id : s->forTarget()->ID())
        vars.push_back(ForStmt::Var{id->getText(), loc(id)});
      return std::make_unique<ForStmt>(loc(s->FOR()), std::move(vars),
                                       buildExpr(s->expr(), 0),
                                       buildBlock(s->block()));
    }
    if (auto *s = dynamic_cast<PlexusParser::IfStmtContext *>(ctx))
      return buildIf(loc(s->IF()), s->expr(), s->block(), s->elseIf());
    if (auto *s = dynamic_cast<PlexusParser::StepStmtContext *>(ctx))
      return std::make_unique<StepStmt>(loc(s->STEP()),
                                        buildExpr(s->expr(), 0));
    if (auto *s = dynamic_cast<PlexusParser::LogStmtContext *>(ctx)) {
      std::vector<ExprPtr> values;
      for (auto *e : s->expr())
        values.push_back(buildExpr(e, 0));
      return std::make_unique<LogStmt>(loc(s->LOG()), std::move(values));
    }
    if (auto *s = dynamic_cast<PlexusParser::SaveStmtContext *>(ctx))
      return std::make_unique<SaveStmt>(loc(s->SAVE()),
                                        buildExpr(s->expr(), 0));
    auto *s = dynamic_cast<PlexusParser::AssignStmtContext *>(ctx);
    assert(s && "unhandled statement alternative");
    std::string field;
    Location fieldLoc;
    if (s->anyName()) {
      field = s->anyName()->getText();
      fieldLoc = loc(s->anyName());
    }
    return std::make_unique<AssignStmt>(loc(s->ID()), s->ID()->getText(),
                                        std::move(field), std::move(fieldLoc),
                                        buildExpr(s->expr(), 0));
  }

  StmtPtr buildIf(Location ifLoc, PlexusParser::ExprContext *cond,
                  const std::vector<PlexusParser::BlockContext *> &blocks,
                  PlexusParser::ElseIfContext *elseIf) {
    Block elseBody;
    if (blocks.size() > 1)
      elseBody = buildBlock(blocks[1]);
    else if (elseIf)
      elseBody.push_back(buildIf(loc(elseIf->IF()), elseIf->expr(),
                                 elseIf->block(), elseIf->elseIf()));
    return std::make_unique<IfStmt>(std::move(ifLoc), buildExpr(cond, 0),
                                    buildBlock(blocks[0]), std::move(elseBody));
  }

  ExprPtr buildExpr(PlexusParser::ExprContext *ctx, unsigned depth) {
    if (depth > kMaxNesting) {
      if (!reportedDepth)
        diags.error(loc(ctx), "expression is nested too deeply (more than " +
                                  llvm::Twine(kMaxNesting) + " levels)");
      reportedDepth = true;
      return std::make_unique<NumberExpr>(loc(ctx), 0, true, "0");
    }
    ++depth;
    if (auto *e = dynamic_cast<PlexusParser::ParenExprContext *>(ctx))
      return buildExpr(e->expr(), depth);
    if (auto *e = dynamic_cast<PlexusParser::MemberExprContext *>(ctx))
      return std::make_unique<MemberExpr>(loc(ctx), buildExpr(e->expr(), depth),
                                          e->anyName()->getText(),
                                          loc(e->anyName()));
    if (auto *e = dynamic_cast<PlexusParser::CallExprContext *>(ctx)) {
      std::vector<Arg> args;
      for (auto *a : e->arg()) {
        Arg arg;
        if (a->anyName()) {
          arg.name = a->anyName()->getText();
          arg.nameLoc = loc(a->anyName());
        }
        arg.value = buildExpr(a->expr(), depth);
        args.push_back(std::move(arg));
      }
      ExprPtr callee = buildExpr(e->expr(), depth);
      Location callLoc = callee->getLoc();
      return std::make_unique<CallExpr>(std::move(callLoc), std::move(callee),
                                        std::move(args));
    }
    if (auto *e = dynamic_cast<PlexusParser::UnaryExprContext *>(ctx))
      return std::make_unique<UnaryExpr>(loc(e->op), e->op->getText(),
                                         buildExpr(e->expr(), depth));
    if (auto *e = dynamic_cast<PlexusParser::BinaryExprContext *>(ctx))
      return std::make_unique<BinaryExpr>(loc(e->op), e->op->getText(),
                                          buildExpr(e->expr(0), depth),
                                          buildExpr(e->expr(1), depth));
    if (auto *e = dynamic_cast<PlexusParser::ListExprContext *>(ctx)) {
      std::vector<ExprPtr> elements;
      for (auto *element : e->expr())
        elements.push_back(buildExpr(element, depth));
      return std::make_unique<ListExpr>(loc(ctx), std::move(elements));
    }
    if (auto *e = dynamic_cast<PlexusParser::NumberExprContext *>(ctx)) {
      if (e->INT())
        return std::make_unique<NumberExpr>(loc(ctx), parseInteger(e->INT()),
                                            true, e->getText());
      double value = 0;
      if (StringRef(e->getText()).getAsDouble(value) || !std::isfinite(value))
        diags.error(loc(ctx), "number '" + e->getText() + "' is out of range");
      return std::make_unique<NumberExpr>(loc(ctx), value, false, e->getText());
    }
    if (auto *e = dynamic_cast<PlexusParser::StringExprContext *>(ctx))
      return std::make_unique<StringExpr>(loc(ctx), unquote(e->STRING()));
    if (auto *e = dynamic_cast<PlexusParser::BoolExprContext *>(ctx))
      return std::make_unique<BoolExpr>(loc(ctx), e->TRUE() != nullptr);
    auto *e = dynamic_cast<PlexusParser::NameExprContext *>(ctx);
    assert(e && "unhandled expression alternative");
    return std::make_unique<NameExpr>(loc(ctx), e->getText());
  }

  int64_t parseInteger(antlr4::tree::TerminalNode *node) {
    int64_t value = 0;
    if (StringRef(node->getText()).getAsInteger(10, value)) {
      diags.error(loc(node), "integer '" + node->getText() + "' is too large");
      return 0;
    }
    return value;
  }

  /// Strips the quotes and resolves the escapes \" \\ \n \t.
  std::string unquote(antlr4::tree::TerminalNode *node) {
    std::string text = node->getText();
    std::string out;
    for (size_t i = 1; i + 1 < text.size(); ++i) {
      if (text[i] != '\\') {
        out += text[i];
        continue;
      }
      char c = text[++i];
      switch (c) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case '"':
      case '\\':
        out += c;
        break;
      default: {
        Location l = loc(node);
        l.column += i - 1;
        l.length = 2;
        diags.error(l, std::string("unknown escape sequence '\\") + c + "'");
      }
      }
    }
    return out;
  }

  DiagnosticEngine &diags;
  unsigned bufferId;
  const OffsetMap &offsets;
  bool reportedDepth = false;
};

} // namespace

std::unique_ptr<Program>
plexus::detail::buildAST(PlexusParser::ProgramContext *tree,
                         DiagnosticEngine &diags, unsigned bufferId,
                         const OffsetMap &offsets) {
  return ASTBuilder(diags, bufferId, offsets).build(tree);
}
