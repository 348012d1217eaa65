//===- Diagnostics.cpp - clang-style diagnostics for model files ----------===//

#include "lang/Diagnostics.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace plexus;

unsigned DiagnosticEngine::addBuffer(std::unique_ptr<llvm::MemoryBuffer> buf) {
  return sourceMgr.AddNewSourceBuffer(std::move(buf), llvm::SMLoc());
}

Location DiagnosticEngine::locationAt(unsigned bufferId, size_t offset,
                                      unsigned length) const {
  const llvm::MemoryBuffer *buf = sourceMgr.getMemoryBuffer(bufferId);
  offset = std::min<size_t>(offset, buf->getBufferSize());
  auto smLoc = llvm::SMLoc::getFromPointer(buf->getBufferStart() + offset);
  auto [line, column] = sourceMgr.getLineAndColumn(smLoc, bufferId);
  Location loc;
  loc.bufferId = bufferId;
  loc.line = line;
  loc.column = column;
  loc.length = std::max(1u, length);
  loc.file = buf->getBufferIdentifier().str();
  return loc;
}

void DiagnosticEngine::print(const Location &loc, llvm::StringRef label,
                             llvm::SourceMgr::DiagKind kind,
                             const llvm::Twine &message,
                             llvm::StringRef replacement) {
  if (loc.bufferId == 0) {
    os << "plexc: " << label << ": " << message << "\n";
    return;
  }
  llvm::SMLoc start =
      sourceMgr.FindLocForLineAndColumn(loc.bufferId, loc.line, loc.column);
  if (!start.isValid()) {
    os << loc.file << ":" << loc.line << ":" << loc.column << ": " << label
       << ": " << message << "\n";
    return;
  }
  // Clip the highlighted range to the end of the line.
  const char *end = start.getPointer();
  const char *bufEnd =
      sourceMgr.getMemoryBuffer(loc.bufferId)->getBufferEnd();
  for (unsigned i = 0; i < loc.length && end < bufEnd && *end != '\n' &&
                       *end != '\r';
       ++i)
    ++end;
  llvm::SMRange range(start, llvm::SMLoc::getFromPointer(end));
  llvm::SmallVector<llvm::SMFixIt, 1> fixIts;
  if (!replacement.empty())
    fixIts.emplace_back(range, replacement);
  llvm::SmallVector<llvm::SMRange, 1> ranges;
  if (end > start.getPointer() + 1)
    ranges.push_back(range);
  // Print the label ourselves so that "help" reads like "note" and "error".
  llvm::SMDiagnostic diag = sourceMgr.GetMessage(
      start, kind, (label + ": " + message).str(), ranges, fixIts);
  diag.print(nullptr, os, /*ShowColors=*/false, /*ShowKindLabel=*/false);
}

void DiagnosticEngine::error(const Location &loc, const llvm::Twine &message) {
  ++numErrors;
  print(loc, "error", llvm::SourceMgr::DK_Error, message);
}

void DiagnosticEngine::warning(const Location &loc,
                               const llvm::Twine &message) {
  print(loc, "warning", llvm::SourceMgr::DK_Warning, message);
}

void DiagnosticEngine::note(const Location &loc, const llvm::Twine &message) {
  print(loc, "note", llvm::SourceMgr::DK_Note, message);
}

void DiagnosticEngine::help(const Location &loc, const llvm::Twine &message,
                            llvm::StringRef replacement) {
  print(loc, "help", llvm::SourceMgr::DK_Note, message, replacement);
}

void DiagnosticEngine::note(const llvm::Twine &message) {
  os << "note: " << message << "\n";
}

void DiagnosticEngine::error(const llvm::Twine &message) {
  ++numErrors;
  os << "plexc: error: " << message << "\n";
}

std::string plexus::closestMatch(llvm::StringRef name,
                                 llvm::ArrayRef<std::string> candidates) {
  std::string best;
  unsigned bestDistance = ~0u;
  // Allow roughly one edit per three characters, at least one.
  unsigned limit = std::max<unsigned>(1, name.size() / 3);
  for (const std::string &candidate : candidates) {
    unsigned distance = name.edit_distance(candidate, /*AllowReplacements=*/true,
                                           /*MaxEditDistance=*/limit + 1);
    if (distance <= limit && distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}
