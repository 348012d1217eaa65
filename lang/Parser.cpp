//===- Parser.cpp - Plexus source to AST ----------------------------------===//
//
// Three phases per file:
//   1. checks on the raw bytes (valid UTF-8) and on the token stream (lexical
//      errors, nesting depth), so that no input can crash ANTLR's recursive
//      descent parser or our tree builder;
//   2. the ANTLR parse, with syntax errors rewritten into our diagnostics;
//   3. the parse tree -> AST conversion, then imports, recursively.
//
//===----------------------------------------------------------------------===//

#include "lang/Parser.h"

#include "PlexusLexer.h"
#include "PlexusParser.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include "antlr4-runtime.h"

#include <cmath>
#include <map>

using namespace plexus;
using llvm::StringRef;

namespace {

/// Brackets and right-recursive operators deeper than this are rejected: the
/// generated parser recurses once per level.
constexpr unsigned kMaxNesting = 256;
/// Imports deeper than this are certainly a mistake.
constexpr unsigned kMaxImportDepth = 32;

/// Converts ANTLR code point indices into byte offsets of the UTF-8 buffer,
/// so that diagnostics columns count bytes like clang's.
class OffsetMap {
public:
  explicit OffsetMap(StringRef text) {
    for (size_t i = 0; i < text.size(); ++i)
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
        starts.push_back(i);
    starts.push_back(text.size());
  }
  size_t byteOffset(size_t codePoint) const {
    return codePoint < starts.size() ? starts[codePoint] : starts.back();
  }

private:
  std::vector<size_t> starts;
};

/// Human-readable spelling of a token type for "expected ..." messages.
std::string tokenDisplay(const antlr4::dfa::Vocabulary &vocab, size_t type) {
  if (type == antlr4::Token::EOF)
    return "end of file";
  std::string literal = vocab.getLiteralName(type);
  if (!literal.empty())
    return literal; // already quoted: 'model'
  std::string symbolic = vocab.getSymbolicName(type);
  if (symbolic == "ID")
    return "identifier";
  if (symbolic == "INT")
    return "integer";
  if (symbolic == "FLOAT")
    return "number";
  if (symbolic == "STRING")
    return "string";
  return symbolic;
}

std::string tokenText(antlr4::Token *token) {
  if (token->getType() == antlr4::Token::EOF)
    return "end of file";
  std::string text = token->getText();
  if (text.size() > 40)
    text = text.substr(0, 37) + "...";
  return "'" + text + "'";
}

bool isKeyword(size_t type) {
  return type >= PlexusLexer::IMPORT && type <= PlexusLexer::NOT;
}

char closerFor(char open) {
  return open == '(' ? ')' : open == '[' ? ']' : '}';
}

/// What a pass over the token stream knows about brackets and declarations,
/// so that syntax errors can name the bracket to close and stop cascading.
struct TokenFacts {
  /// Closing brackets that do not close the innermost open bracket, with
  /// that bracket (null if none is open).
  std::map<size_t, antlr4::Token *> badClosers;
  /// Tokens that start a top-level declaration (`model M(`, `data d =`, ...),
  /// with the innermost bracket open there (null if none).
  std::map<size_t, antlr4::Token *> declStarts;
  /// Brackets still open at the end of the file, innermost last.
  std::vector<antlr4::Token *> unclosed;
  /// Where "end of file" is reported: just after the last token, rather than
  /// after the comments and blank lines that may follow it.
  size_t endOfLastToken = 0;
};

TokenFacts analyzeTokens(antlr4::CommonTokenStream &tokens) {
  TokenFacts facts;
  std::vector<antlr4::Token *> open;
  const std::vector<antlr4::Token *> &all = tokens.getTokens();
  auto typeAt = [&](size_t i) {
    return i < all.size() ? all[i]->getType() : antlr4::Token::EOF;
  };
  for (size_t i = 0; i < all.size(); ++i) {
    antlr4::Token *t = all[i];
    if (t->getType() == antlr4::Token::EOF)
      break;
    facts.endOfLastToken = t->getStopIndex() + 1;
    std::string text = t->getText();
    size_t next = typeAt(i + 1), afterNext = typeAt(i + 2);
    bool startsDecl = false;
    switch (t->getType()) {
    case PlexusLexer::IMPORT:
      startsDecl = next == PlexusLexer::STRING;
      break;
    case PlexusLexer::DATA:
      startsDecl = next == PlexusLexer::ID && all[i + 2]->getText() == "=";
      break;
    case PlexusLexer::MODEL:
      startsDecl = next == PlexusLexer::ID && all[i + 2]->getText() == "(";
      break;
    case PlexusLexer::TRAIN:
    case PlexusLexer::EVALUATE:
    case PlexusLexer::PREDICT:
      startsDecl = next == PlexusLexer::ID && afterNext == PlexusLexer::ON;
      break;
    default:
      break;
    }
    if (startsDecl && (i == 0 || all[i - 1]->getText() != "."))
      facts.declStarts[i] = open.empty() ? nullptr : open.back();
    if (text == "(" || text == "[" || text == "{") {
      open.push_back(t);
      continue;
    }
    if (text != ")" && text != "]" && text != "}")
      continue;
    if (!open.empty() && closerFor(open.back()->getText()[0]) == text[0]) {
      open.pop_back();
      continue;
    }
    facts.badClosers[i] = open.empty() ? nullptr : open.back();
    // Recover: the closer ends the innermost bracket of its kind, if any.
    auto match = llvm::find_if(llvm::reverse(open), [&](antlr4::Token *o) {
      return closerFor(o->getText()[0]) == text[0];
    });
    if (match != open.rend())
      open.erase(std::prev(match.base()), open.end());
  }
  facts.unclosed = std::move(open);
  return facts;
}

/// Turns ANTLR syntax errors into Plexus diagnostics.
class SyntaxErrorListener : public antlr4::BaseErrorListener {
public:
  SyntaxErrorListener(DiagnosticEngine &diags, unsigned bufferId,
                      const OffsetMap &offsets, const TokenFacts &facts)
      : diags(diags), bufferId(bufferId), offsets(offsets), facts(facts) {}

