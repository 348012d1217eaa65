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

#include "lang/ParserImpl.h"

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
using namespace plexus::detail;
using llvm::StringRef;

namespace {

/// Imports deeper than this are certainly a mistake.
constexpr unsigned kMaxImportDepth = 32;

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
    previous = closes ? static_cast<size_t>(PlexusLexer::ID) : t->getType();
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
    std::unique_ptr<Program> program = buildAST(tree, diags, bufferId, offsets);
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
