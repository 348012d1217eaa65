//===- SemaData.cpp - Checking data declarations --------------------------===//
//
// `data` declarations name a source: csv(...), npy(...) or random(...). Files
// are resolved relative to the model file and probed at compile time (the
// first CSV row, the NPY header), so that a wrong path, a missing header flag
// or a column out of range is a compile error with a location rather than a
// failure at run time.
//
//===----------------------------------------------------------------------===//

#include "compiler/Sema/SemaImpl.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <zlib.h>

using namespace plexus;
using llvm::cast;
using llvm::dyn_cast;
using llvm::dyn_cast_or_null;

namespace {

ParamSpec normalizeParam() {
  ParamSpec p{"normalize", ArgKind::Symbol};
  p.symbols = {"none", "minmax", "standard"};
  return p;
}

ParamSpec splitParam() {
  return ParamSpec{"split", ArgKind::Number, false, 0.0, 1.0, true, true};
}

ParamSpec seedParam() {
  return ParamSpec{"seed", ArgKind::Int, false, 0.0, 4294967295.0};
}

Signature csvSignature() {
  ParamSpec label{"label", ArgKind::Symbol};
  label.symbols = {"first", "last", "none"};
  label.allowInt = true;
  return Signature{"csv",
                   {{"path", ArgKind::String, true},
                    label,
                    {"features", ArgKind::Columns},
                    {"header", ArgKind::Bool},
                    {"delimiter", ArgKind::String},
                    {"one_hot", ArgKind::Int, false, 2, 1 << 20},
                    normalizeParam(),
                    splitParam(),
                    seedParam()},
                   1};
}

/// npy(...) and idx(...): features from one file, labels from another.
Signature arrayFileSignature(llvm::StringRef kind) {
  return Signature{kind.str(),
                   {{"path", ArgKind::String, true},
                    {"labels", ArgKind::String},
                    normalizeParam(),
                    splitParam(),
                    seedParam()},
                   1};
}

Signature randomSignature() {
  return Signature{"random",
                   {{"samples", ArgKind::Int, true, 1.0, 1e9},
                    {"features", ArgKind::Int, true, 1.0, 1e6},
                    {"classes", ArgKind::Int, false, 2.0, 1e6},
                    {"targets", ArgKind::Int, false, 1.0, 1e6},
                    splitParam(),
                    seedParam()},
                   0};
}

/// Reads the first line of a (possibly gzip-compressed) text file.
std::optional<std::string> readFirstLine(const std::string &path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file)
    return std::nullopt;
  std::string line;
  char chunk[4096];
  while (gzgets(file, chunk, sizeof(chunk))) {
    line += chunk;
    if (!line.empty() && line.back() == '\n')
      break;
    if (line.size() > (1 << 24))
      break;
  }
  gzclose(file);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
    line.pop_back();
  return line;
}

/// The location of the argument named `name` in `call`, else `fallback`.
const Location &argLoc(const CallExpr &call, llvm::StringRef name,
                       const Location &fallback) {
  for (const Arg &arg : call.args)
    if (arg.name == name)
      return arg.value->getLoc();
  return fallback;
}

bool isNumericField(llvm::StringRef field) {
  double value;
  return !field.trim().getAsDouble(value);
}

} // namespace

std::string SemaImpl::resolvePath(const Location &from, llvm::StringRef path) {
  if (llvm::sys::path::is_absolute(path))
    return path.str();
  llvm::SmallString<256> resolved(llvm::sys::path::parent_path(from.file));
  llvm::sys::path::append(resolved, path);
  return std::string(resolved);
}