  void syntaxError(antlr4::Recognizer *recognizer, antlr4::Token *offending,
                   size_t, size_t, const std::string &antlrMessage,
                   std::exception_ptr) override {
    if (!offending) {
      diags.error(diags.locationAt(bufferId, 0, 1), antlrMessage);
      return;
    }
    // After an error, ANTLR's recovery reports follow-on errors that are not
    // the user's: report again only from the next declaration on.
    size_t index = offending->getTokenIndex();
    if (index < resumeAt)
      return;
    auto nextDecl = facts.declStarts.upper_bound(index);
    resumeAt = facts.declStarts.count(index)        ? index + 1
               : nextDecl == facts.declStarts.end() ? ~size_t(0)
                                                    : nextDecl->first;
    Location loc = at(offending);

    // A bracket left open or closed by the wrong kind of bracket.
    antlr4::Token *opener = nullptr;
    bool bracketError = false;
    if (offending->getType() == antlr4::Token::EOF && !facts.unclosed.empty()) {
      opener = facts.unclosed.back();
      bracketError = true;
    } else if (auto bad = facts.badClosers.find(index);
               bad != facts.badClosers.end()) {
      opener = bad->second;
      bracketError = true;
    } else if (auto decl = facts.declStarts.find(index);
               decl != facts.declStarts.end() && decl->second) {
      opener = decl->second;
      bracketError = true;
    }
    if (bracketError && !opener) {
      diags.error(loc, "unmatched " + tokenText(offending));
      return;
    }
    if (bracketError) {
      std::string open = opener->getText();
      diags.error(loc, "expected '" + std::string(1, closerFor(open[0])) +
                           "', found " + tokenText(offending));
      diags.note(at(opener), "to match this '" + open + "'");
      return;
    }

    std::string expected;
    auto *parser = dynamic_cast<antlr4::Parser *>(recognizer);
    bool identifierExpected = false;
    if (parser) {
      antlr4::misc::IntervalSet set = parser->getExpectedTokens();
      identifierExpected = set.contains(size_t(PlexusLexer::ID));
      expected = describeExpected(set, parser->getVocabulary());
    }
    std::string found = tokenText(offending);
    if (identifierExpected && isKeyword(offending->getType()))
      found = "keyword " + found;
    if (!expected.empty()) {
      diags.error(loc, "expected " + expected + ", found " + found);
      return;
    }
    diags.error(loc, "unexpected " + found);
  }

private:
  Location at(antlr4::Token *token) {
    if (token->getType() == antlr4::Token::EOF)
      return diags.locationAt(bufferId,
                              offsets.byteOffset(facts.endOfLastToken), 1);
    size_t start = offsets.byteOffset(token->getStartIndex());
    size_t stop = offsets.byteOffset(token->getStopIndex() + 1);
    return diags.locationAt(bufferId, start, stop - start);
  }

