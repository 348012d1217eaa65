//===- Diagnostics.cpp - clang-style diagnostics for model files ----------===//

#include "lang/Diagnostics.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Unicode.h"

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

namespace {

/// One character of a source line as the terminal shows it.
struct DisplayChar {
  size_t byte, numBytes; // position in the line
  std::string text;      // what is printed
  unsigned width;        // columns it takes
};

/// Splits a source line into characters: tabs are expanded to the next tab
/// stop, valid UTF-8 is printed as is, and invalid bytes and control
/// characters are escaped like clang does ('<FF>', '<U+0000>') so that
/// nothing unprintable reaches the terminal and the caret stays aligned.
std::vector<DisplayChar> layoutLine(llvm::StringRef line) {
  constexpr unsigned kTabStop = 8;
  std::vector<DisplayChar> chars;
  unsigned column = 0;
  for (size_t i = 0; i < line.size();) {
    auto c = static_cast<unsigned char>(line[i]);
    DisplayChar d{i, 1, "", 1};
    auto escape = [&](llvm::StringRef text) {
      d.text = text.str();
      d.width = text.size();
    };
    if (c == '\t') {
      d.width = kTabStop - column % kTabStop;
      d.text.assign(d.width, ' ');
    } else if (c < 0x20 || c == 0x7f) {
      escape("<U+" + llvm::utohexstr(c, false, 4) + ">");
    } else if (c < 0x80) {
      d.text = std::string(1, static_cast<char>(c));
    } else {
      unsigned n = llvm::getNumBytesForUTF8(c);
      const auto *p = reinterpret_cast<const llvm::UTF8 *>(line.data() + i);
      if (i + n <= line.size() && llvm::isLegalUTF8Sequence(p, p + n)) {
        d.numBytes = n;
        d.text = line.substr(i, n).str();
        int width = llvm::sys::unicode::columnWidthUTF8(d.text);
        if (width < 0) {
          llvm::UTF32 cp = 0;
          const llvm::UTF8 *src = p;
          llvm::UTF32 *dst = &cp;
          (void)llvm::ConvertUTF8toUTF32(&src, p + n, &dst, dst + 1,
                                         llvm::strictConversion);
          escape("<U+" + llvm::utohexstr(cp, false, 4) + ">");
        } else {
          d.width = width;
        }
      } else {
        escape("<" + llvm::utohexstr(c, false, 2) + ">");
      }
    }
    column += d.width;
    i += d.numBytes;
    chars.push_back(std::move(d));
  }
  return chars;
}

} // namespace

