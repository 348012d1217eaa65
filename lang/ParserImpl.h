//===- ParserImpl.h - Shared internals of the parser library ---*- C++ -*-===//
//
// Internal to lang/: shared by Parser.cpp (checks, ANTLR, imports) and
// ASTBuilder.cpp (parse tree -> AST). Includes ANTLR's generated parser, so
// it must not be included outside the parser library.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_LANG_PARSERIMPL_H
#define PLEXUS_LANG_PARSERIMPL_H

#include "lang/AST.h"
#include "lang/Diagnostics.h"

#include "PlexusParser.h"

namespace plexus::detail {

/// Brackets and right-recursive operators deeper than this are rejected: the
/// generated parser recurses once per level.
constexpr unsigned kMaxNesting = 256;

/// Converts ANTLR code point indices into byte offsets of the UTF-8 buffer,
/// so that diagnostics columns count bytes like clang's.
class OffsetMap {
public:
  explicit OffsetMap(llvm::StringRef text) {
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

/// Builds the AST from a parse tree that had no syntax errors. Reports
/// errors of values (integers out of range, bad escapes, nesting) through
/// `diags`.
std::unique_ptr<Program> buildAST(PlexusParser::ProgramContext *tree,
                                  DiagnosticEngine &diags, unsigned bufferId,
                                  const OffsetMap &offsets);

} // namespace plexus::detail

#endif // PLEXUS_LANG_PARSERIMPL_H