  /// Names what the parser wanted: a kind of construct when the set is the
  /// start of one, else up to four tokens.
  static std::string describeExpected(const antlr4::misc::IntervalSet &set,
                                      const antlr4::dfa::Vocabulary &vocab) {
    auto has = [&](size_t type) { return set.contains(type); };
    // Keywords are names after '.' and before ':', so 'data' in a set that
    // also holds identifiers means a name (or an argument) is expected.
    if (has(PlexusLexer::INT) && has(PlexusLexer::STRING))
      return "an expression";
    if (has(PlexusLexer::ID) && has(PlexusLexer::DATA))
      return "a name";
    if (has(PlexusLexer::RETURN) && has(PlexusLexer::STEP)) {
      bool close = llvm::any_of(set.toList(), [&](ssize_t type) {
        return vocab.getLiteralName(type) == "'}'";
      });
      return close ? "a statement or '}'" : "a statement";
    }
    if (has(PlexusLexer::MODEL) && has(PlexusLexer::TRAIN))
      return "a declaration ('import', 'data', 'model', 'train', 'evaluate' "
             "or 'predict')";
    std::vector<std::string> names;
    for (ssize_t type : set.toList())
      names.push_back(tokenDisplay(vocab, type));
    if (names.size() == 1)
      return names[0];
    if (names.size() == 2)
      return names[0] + " or " + names[1];
    if (names.size() <= 4 && !names.empty())
      return "one of " + llvm::join(names, ", ");
    return "";
  }