void DiagnosticEngine::print(const Location &loc, llvm::StringRef label,
                             const llvm::Twine &message,
                             llvm::StringRef replacement) {
  if (loc.bufferId == 0) {
    os << "plexc: " << label << ": " << message << "\n";
    return;
  }
  os << (loc.file == "-" ? "<stdin>" : loc.file) << ":" << loc.line << ":"
     << loc.column << ": " << label << ": " << message << "\n";
  llvm::SMLoc start =
      sourceMgr.FindLocForLineAndColumn(loc.bufferId, loc.line, loc.column);
  if (!start.isValid())
    return;
  // The source line, without its line break.
  llvm::StringRef buffer = sourceMgr.getMemoryBuffer(loc.bufferId)->getBuffer();
  size_t offset = start.getPointer() - buffer.data();
  size_t lineStart = offset - (loc.column - 1);
  size_t lineEnd = buffer.find_first_of("\r\n", lineStart);
  if (lineEnd == llvm::StringRef::npos)
    lineEnd = buffer.size();
  llvm::StringRef line = buffer.slice(lineStart, lineEnd);
  // The highlighted byte range, clipped to the end of the line.
  size_t first = loc.column - 1;
  size_t last = std::min<size_t>(first + loc.length, line.size());

  // Very long lines (generated or minified files) are shown around the
  // highlighted range only, with "..." where they are cut.
  constexpr size_t kMaxLine = 256, kContext = 64;
  std::string prefix, suffix;
  if (line.size() > kMaxLine) {
    size_t begin = first > kContext ? first - kContext : 0;
    size_t end = std::min({line.size(), last + kContext, begin + kMaxLine});
    auto continuation = [&](size_t i) {
      return i < line.size() && (line[i] & 0xC0) == 0x80;
    };
    while (begin > 0 && continuation(begin))
      --begin;
    while (continuation(end))
      ++end;
    prefix = begin > 0 ? "..." : "";
    suffix = end < line.size() ? "..." : "";
    line = line.slice(begin, end);
    first -= begin;
    last = std::min(last - begin, line.size());
  }

  std::string source = prefix, caret;
  unsigned caretColumn = ~0u, column = prefix.size();
  for (const DisplayChar &c : layoutLine(line)) {
    source += c.text;
    bool highlighted = c.byte + c.numBytes > first && c.byte < last;
    if (highlighted && caretColumn == ~0u) {
      caretColumn = column;
      caret.resize(column, ' ');
      caret += '^';
      caret.append(c.width ? c.width - 1 : 0, '~');
    } else if (highlighted) {
      caret.resize(column, ' ');
      caret.append(c.width, '~');
    }
    column += c.width;
  }
  if (caretColumn == ~0u) { // at the end of the line
    caretColumn = column;
    caret.resize(column, ' ');
    caret += '^';
  }
  os << source << suffix << "\n" << caret << "\n";
  if (!replacement.empty())
    os.indent(caretColumn) << replacement << "\n";
}

bool DiagnosticEngine::countError() {
  ++numErrors;
  suppressing = errorLimit && numErrors > errorLimit;
  if (errorLimit && numErrors == errorLimit + 1)
    os << "plexc: note: too many errors; only the first " << errorLimit
       << " are shown\n";
  return !suppressing;
}

void DiagnosticEngine::error(const Location &loc, const llvm::Twine &message) {
  if (countError())
    print(loc, "error", message);
}

void DiagnosticEngine::warning(const Location &loc,
                               const llvm::Twine &message) {
  suppressing = errorLimit && numErrors > errorLimit;
  if (!suppressing)
    print(loc, "warning", message);
}

void DiagnosticEngine::note(const Location &loc, const llvm::Twine &message) {
  if (!suppressing)
    print(loc, "note", message);
}

void DiagnosticEngine::help(const Location &loc, const llvm::Twine &message,
                            llvm::StringRef replacement) {
  if (!suppressing)
    print(loc, "help", message, replacement);
}

void DiagnosticEngine::note(const llvm::Twine &message) {
  if (!suppressing)
    os << "note: " << message << "\n";
}

void DiagnosticEngine::error(const llvm::Twine &message) {
  if (countError())
    os << "plexc: error: " << message << "\n";
}

/// Whether `a` is `b` with two adjacent characters swapped ("cvs", "csv"):
/// one typo, though edit_distance counts it as two.
static bool isTransposition(llvm::StringRef a, llvm::StringRef b) {
  if (a.size() != b.size())
    return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i])
    ++i;
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
         a.drop_front(i + 2) == b.drop_front(i + 2);
}

std::string plexus::closestMatch(llvm::StringRef name,
                                 llvm::ArrayRef<std::string> candidates) {
  std::string best;
  unsigned bestDistance = ~0u;
  // Allow roughly one edit per three characters, at least one, but never
  // replace the whole name: 'x' is not a typo of 'M'.
  unsigned limit = std::max<unsigned>(1, name.size() / 3);
  for (const std::string &candidate : candidates) {
    unsigned distance =
        isTransposition(name, candidate)
            ? 1
            : name.edit_distance(candidate, /*AllowReplacements=*/true,
                                 /*MaxEditDistance=*/limit + 1);
    if (distance <= limit && distance < name.size() &&
        distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}
