//===- Parser.h - Plexus source to AST --------------------------*- C++ -*-===//
//
// The only entry point into the ANTLR-generated parser. ANTLR needs C++
// exceptions and the rest of the compiler is built without them, so the
// parser is its own library and this header exposes nothing of ANTLR.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_LANG_PARSER_H
#define PLEXUS_LANG_PARSER_H

#include "lang/AST.h"
#include "lang/Diagnostics.h"

namespace plexus {

/// Parses the model file at `path` and, recursively, the files it imports
/// (relative to the importing file). Syntax errors are reported through
/// `diags`; returns null if any were found.
std::unique_ptr<Program> parseFile(llvm::StringRef path,
                                   DiagnosticEngine &diags);

/// Parses `source` as if it were the file `name` (imports are resolved
/// relative to the current directory).
std::unique_ptr<Program> parseSource(llvm::StringRef source,
                                     llvm::StringRef name,
                                     DiagnosticEngine &diags);

} // namespace plexus

#endif // PLEXUS_LANG_PARSER_H