  DiagnosticEngine &diags;
  unsigned bufferId;
  const OffsetMap &offsets;
  const TokenFacts &facts;
  /// Errors before this token index are not reported.
  size_t resumeAt = 0;
};

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

/// The code point of a one-character UTF-8 string.
llvm::UTF32 codePoint(const std::string &text) {
  llvm::UTF32 cp = 0, *dst = &cp;
  const auto *src = reinterpret_cast<const llvm::UTF8 *>(text.data());
  (void)llvm::ConvertUTF8toUTF32(&src, src + text.size(), &dst, dst + 1,
                                 llvm::strictConversion);
  return cp;
}

/// Checks the token stream before parsing. Returns false after reporting
/// lexical errors or nesting that would exhaust the parser's stack.
bool checkTokens(antlr4::CommonTokenStream &tokens, DiagnosticEngine &diags,
                 unsigned bufferId, const OffsetMap &offsets) {
  bool ok = true;
  unsigned depth = 0;
  // Right-recursive operators (unary '-', 'not', '^') in one statement.
  unsigned recursiveOps = 0;
  size_t previous = antlr4::Token::INVALID_TYPE;
  auto at = [&](antlr4::Token *t) {
    size_t start = offsets.byteOffset(t->getStartIndex());
    size_t stop = offsets.byteOffset(t->getStopIndex() + 1);
    return diags.locationAt(bufferId, start, stop > start ? stop - start : 1);
  };
  antlr4::Token *previousToken = nullptr;
  for (antlr4::Token *t : tokens.getTokens()) {
    switch (t->getType()) {
    case PlexusLexer::UNKNOWN_CHAR: {
      std::string text = t->getText();
      unsigned char c = text.empty() ? 0 : text[0];
      if (c < 0x20 || c == 0x7f)
        diags.error(at(t), "unexpected control character (byte 0x" +
                               llvm::utohexstr(c, false, 2) + ")");
      else if (c < 0x80)
        diags.error(at(t), "unexpected character '" + text + "'");
      else // Name the code point: it may be invisible or look like ASCII.
        diags.error(at(t), "unexpected character '" + text + "' (U+" +
                               llvm::utohexstr(codePoint(text), false, 4) +
                               ")");
      ok = false;
      break;
    }
    case PlexusLexer::UNTERMINATED_STRING: {
      Location l = at(t);
      l.length = 1;
      diags.error(l, "unterminated string literal");
      ok = false;
      [[fallthrough]];
    }
    case PlexusLexer::STRING: {
      // Control characters (but tabs) would end up raw in file names and
      // messages.
      std::string text = t->getText();
      for (size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if ((c >= 0x20 || c == '\t') && c != 0x7f)
          continue;
        Location l = at(t);
        l.column += i;
        l.length = 1;
        diags.error(l, "unexpected control character (byte 0x" +
                           llvm::utohexstr(c, false, 2) +
                           ") in a string literal");
        ok = false;
      }
      break;
    }
    case PlexusLexer::UNTERMINATED_COMMENT: {
      Location l = at(t);
      l.length = 2;
      diags.error(l, "unterminated block comment");
      ok = false;
      break;
    }
    default:
      break;
    }
    std::string text = t->getText();
    // '*/' outside a comment: most likely the end of a nested comment.
    if (text == "/" && previousToken && previousToken->getText() == "*" &&
        previousToken->getStopIndex() + 1 == t->getStartIndex()) {
      Location l = at(previousToken);
      l.length = 2;
      diags.error(l, "'*/' outside of a block comment (block comments do "
                     "not nest)");
      ok = false;
    }
    previousToken = t;
    if (text == "(" || text == "[" || text == "{") {
      if (++depth == kMaxNesting + 1) {
        diags.error(at(t), "brackets are nested too deeply (more than " +
                               llvm::Twine(kMaxNesting) + " levels)");
        return false;
      }
    } else if (text == ")" || text == "]" || text == "}") {
      depth = depth ? depth - 1 : 0;
    }
    bool afterOperand =
        previous == PlexusLexer::ID || previous == PlexusLexer::INT ||
        previous == PlexusLexer::FLOAT || previous == PlexusLexer::STRING ||
        previous == PlexusLexer::TRUE || previous == PlexusLexer::FALSE;
    bool closes = text == ")" || text == "]";
    if (text == "^" || text == "not" ||
        (text == "-" && !afterOperand && !closes)) {
      if (++recursiveOps == kMaxNesting + 1) {
        diags.error(at(t), "expression is nested too deeply (more than " +
                               llvm::Twine(kMaxNesting) + " levels)");
        return false;
      }
    } else if (text == "{" || text == "}" || text == ";" || text == "=") {
      recursiveOps = 0;
    }
    previous = closes ? PlexusLexer::ID : t->getType();
  }
  return ok;
}

struct ParseContext {
  DiagnosticEngine &diags;
  /// Canonical paths of the files being imported, outermost first.
  llvm::StringSet<> importStack;
  /// Canonical paths of every file already read: a file imported along two
  /// paths (a diamond) contributes its declarations once.
  llvm::StringSet<> imported;
  unsigned depth = 0;
};

/// The key under which a file is known to the import machinery: its real
/// path, so that "a.plx", "./a.plx" and "sub/../a.plx" are one file.
std::string canonicalPath(StringRef path) {
  llvm::SmallString<256> real;
  if (llvm::sys::fs::real_path(path, real))
    return path.str();
  return std::string(real);
}

std::unique_ptr<Program> parseBuffer(std::unique_ptr<llvm::MemoryBuffer> buf,
                                     ParseContext &pc);

/// Replaces each import declaration's file by the declarations it holds
/// (the ImportDecl itself stays, for the AST dump).
bool resolveImports(Program &program, StringRef path, ParseContext &pc) {
  std::vector<DeclPtr> decls;
  bool ok = true;
  for (DeclPtr &decl : program.decls) {
    auto *import = llvm::dyn_cast<ImportDecl>(decl.get());
    if (!import) {
      decls.push_back(std::move(decl));
      continue;
    }
    llvm::SmallString<256> target(import->getName());
    if (!llvm::sys::path::is_absolute(target)) {
      target = llvm::sys::path::parent_path(path);
      llvm::sys::path::append(target, import->getName());
    }
    std::string key = canonicalPath(target);
    if (pc.importStack.count(key)) {
      pc.diags.error(import->getNameLoc(), "import cycle: '" +
                                               import->getName() +
                                               "' is already being imported");
      ok = false;
      continue;
    }
    if (pc.imported.count(key)) {
      decls.push_back(std::move(decl));
      continue;
    }
    if (pc.depth >= kMaxImportDepth) {
      pc.diags.error(import->getNameLoc(), "imports are nested too deeply");
      ok = false;
      continue;
    }
    if (llvm::sys::fs::is_directory(target)) {
      pc.diags.error(import->getNameLoc(), "cannot import '" +
                                               import->getName() +
                                               "': it is a directory");
      ok = false;
      continue;
    }
    auto bufOr = llvm::MemoryBuffer::getFile(target, /*IsText=*/true);
    if (!bufOr) {
      pc.diags.error(import->getNameLoc(),
                     "cannot open imported file '" + target +
                         "': " + bufOr.getError().message());
      ok = false;
      continue;
    }
    pc.importStack.insert(key);
    pc.imported.insert(key);
    ++pc.depth;
    std::unique_ptr<Program> imported = parseBuffer(std::move(*bufOr), pc);
    --pc.depth;
    pc.importStack.erase(key);
    decls.push_back(std::move(decl));
    if (!imported) {
      pc.diags.note(import->getNameLoc(), "imported from here");
      ok = false;
      continue;
    }
    for (DeclPtr &d : imported->decls)
      decls.push_back(std::move(d));
  }
  program.decls = std::move(decls);
  return ok;
}

std::unique_ptr<Program> parseBuffer(std::unique_ptr<llvm::MemoryBuffer> buf,
                                     ParseContext &pc) {
  DiagnosticEngine &diags = pc.diags;
  std::string path = buf->getBufferIdentifier().str();
  StringRef text = buf->getBuffer();
  unsigned bufferId = diags.addBuffer(std::move(buf));

  const auto *begin = reinterpret_cast<const llvm::UTF8 *>(text.begin());
  const auto *cursor = begin;
  if (!llvm::isLegalUTF8String(
          &cursor, reinterpret_cast<const llvm::UTF8 *>(text.end()))) {
    diags.error(diags.locationAt(bufferId, cursor - begin, 1),
                "invalid UTF-8 in source file (byte 0x" +
                    llvm::utohexstr(*cursor, false, 2) + ")");
    return nullptr;
  }

  // Every ANTLR call below may throw; nothing may escape this library.
  try {
    OffsetMap offsets(text);
    antlr4::ANTLRInputStream input(text.str());
    PlexusLexer lexer(&input);
    lexer.removeErrorListeners();
    antlr4::CommonTokenStream tokens(&lexer);
    tokens.fill();
    if (!checkTokens(tokens, diags, bufferId, offsets))
      return nullptr;

    PlexusParser parser(&tokens);
    parser.removeErrorListeners();
    TokenFacts facts = analyzeTokens(tokens);
    SyntaxErrorListener listener(diags, bufferId, offsets, facts);
    parser.addErrorListener(&listener);
    // SLL prediction is much faster and exact for this grammar.
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::SLL);
    PlexusParser::ProgramContext *tree = parser.program();
    if (parser.getNumberOfSyntaxErrors() != 0)
      return nullptr;

    unsigned errorsBefore = diags.getNumErrors();
    std::unique_ptr<Program> program =
        ASTBuilder(diags, bufferId, offsets).build(tree);
    if (diags.getNumErrors() != errorsBefore)
      return nullptr;
    if (!resolveImports(*program, path, pc))
      return nullptr;
    return program;
  } catch (const std::exception &e) {
    diags.error(diags.locationAt(bufferId, 0, 1),
                llvm::Twine("internal parser error: ") + e.what());
  } catch (...) {
    diags.error(diags.locationAt(bufferId, 0, 1), "internal parser error");
  }
  return nullptr;
}

} // namespace

std::unique_ptr<Program> plexus::parseFile(StringRef path,
                                           DiagnosticEngine &diags) {
  auto bufOr = llvm::MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/true);
  if (!bufOr) {
    diags.error("cannot open '" + path + "': " + bufOr.getError().message());
    return nullptr;
  }
  ParseContext pc{diags, {}, {}, 0};
  pc.importStack.insert(canonicalPath(path));
  pc.imported.insert(canonicalPath(path));
  return parseBuffer(std::move(*bufOr), pc);
}

std::unique_ptr<Program> plexus::parseSource(StringRef source, StringRef name,
                                             DiagnosticEngine &diags) {
  ParseContext pc{diags, {}, {}, 0};
  pc.importStack.insert(canonicalPath(name));
  return parseBuffer(llvm::MemoryBuffer::getMemBufferCopy(source, name), pc);
}
