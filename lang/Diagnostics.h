//===- Diagnostics.h - clang-style diagnostics for model files --*- C++ -*-===//
//
// Every user-facing error of the front end goes through DiagnosticEngine. It
// owns the source buffers (an llvm::SourceMgr) and prints
//
//   file:line:col: error: message
//     source line
//     ^~~~~
//
// followed by any `note:` and `help:` attached to the error. It counts errors
// so that the driver can keep going and report every error in a file.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_LANG_DIAGNOSTICS_H
#define PLEXUS_LANG_DIAGNOSTICS_H

#include "lang/AST.h"

#include "llvm/Support/SourceMgr.h"

namespace plexus {

class DiagnosticEngine {
public:
  explicit DiagnosticEngine(llvm::raw_ostream &os) : os(os) {}

  /// Registers a buffer and returns its id (used in Location::bufferId).
  unsigned addBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer);
  llvm::SourceMgr &getSourceMgr() { return sourceMgr; }

  /// Builds a Location for a byte offset into buffer `bufferId`.
  Location locationAt(unsigned bufferId, size_t offset, unsigned length) const;

  void error(const Location &loc, const llvm::Twine &message);
  void warning(const Location &loc, const llvm::Twine &message);
  void note(const Location &loc, const llvm::Twine &message);
  /// A suggestion; with `replacement` the fix is shown under the caret line.
  void help(const Location &loc, const llvm::Twine &message,
            llvm::StringRef replacement = "");
  /// A note without a source location (e.g. "while importing ...").
  void note(const llvm::Twine &message);
  /// An error that is not about a position in a file (e.g. missing file).
  void error(const llvm::Twine &message);

  /// Errors after the first `limit` are counted but not printed (nor their
  /// notes), so that a broken file cannot flood the terminal; 0: no limit.
  void setErrorLimit(unsigned limit) { errorLimit = limit; }

  unsigned getNumErrors() const { return numErrors; }
  bool hadError() const { return numErrors != 0; }

private:
  void print(const Location &loc, llvm::StringRef label,
             const llvm::Twine &message, llvm::StringRef replacement = "");

  llvm::raw_ostream &os;
  llvm::SourceMgr sourceMgr;
  /// Whether an error is printed; false past the limit.
  bool countError();

  unsigned numErrors = 0;
  unsigned errorLimit = 20;
  /// Set while the last error was not printed: its notes are not either.
  bool suppressing = false;
};

/// Returns the candidate closest to `name` by edit distance, or "" if none is
/// close enough to be a plausible typo.
std::string closestMatch(llvm::StringRef name,
                         llvm::ArrayRef<std::string> candidates);

} // namespace plexus

#endif // PLEXUS_LANG_DIAGNOSTICS_H