bool SemaImpl::probeCSV(const CallExpr &call, DataSpec &spec) {
  const Location &at = call.args[0].value->getLoc();
  std::optional<std::string> line = readFirstLine(spec.resolvedPath);
  if (!line) {
    diags.error(at, "cannot read data file '" + spec.path + "'");
    return false;
  }
  if (line->empty()) {
    diags.error(at, "data file '" + spec.path + "' is empty");
    return false;
  }
  // A binary file (an NPY, a checkpoint) is no CSV; say so rather than print
  // its bytes.
  const auto *begin = reinterpret_cast<const llvm::UTF8 *>(line->data());
  bool binary = llvm::any_of(*line, [](char c) {
    return (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f;
  });
  if (binary || !llvm::isLegalUTF8String(&begin, begin + line->size())) {
    diags.error(at, "data file '" + spec.path +
                        "' is not a text file; expected CSV");
    return false;
  }
  llvm::SmallVector<llvm::StringRef, 64> fields;
  llvm::StringRef(*line).split(fields, spec.delimiter);
  int64_t numColumns = fields.size();
  if (!spec.header && !llvm::all_of(fields, isNumericField)) {
    // Shown cut at a character boundary.
    size_t cut = std::min<size_t>(line->size(), 60);
    while (cut > 0 && cut < line->size() && ((*line)[cut] & 0xC0) == 0x80)
      --cut;
    diags.error(at, "the first row of '" + spec.path + "' is not numeric: '" +
                        llvm::StringRef(*line).take_front(cut) + "'");
    diags.help(call.getLoc(), "if it is a header, add 'header: true'");
    return false;
  }
  // A one-hot label spans `oneHot` columns from labelColumn.
  int64_t width = spec.oneHot > 1 ? spec.oneHot : 1;
  if (spec.labelColumn == -2) // `last`: the last column(s)
    spec.labelColumn = numColumns - width;
  if (spec.labelColumn < -2 || spec.labelColumn + width > numColumns) {
    diags.error(
        argLoc(call, "label", at),
        (width > 1
             ? "one-hot label columns " + llvm::Twine(spec.labelColumn) + ".." +
                   llvm::Twine(spec.labelColumn + width - 1) + " are"
             : "label column " + llvm::Twine(spec.labelColumn) + " is") +
            " out of range: '" + spec.path + "' has " +
            llvm::Twine(numColumns) + " columns (0.." +
            llvm::Twine(numColumns - 1) + ")");
    return false;
  }
  auto isLabel = [&](int64_t c) {
    return spec.labelColumn >= 0 && c >= spec.labelColumn &&
           c < spec.labelColumn + width;
  };
  const Location &featuresAt = argLoc(call, "features", at);
  for (int64_t column : spec.featureColumns) {
    if (column >= numColumns) {
      diags.error(featuresAt, "feature column " + llvm::Twine(column) +
                                  " is out of range: '" + spec.path + "' has " +
                                  llvm::Twine(numColumns) + " columns (0.." +
                                  llvm::Twine(numColumns - 1) + ")");
      return false;
    }
  }
  auto both = llvm::find_if(spec.featureColumns, isLabel);
  if (both != spec.featureColumns.end()) {
    diags.error(featuresAt, "column " + llvm::Twine(*both) +
                                " is both the label and a feature");
    const Location &labelAt = argLoc(call, "label", call.getLoc());
    diags.note(labelAt, "the label is column " + llvm::Twine(spec.labelColumn) +
                            (&labelAt == &call.getLoc()
                                 ? " (by default, the last column)"
                                 : ""));
    return false;
  }
  if (spec.featureColumns.empty()) {
    for (int64_t c = 0; c < numColumns; ++c)
      if (!isLabel(c))
        spec.featureColumns.push_back(c);
  }
  spec.numFeatures = spec.featureColumns.size();
  if (spec.numFeatures == 0) {
    diags.error(at, "'" + spec.path + "' has no feature columns");
    return false;
  }
  return true;
}

bool SemaImpl::probeIDX(const CallExpr &call, const std::string &path,
                        int64_t &features) {
  const Location &at = call.args[0].value->getLoc();
  std::string shown = llvm::sys::path::filename(path).str();
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) {
    diags.error(at, "cannot read IDX file '" + shown + "'");
    return false;
  }
  unsigned char header[4 + 4 * 8];
  int got = gzread(file, header, sizeof header);
  gzclose(file);
  static const unsigned char kTypes[] = {0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E};
  if (got < 8 || header[0] != 0 || header[1] != 0 ||
      !llvm::is_contained(kTypes, header[2]) || header[3] < 1 ||
      header[3] > 8 || got < 4 + 4 * header[3]) {
    diags.error(at, "'" + shown +
                        "' is not an IDX file (MNIST's format: a zero word "
                        "with the element type and the number of "
                        "dimensions, then the dimensions)");
    return false;
  }
  features = 1;
  for (int d = 1; d < header[3]; ++d) {
    const unsigned char *b = header + 4 + 4 * d;
    int64_t dim = (int64_t(b[0]) << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
    if (dim <= 0 || features > (int64_t(1) << 30) / dim) {
      diags.error(at, "'" + shown + "' has IDX dimensions of " +
                          llvm::Twine(dim) +
                          " or too many features per sample");
      return false;
    }
    features *= dim;
  }
  return true;
}

bool SemaImpl::probeNPY(const CallExpr &call, const std::string &path,
                        int64_t &features) {
  const Location &at = call.args[0].value->getLoc();
  auto bufOr = llvm::MemoryBuffer::getFileSlice(path, 4096, 0);
  std::string shown = llvm::sys::path::filename(path).str();
  if (!bufOr) {
    diags.error(at, "cannot read NPY file '" + shown + "'");
    return false;
  }
  llvm::StringRef bytes = (*bufOr)->getBuffer();
  if (!bytes.starts_with("\x93NUMPY") || bytes.size() < 10) {
    diags.error(at, "'" + shown + "' is not an NPY file (bad magic)");
    return false;
  }
  unsigned major = static_cast<unsigned char>(bytes[6]);
  size_t headerStart = major == 1 ? 10 : 12;
  llvm::StringRef header = bytes.drop_front(headerStart);
  size_t descr = header.find("'descr':");
  size_t shape = header.find("'shape':");
  size_t fortran = header.find("'fortran_order': True");
  if (descr == llvm::StringRef::npos || shape == llvm::StringRef::npos) {
    diags.error(at, "'" + shown + "' has a malformed NPY header");
    return false;
  }
  llvm::StringRef type = header.drop_front(descr + 8).ltrim().drop_front(1);
  type = type.take_until([](char c) { return c == '\''; });
  static const char *kSupported[] = {"<f4", "<f8", "<i4", "<i8", "|u1", "|i1"};
  if (!llvm::is_contained(kSupported, type)) {
    diags.error(at, "'" + shown + "' has unsupported dtype '" + type +
                        "'; expected float32, float64, int32, int64 or "
                        "(u)int8");
    return false;
  }
  if (fortran != llvm::StringRef::npos) {
    diags.error(at, "'" + shown +
                        "' is in Fortran order; save it in C order "
                        "(numpy.ascontiguousarray)");
    return false;
  }
  llvm::StringRef dims = header.drop_front(shape + 8).ltrim();
  dims = dims.drop_front(1).take_until([](char c) { return c == ')'; });
  llvm::SmallVector<llvm::StringRef, 4> parts;
  dims.split(parts, ',', -1, /*KeepEmpty=*/false);
  std::vector<int64_t> extents;
  for (llvm::StringRef part : parts) {
    int64_t v;
    if (part.trim().getAsInteger(10, v)) {
      diags.error(at, "'" + shown + "' has a malformed shape in its header");
      return false;
    }
    extents.push_back(v);
  }
  if (extents.empty()) {
    diags.error(at, "'" + shown + "' holds a scalar, expected samples");
    return false;
  }
  features = 1;
  for (size_t i = 1; i < extents.size(); ++i)
    features *= extents[i];
  return true;
}

void SemaImpl::checkData(const DataDecl &decl) {
  auto *call = dyn_cast<CallExpr>(decl.source.get());
  std::string kind = call ? call->calleeName().str() : "";
  static const std::vector<std::string> kSources = {"csv", "npy", "idx",
                                                    "random"};
  if (!llvm::is_contained(kSources, kind)) {
    if (!call || kind.empty()) {
      diags.error(decl.source->getLoc(),
                  "expected a data source, csv(...), npy(...), idx(...) or "
                  "random(...), found " +
                      describeExpr(*decl.source));
      return;
    }
    diags.error(call->getLoc(), "unknown data source '" + kind +
                                    "'; expected csv, npy, idx or random");
    std::string guess = closestMatch(kind, kSources);
    if (!guess.empty())
      diags.help(call->getLoc(), "did you mean '" + guess + "'?", guess);
    return;
  }
  Signature signature = kind == "csv"      ? csvSignature()
                        : kind == "random" ? randomSignature()
                                           : arrayFileSignature(kind);
  std::optional<BoundCall> bound = bindCall(*call, signature, diags);
  if (!bound)
    return;

  auto spec = std::make_unique<DataSpec>();
  spec->name = decl.getName();
  spec->loc = decl.getLoc();
  spec->split = bound->number("split", 0);
  spec->seed = bound->integer("seed", 0);
  std::string normalize = bound->string("normalize", "none");
  spec->normalize = normalize == "minmax"     ? Normalization::MinMax
                    : normalize == "standard" ? Normalization::Standard
                                              : Normalization::None;

  if (kind == "random") {
    spec->kind = DataSpec::Kind::Random;
    spec->numSamples = bound->integer("samples", 1);
    spec->numFeatures = bound->integer("features", 1);
    if (bound->has("classes") == bound->has("targets")) {
      diags.error(call->getLoc(), "random data needs exactly one of "
                                  "'classes' (classification) or 'targets' "
                                  "(regression)");
      return;
    }
    spec->numClasses = bound->integer("classes", 0);
    if (!spec->numClasses)
      spec->labelColumn = bound->integer("targets", 1);
  } else {
    spec->path = bound->string("path", "");
    spec->resolvedPath = resolvePath(decl.getLoc(), spec->path);
    const Location &pathLoc = bound->get("path")->getLoc();
    if (!llvm::sys::fs::exists(spec->resolvedPath)) {
      diags.error(pathLoc, "data file '" + spec->path + "' not found");
      diags.note(pathLoc, "looked for '" + spec->resolvedPath +
                              "' (paths are relative to the model file)");
      return;
    }
    if (llvm::sys::fs::is_directory(spec->resolvedPath)) {
      diags.error(pathLoc,
                  "data file '" + spec->path + "' is a directory, not a file");
      return;
    }
    if (kind == "csv") {
      spec->kind = DataSpec::Kind::CSV;
      spec->header = bound->boolean("header", false);
      std::string delimiter = bound->string("delimiter", ",");
      if (delimiter.size() != 1) {
        diags.error(bound->get("delimiter")->getLoc(),
                    "delimiter must be a single character");
        return;
      }
      spec->delimiter = delimiter[0];
      std::string label = bound->string("label", "last");
      spec->labelColumn = label == "last"    ? -2
                          : label == "first" ? 0
                          : label == "none"  ? -1
                                             : std::stoll(label);
      if (const Expr *features = bound->get("features"))
        spec->featureColumns = *evaluateColumns(*features, diags);
      spec->oneHot = bound->integer("one_hot", 0);
      if (spec->oneHot && spec->labelColumn == -1) {
        diags.error(bound->get("one_hot")->getLoc(),
                    "'one_hot' describes the label columns, but 'label' is "
                    "none");
        return;
      }
      if (spec->oneHot)
        spec->numClasses = spec->oneHot;
      if (!probeCSV(*call, *spec))
        return;
    } else {
      bool idx = kind == "idx";
      spec->kind = idx ? DataSpec::Kind::IDX : DataSpec::Kind::NPY;
      auto probe = [&](const std::string &path, int64_t &features) {
        return idx ? probeIDX(*call, path, features)
                   : probeNPY(*call, path, features);
      };
      if (!probe(spec->resolvedPath, spec->numFeatures))
        return;
      if (bound->has("labels")) {
        spec->labelsPath = bound->string("labels", "");
        spec->resolvedLabelsPath = resolvePath(decl.getLoc(), spec->labelsPath);
        int64_t labelWidth = 0;
        if (!llvm::sys::fs::exists(spec->resolvedLabelsPath)) {
          diags.error(bound->get("labels")->getLoc(),
                      "labels file '" + spec->labelsPath + "' not found");
          return;
        }
        if (!probe(spec->resolvedLabelsPath, labelWidth))
          return;
        spec->labelColumn = 0;
      }
    }
  }
  dataByName[spec->name] = spec.get();
  result->data.push_back(std::move(spec));
}
