//===- RuntimeTest.cpp - The C ABI of the Plexus runtime ------------------===//
//
// Tests of plexus/runtime.h, the C interface between generated code and
// libPlexusRuntime.a, through its public header only: the random number
// generator and initialisation, CSV (plain and gzip) and NPY loading with
// the exact text of every error, random data, splits and normalization,
// batching, metrics, the progress line and predictions CSV.
//
//===----------------------------------------------------------------------===//

#include "plexus/runtime.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>
#include <zlib.h>

namespace fs = std::filesystem;

namespace {

/// A fresh directory under /tmp, removed with its contents at the end.
class TempDir {
public:
  TempDir() {
    char pattern[] = "/tmp/plexus-runtime-test-XXXXXX";
    char *made = mkdtemp(pattern);
    EXPECT_NE(made, nullptr);
    path = made ? made : "/tmp";
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  std::string file(const std::string &name, const std::string &contents) {
    std::string p = path + "/" + name;
    std::ofstream(p, std::ios::binary) << contents;
    return p;
  }
  /// Writes `contents` gzip-compressed, with zlib.
  std::string gzip(const std::string &name, const std::string &contents) {
    std::string p = path + "/" + name;
    gzFile f = gzopen(p.c_str(), "wb");
    EXPECT_NE(f, nullptr);
    if (f) {
      EXPECT_EQ(gzwrite(f, contents.data(), contents.size()),
                static_cast<int>(contents.size()));
      EXPECT_EQ(gzclose(f), Z_OK);
    }
    return p;
  }
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto &e : fs::directory_iterator(path))
      names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
  std::string path;
};

std::string readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

plx_data_spec csvSpec(const std::string &path, int64_t label,
                      const std::vector<int64_t> &columns) {
  plx_data_spec spec{};
  spec.kind = PLX_DATA_CSV;
  spec.path = path.c_str();
  spec.delimiter = ',';
  spec.label_column = label;
  spec.feature_columns = columns.empty() ? nullptr : columns.data();
  spec.num_features = static_cast<int64_t>(columns.size());
  return spec;
}

plx_data_spec npySpec(const std::string &path, const std::string &labels = "") {
  plx_data_spec spec{};
  spec.kind = PLX_DATA_NPY;
  spec.path = path.c_str();
  spec.labels_path = labels.empty() ? nullptr : labels.c_str();
  spec.label_column = labels.empty() ? -1 : 0;
  return spec;
}

/// Loads `spec`, which must fail, and returns the message. A failed load
/// leaves the data set empty.
std::string loadError(const plx_data_spec &spec) {
  plx_dataset data;
  std::memset(&data, 0xab, sizeof data);
  char error[512];
  std::memset(error, 'x', sizeof error);
  EXPECT_NE(plx_data_load(&spec, &data, error, sizeof error), 0);
  EXPECT_EQ(data.features, nullptr);
  EXPECT_EQ(data.labels, nullptr);
  EXPECT_EQ(data.rows, 0);
  return error;
}

/// A data set loaded from `spec` (which must succeed), freed at the end.
struct Loaded {
  explicit Loaded(const plx_data_spec &spec) {
    char error[512] = {0};
    rc = plx_data_load(&spec, &data, error, sizeof error);
    message = error;
  }
  ~Loaded() { plx_data_free(&data); }
  std::vector<float> features() const {
    return {data.features, data.features + data.rows * data.cols};
  }
  std::vector<float> labels() const {
    return {data.labels, data.labels + data.rows * data.label_cols};
  }
  plx_dataset data{};
  int rc = 0;
  std::string message;
};

/// The bytes of an NPY file (format version 1.0, or 2.0 with a 4-byte
/// header length), written by hand as numpy.save does.
std::string npy(const std::string &descr, const std::string &shape,
                const void *data, size_t bytes, bool fortran = false,
                int version = 1) {
  std::string header = "{'descr': '" + descr +
                       "', 'fortran_order': " + (fortran ? "True" : "False") +
                       ", 'shape': " + shape + ", }";
  size_t prefix = version == 1 ? 10 : 12;
  while ((prefix + header.size() + 1) % 64)
    header += ' ';
  header += '\n';
  std::string out = "\x93NUMPY";
  out += static_cast<char>(version);
  out += '\0';
  size_t length = header.size();
  for (size_t i = 0; i < (version == 1 ? 2u : 4u); ++i)
    out += static_cast<char>((length >> (8 * i)) & 0xff);
  out += header;
  out.append(static_cast<const char *>(data), bytes);
  return out;
}

//===--- Random numbers and initialisation --------------------------------===//

TEST(RuntimeRngTest, KnownFirstValues) {
  // splitmix64 from 1234567 gives the state (the published splitmix64
  // sequence for that seed).
  plx_rng rng;
  plx_rng_seed(&rng, 1234567);
  EXPECT_EQ(rng.s[0], 6457827717110365317ull);
  EXPECT_EQ(rng.s[1], 3203168211198807973ull);
  EXPECT_EQ(rng.s[2], 9817491932198370423ull);
  EXPECT_EQ(rng.s[3], 4593380528125082431ull);

  // The first xoshiro256** outputs for seed 42, computed once and fixed:
  // a change of generator changes every seeded result, so it must show.
  plx_rng_seed(&rng, 42);
  EXPECT_EQ(plx_rng_next(&rng), 0x15780b2e0c2ec716ull);
  EXPECT_EQ(plx_rng_next(&rng), 0x6104d9866d113a7eull);
  EXPECT_EQ(plx_rng_next(&rng), 0xae17533239e499a1ull);
  EXPECT_EQ(plx_rng_next(&rng), 0xecb8ad4703b360a1ull);

  // uniform() is the top 53 bits of next() times 2^-53.
  plx_rng_seed(&rng, 42);
  EXPECT_EQ(plx_rng_uniform(&rng), (0x15780b2e0c2ec716ull >> 11) * 0x1.0p-53);
  EXPECT_DOUBLE_EQ((0x15780b2e0c2ec716ull >> 11) * 0x1.0p-53,
                   0.083862971059882163);
}

TEST(RuntimeRngTest, DeterministicAndUniform) {
  plx_rng a, b;
  plx_rng_seed(&a, 7);
  plx_rng_seed(&b, 7);
  for (int i = 0; i < 1000; ++i)
    ASSERT_EQ(plx_rng_next(&a), plx_rng_next(&b));
  plx_rng_seed(&a, 7);
  plx_rng_seed(&b, 8);
  EXPECT_NE(plx_rng_next(&a), plx_rng_next(&b));

  plx_rng_seed(&a, 123);
  double sum = 0, lo = 1, hi = 0;
  for (int i = 0; i < 100000; ++i) {
    double u = plx_rng_uniform(&a);
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    lo = std::min(lo, u);
    hi = std::max(hi, u);
  }
  EXPECT_NEAR(sum / 100000, 0.5, 0.01);
  EXPECT_LT(lo, 0.001);
  EXPECT_GT(hi, 0.999);
}

std::vector<float> initTensor(plx_init_kind kind, int64_t fanIn, int64_t fanOut,
                              uint64_t seed, size_t count) {
  std::vector<float> w(count, 123.0f);
  plx_rng rng;
  plx_rng_seed(&rng, seed);
  plx_init_tensor(w.data(), static_cast<int64_t>(w.size()), kind, fanIn, fanOut,
                  &rng);
  return w;
}

TEST(RuntimeInitTest, GlorotAndHeBounds) {
  struct Case {
    plx_init_kind kind;
    int64_t fanIn, fanOut;
    double bound;
  } cases[] = {{PLX_INIT_GLOROT_UNIFORM, 10, 500, std::sqrt(6.0 / 510)},
               {PLX_INIT_GLOROT_UNIFORM, 784, 128, std::sqrt(6.0 / 912)},
               {PLX_INIT_HE_UNIFORM, 10, 500, std::sqrt(6.0 / 10)},
               {PLX_INIT_HE_UNIFORM, 784, 128, std::sqrt(6.0 / 784)}};
  for (const Case &c : cases) {
    std::vector<float> w = initTensor(c.kind, c.fanIn, c.fanOut, 1, 20000);
    float lo = 0, hi = 0;
    double sum = 0;
    for (float v : w) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
      sum += v;
    }
    SCOPED_TRACE(testing::Message() << "kind " << c.kind << " fans " << c.fanIn
                                    << "/" << c.fanOut);
    EXPECT_LE(hi, static_cast<float>(c.bound));
    EXPECT_GE(lo, -static_cast<float>(c.bound));
    // U(-a, a): the bounds are nearly reached on both sides, mean near 0.
    EXPECT_GT(hi, 0.99 * c.bound);
    EXPECT_LT(lo, -0.99 * c.bound);
    EXPECT_NEAR(sum / w.size(), 0.0, 0.02 * c.bound);
  }
  // The same seed, the same values; another seed, others.
  EXPECT_EQ(initTensor(PLX_INIT_HE_UNIFORM, 4, 3, 9, 12),
            initTensor(PLX_INIT_HE_UNIFORM, 4, 3, 9, 12));
  EXPECT_NE(initTensor(PLX_INIT_HE_UNIFORM, 4, 3, 9, 12),
            initTensor(PLX_INIT_HE_UNIFORM, 4, 3, 10, 12));
  // Zeros, and a zero fan does not divide by zero.
  for (float v : initTensor(PLX_INIT_ZEROS, 4, 3, 1, 12))
    EXPECT_EQ(v, 0.0f);
  for (float v : initTensor(PLX_INIT_HE_UNIFORM, 0, 0, 1, 12))
    EXPECT_TRUE(std::isfinite(v));
}

//===--- CSV --------------------------------------------------------------===//

TEST(RuntimeCsvTest, HeaderDelimiterAndLabelPositions) {
  TempDir dir;
  // Columns 0..3; the label is column `label`, the others are 10*row + col.
  for (int64_t label : {0, 1, 3}) {
    std::string text = "a;b;c;d\n";
    for (int row = 1; row <= 3; ++row) {
      for (int col = 0; col < 4; ++col) {
        text += col ? ";" : "";
        text += col == label ? std::to_string(row % 2)
                             : std::to_string(10 * row + col);
      }
      text += "\n";
    }
    std::string path = dir.file("d.csv", text);
    std::vector<int64_t> columns;
    for (int64_t c = 0; c < 4; ++c)
      if (c != label)
        columns.push_back(c);
    plx_data_spec spec = csvSpec(path, label, columns);
    spec.header = 1;
    spec.delimiter = ';';
    Loaded d(spec);
    SCOPED_TRACE("label column " + std::to_string(label));
    ASSERT_EQ(d.rc, 0) << d.message;
    EXPECT_EQ(d.data.rows, 3);
    EXPECT_EQ(d.data.cols, 3);
    EXPECT_EQ(d.data.label_cols, 1);
    std::vector<float> expected;
    for (int row = 1; row <= 3; ++row)
      for (int64_t c : columns)
        expected.push_back(static_cast<float>(10 * row + c));
    EXPECT_EQ(d.features(), expected);
    EXPECT_EQ(d.labels(), (std::vector<float>{1, 0, 1}));

    // Without explicit feature columns: every column but the label.
    spec.feature_columns = nullptr;
    spec.num_features = 0;
    Loaded all(spec);
    ASSERT_EQ(all.rc, 0) << all.message;
    EXPECT_EQ(all.features(), expected);
  }
}

TEST(RuntimeCsvTest, FeatureSubsetsInTheirOrder) {
  TempDir dir;
  std::string path = dir.file("d.csv", "1,2,3,4,5\n6,7,8,9,10\n");
  std::vector<int64_t> columns = {3, 0};
  Loaded d(csvSpec(path, 2, columns));
  ASSERT_EQ(d.rc, 0) << d.message;
  EXPECT_EQ(d.data.cols, 2);
  EXPECT_EQ(d.features(), (std::vector<float>{4, 1, 9, 6}));
  EXPECT_EQ(d.labels(), (std::vector<float>{3, 8}));

  // No label: label_cols 0, and labels is still a valid pointer.
  std::vector<int64_t> one = {4};
  Loaded unlabeled(csvSpec(path, -1, one));
  ASSERT_EQ(unlabeled.rc, 0) << unlabeled.message;
  EXPECT_EQ(unlabeled.data.label_cols, 0);
  EXPECT_NE(unlabeled.data.labels, nullptr);
  EXPECT_EQ(unlabeled.features(), (std::vector<float>{5, 10}));

  // Columns not in use are not parsed (an id or a name column).
  std::string named = dir.file("n.csv", "x,1.5,0\ny,-2.5e1,1\n");
  std::vector<int64_t> second = {1};
  Loaded n(csvSpec(named, 2, second));
  ASSERT_EQ(n.rc, 0) << n.message;
  EXPECT_EQ(n.features(), (std::vector<float>{1.5f, -25.0f}));
}

TEST(RuntimeCsvTest, TabsBlanksLineEndingsAndLongLines) {
  TempDir dir;
  // A byte order mark, CRLF, blanks around fields, blank lines, no final
  // line break.
  std::string path =
      dir.file("t.tsv", "\xEF\xBB\xBF 1\t 2 \t0\r\n\r\n3\t4\t1\r\n\n5\t6\t2");
  std::vector<int64_t> columns = {0, 1};
  plx_data_spec spec = csvSpec(path, 2, columns);
  spec.delimiter = '\t';
  Loaded d(spec);
  ASSERT_EQ(d.rc, 0) << d.message;
  EXPECT_EQ(d.features(), (std::vector<float>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(d.labels(), (std::vector<float>{0, 1, 2}));

  // Lines far longer than any buffer.
  std::string wide;
  std::vector<int64_t> many;
  for (int c = 0; c < 3000; ++c) {
    wide += (c ? "," : "") + std::to_string(c) + ".25";
    if (c != 2999)
      many.push_back(c);
  }
  std::string widePath = dir.file("wide.csv", wide + "\n" + wide + "\n");
  Loaded w(csvSpec(widePath, 2999, many));
  ASSERT_EQ(w.rc, 0) << w.message;
  EXPECT_EQ(w.data.rows, 2);
  EXPECT_EQ(w.data.cols, 2999);
  EXPECT_EQ(w.data.features[2999 + 2998], 2998.25f);
  EXPECT_EQ(w.labels(), (std::vector<float>{2999.25f, 2999.25f}));
}

TEST(RuntimeCsvTest, GzipCompressed) {
  TempDir dir;
  std::string text = "f0,f1,y\n0.5,1.5,2\n-1,1e3,0\n";
  std::vector<int64_t> columns = {0, 1};
  // By extension, by the gzip magic alone, and a plain file named .gz.
  for (const std::string &path :
       {dir.gzip("d.csv.gz", text), dir.gzip("compressed.csv", text),
        dir.file("plain.csv.gz", text)}) {
    plx_data_spec spec = csvSpec(path, 2, columns);
    spec.header = 1;
    Loaded d(spec);
    ASSERT_EQ(d.rc, 0) << path << ": " << d.message;
    EXPECT_EQ(d.features(), (std::vector<float>{0.5f, 1.5f, -1, 1000}));
    EXPECT_EQ(d.labels(), (std::vector<float>{2, 0}));
  }
  // Many rows (more than one zlib buffer).
  std::string big;
  for (int r = 0; r < 20000; ++r)
    big += std::to_string(r) + "," + std::to_string(r % 7) + "\n";
  std::vector<int64_t> first = {0};
  Loaded d(csvSpec(dir.gzip("big.csv.gz", big), 1, first));
  ASSERT_EQ(d.rc, 0) << d.message;
  EXPECT_EQ(d.data.rows, 20000);
  EXPECT_EQ(d.data.features[19999], 19999.0f);
  EXPECT_EQ(d.data.labels[19999], 19999 % 7);
}

TEST(RuntimeCsvTest, ClassLabels) {
  TempDir dir;
  std::string path = dir.file("c.csv", "1,0\n2,2\n3,1.0\n");
  std::vector<int64_t> columns = {0};
  plx_data_spec spec = csvSpec(path, 1, columns);
  spec.num_classes = 3;
  Loaded d(spec);
  ASSERT_EQ(d.rc, 0) << d.message;
  EXPECT_EQ(d.labels(), (std::vector<float>{0, 2, 1}));
}

TEST(RuntimeCsvTest, ErrorMessages) {
  TempDir dir;
  std::vector<int64_t> two = {0, 1};

  // The example of the runtime's documentation: a short line in a
  // compressed file, numbered from 1 and counting the header.
  std::string digits = "h";
  for (int c = 1; c < 65; ++c)
    digits += ",h" + std::to_string(c);
  digits += "\n";
  for (int line = 2; line <= 20; ++line) {
    for (int c = 0; c < (line == 17 ? 64 : 65); ++c)
      digits += (c ? "," : "") + std::to_string(c % 10);
    digits += "\n";
  }
  std::vector<int64_t> pixels;
  for (int c = 0; c < 64; ++c)
    pixels.push_back(c);
  std::string gz = dir.gzip("digits.csv.gz", digits);
  plx_data_spec digitsSpec = csvSpec(gz, 64, pixels);
  digitsSpec.header = 1;
  EXPECT_EQ(loadError(digitsSpec), gz + ":17: expected 65 columns, found 64");

  std::string missing = dir.path + "/x.csv";
  EXPECT_EQ(loadError(csvSpec(missing, 2, two)),
            missing + ": cannot open: No such file or directory");

  struct Case {
    const char *name, *contents;
    int64_t label;
    std::vector<int64_t> columns;
    int64_t classes;
    int header;
    const char *message;
  } cases[] = {
      // clang-format off
      {"ragged.csv", "a,b,y\n1,2,0\n1,2\n", 2, two, 0, 1,
       ":3: expected 3 columns, found 2"},
      {"long.csv", "1,2,0\n1,2,0,4\n", 2, two, 0, 0,
       ":2: expected 3 columns, found 4"},
      {"text.csv", "1,2,0\n1,two,0\n", 2, two, 0, 0,
       ":2: column 2 is not a number: 'two'"},
      {"trail.csv", "1,2,0\n\n1,2x,0\n", 2, two, 0, 0,
       ":3: column 2 is not a number: '2x'"},
      {"empty-field.csv", "1,2,0\n,2,0\n", 2, two, 0, 0,
       ":2: column 1 is not a number: ''"},
      {"label-text.csv", "1,2,cat\n", 2, two, 0, 0,
       ":1: column 3 is not a number: 'cat'"},
      {"nan.csv", "1,nan,0\n", 2, two, 0, 0,
       ":1: column 2 is not a finite number: 'nan'"},
      {"huge.csv", "1e39,1,0\n", 2, two, 0, 0,
       ":1: column 1 is not a finite number: '1e39'"},
      {"fraction.csv", "1,2,0\n1,2,1.5\n", 2, two, 3, 0,
       ":2: label '1.5' is not an integer in [0, 3)"},
      {"class.csv", "1,2,3\n", 2, two, 3, 0,
       ":1: label '3' is not an integer in [0, 3)"},
      {"negative.csv", "1,2,-1\n", 2, two, 3, 0,
       ":1: label '-1' is not an integer in [0, 3)"},
      {"empty.csv", "", 2, two, 0, 0, ": no data rows"},
      {"header-only.csv", "a,b,y\n", 2, two, 0, 1, ": no data rows"},
      {"blank.csv", "\n \n\n", 2, two, 0, 0, ": no data rows"},
      {"narrow.csv", "1,2\n", 2, two, 0, 0,
       ": label column 2 is out of range (2 columns)"},
      {"features.csv", "1,2,3\n", 2, {0, 5}, 0, 0,
       ": feature column 5 is out of range (3 columns)"},
      {"bad-label.csv", "1,2,3\n", -2, two, 0, 0,
       ": invalid label column -2"},
      {"bad-feature.csv", "1,2,3\n", 2, {-1}, 0, 0,
       ": invalid feature column -1"},
      {"only-label.csv", "1\n2\n", 0, {}, 0, 0, ": no feature columns"},
      // clang-format on
  };
  for (const Case &c : cases) {
    std::string path = dir.file(c.name, c.contents);
    plx_data_spec spec = csvSpec(path, c.label, c.columns);
    spec.num_classes = c.classes;
    spec.header = c.header;
    EXPECT_EQ(loadError(spec), path + c.message);
  }

  // Without explicit columns, the count of the others must match.
  std::string three = dir.file("three.csv", "1,2,3\n");
  plx_data_spec spec = csvSpec(three, 2, {});
  spec.num_features = 3;
  EXPECT_EQ(loadError(spec), three + ": 2 feature columns, expected 3");

  // A truncated gzip stream and a directory.
  std::string rows;
  for (int r = 0; r < 5000; ++r)
    rows += std::to_string(r) + "," + std::to_string(r * 7 % 13) + ",0\n";
  std::string whole = readFile(dir.gzip("t.csv.gz", rows));
  std::string cut = dir.file("cut.csv.gz", whole.substr(0, whole.size() / 2));
  EXPECT_EQ(loadError(csvSpec(cut, 2, two)),
            cut + ": corrupt gzip data: unexpected end of file");
  EXPECT_EQ(loadError(csvSpec(dir.path, 2, two)),
            dir.path + ": cannot read: Is a directory");

  plx_data_spec noPath = csvSpec("", 2, two);
  noPath.path = nullptr;
  EXPECT_EQ(loadError(noPath), "CSV data without a file name");
  plx_data_spec noDelimiter = csvSpec(three, 2, two);
  noDelimiter.delimiter = '\0';
  EXPECT_EQ(loadError(noDelimiter), three + ": invalid delimiter");
}

TEST(RuntimeCsvTest, SmallErrorBuffers) {
  TempDir dir;
  std::string path = dir.file("bad.csv", "1,2,0\n1,two,0\n");
  std::vector<int64_t> two = {0, 1};
  plx_data_spec spec = csvSpec(path, 2, two);
  plx_dataset data;
  char error[8];
  EXPECT_NE(plx_data_load(&spec, &data, error, sizeof error), 0);
  EXPECT_EQ(std::string(error), path.substr(0, 7)); // cut, terminated
  EXPECT_NE(plx_data_load(&spec, &data, nullptr, 0), 0);
  EXPECT_NE(plx_data_load(nullptr, &data, nullptr, 0), 0);
}

//===--- NPY --------------------------------------------------------------===//

TEST(RuntimeNpyTest, EveryDtype) {
  TempDir dir;
  float f32[] = {1, -2, 3.5f, 4, 5, 6};
  double f64[] = {1, -2, 3.5, 4, 5, 6};
  int32_t i32[] = {1, -2, 3, 4, 5, 6};
  int64_t i64[] = {1, -2, 3, 4, 5, 6};
  uint8_t u8[] = {1, 254, 3, 4, 5, 6};
  int8_t i8[] = {1, -2, 3, 4, 5, 6};
  struct {
    const char *descr;
    const void *data;
    size_t bytes;
    std::vector<float> expected;
  } cases[] = {{"<f4", f32, sizeof f32, {1, -2, 3.5f, 4, 5, 6}},
               {"<f8", f64, sizeof f64, {1, -2, 3.5f, 4, 5, 6}},
               {"<i4", i32, sizeof i32, {1, -2, 3, 4, 5, 6}},
               {"<i8", i64, sizeof i64, {1, -2, 3, 4, 5, 6}},
               {"|u1", u8, sizeof u8, {1, 254, 3, 4, 5, 6}},
               {"|i1", i8, sizeof i8, {1, -2, 3, 4, 5, 6}}};
  int64_t classes[] = {2, 0};
  std::string y = dir.file("y.npy", npy("<i8", "(2,)", classes, 16));
  for (auto &c : cases) {
    SCOPED_TRACE(c.descr);
    std::string x = dir.file("x.npy", npy(c.descr, "(2, 3)", c.data, c.bytes));
    plx_data_spec spec = npySpec(x, y);
    spec.num_classes = 3;
    Loaded d(spec);
    ASSERT_EQ(d.rc, 0) << d.message;
    EXPECT_EQ(d.data.rows, 2);
    EXPECT_EQ(d.data.cols, 3);
    EXPECT_EQ(d.data.label_cols, 1);
    EXPECT_EQ(d.features(), c.expected);
    EXPECT_EQ(d.labels(), (std::vector<float>{2, 0}));
  }
}

TEST(RuntimeNpyTest, ShapesVersionsAndLabels) {
  TempDir dir;
  float f32[8] = {0, 1, 2, 3, 4, 5, 6, 7};
  // Rank 3 flattens to rows x (product of the rest); format version 2.0.
  std::string x = dir.file("x.npy", npy("<f4", "(2, 2, 2)", f32, 32, false, 2));
  std::string y = dir.file("y.npy", npy("<f4", "(2, 2)", f32, 16));
  Loaded d(npySpec(x, y));
  ASSERT_EQ(d.rc, 0) << d.message;
  EXPECT_EQ(d.data.cols, 4);
  EXPECT_EQ(d.data.label_cols, 2);
  EXPECT_EQ(d.features(), std::vector<float>(f32, f32 + 8));
  EXPECT_EQ(d.labels(), (std::vector<float>{0, 1, 2, 3}));
  // A 1-D array is one feature per sample; no labels file, no labels.
  std::string v = dir.file("v.npy", npy("<f4", "(3,)", f32, 12));
  Loaded u(npySpec(v));
  ASSERT_EQ(u.rc, 0) << u.message;
  EXPECT_EQ(u.data.rows, 3);
  EXPECT_EQ(u.data.cols, 1);
  EXPECT_EQ(u.data.label_cols, 0);
  EXPECT_NE(u.data.labels, nullptr);
}

TEST(RuntimeNpyTest, ErrorMessages) {
  TempDir dir;
  float f32[] = {1, 2, 3, 4};
  double f64[] = {1, 1e300};
  float nan[] = {1, std::nanf("")};
  auto error = [&](const std::string &contents) {
    std::string x = dir.file("x.npy", contents);
    std::string message = loadError(npySpec(x));
    EXPECT_EQ(message.substr(0, x.size()), x);
    return message.substr(std::min(x.size(), message.size()));
  };
  EXPECT_EQ(error("not numpy"), ": not an NPY file (bad magic)");
  EXPECT_EQ(error(""), ": not an NPY file (bad magic)");
  EXPECT_EQ(error(npy("<c8", "(2, 2)", f32, 16)),
            ": unsupported dtype '<c8' (float32, float64, int32, int64, "
            "(u)int8 are)");
  EXPECT_EQ(error(npy(">f4", "(2, 2)", f32, 16)),
            ": unsupported dtype '>f4' (float32, float64, int32, int64, "
            "(u)int8 are)");
  EXPECT_EQ(error(npy("<f4", "(2, 2)", f32, 16, true)),
            ": Fortran order is not supported; save in C order");
  EXPECT_EQ(error(npy("<f4", "(2, 2)", f32, 12)),
            ": truncated data (expected 4 values)");
  EXPECT_EQ(error(npy("<f4", "(1000000000000, 1000)", f32, 16)),
            ": truncated data (expected 1000000000000000 values)");
  EXPECT_EQ(error(npy("<f4", "(2, 2)", f32, 16).substr(0, 40)),
            ": truncated NPY header");
  EXPECT_EQ(error(std::string("\x93NUMPY\x01", 7)), ": truncated NPY header");
  EXPECT_EQ(error(npy("<f4", "()", f32, 4)),
            ": holds a scalar, expected samples");
  EXPECT_EQ(error(npy("<f4", "(0, 4)", f32, 0)), ": no samples");
  EXPECT_EQ(error(npy("<f4", "(2, -2)", f32, 16)),
            ": malformed NPY header (shape)");
  EXPECT_EQ(error(npy("<f4", "[2, 2]", f32, 16)),
            ": malformed NPY header (shape)");
  std::string noShape = npy("<f4", "(2, 2)", f32, 16);
  noShape.replace(noShape.find("'shape'"), 7, "'shapf'");
  EXPECT_EQ(error(noShape), ": malformed NPY header");
  std::string version = npy("<f4", "(2, 2)", f32, 16);
  version[6] = 9;
  EXPECT_EQ(error(version), ": unsupported NPY version 9.0");
  EXPECT_EQ(error(npy("<f4", "(2,)", nan, 8)),
            ": element 1 is nan; data must be finite");
  EXPECT_EQ(error(npy("<f8", "(2,)", f64, 16)),
            ": element 1 is 1e+300, out of float32 range");

  std::string missing = dir.path + "/x.npy";
  std::remove(missing.c_str());
  EXPECT_EQ(loadError(npySpec(missing)),
            missing + ": cannot open: No such file or directory");

  // Labels: their count and, for classification, their values.
  std::string x = dir.file("x.npy", npy("<f4", "(2, 2)", f32, 16));
  int64_t three[] = {0, 1, 2};
  std::string y3 = dir.file("y3.npy", npy("<i8", "(3,)", three, 24));
  EXPECT_EQ(loadError(npySpec(x, y3)), y3 + ": 3 labels for 2 samples in " + x);
  float fractional[] = {0, 1.5f};
  std::string yf = dir.file("yf.npy", npy("<f4", "(2,)", fractional, 8));
  plx_data_spec spec = npySpec(x, yf);
  spec.num_classes = 3;
  EXPECT_EQ(loadError(spec),
            yf + ": label 1.5 at index 1 is not an integer in [0, 3)");
  std::string missingLabels = dir.path + "/none.npy";
  EXPECT_EQ(loadError(npySpec(x, missingLabels)),
            missingLabels + ": cannot open: No such file or directory");
}

//===--- Random data ------------------------------------------------------===//

TEST(RuntimeRandomDataTest, SeededClassesAndLinearTargets) {
  plx_data_spec spec{};
  spec.kind = PLX_DATA_RANDOM;
  spec.num_samples = 200;
  spec.num_features = 3;
  spec.num_classes = 4;
  spec.label_column = -1;
  spec.seed = 42;
  Loaded a(spec), b(spec);
  ASSERT_EQ(a.rc, 0) << a.message;
  ASSERT_EQ(b.rc, 0) << b.message;
  EXPECT_EQ(a.data.rows, 200);
  EXPECT_EQ(a.data.cols, 3);
  EXPECT_EQ(a.data.label_cols, 1);
  EXPECT_EQ(a.features(), b.features());
  EXPECT_EQ(a.labels(), b.labels());
  for (float v : a.features()) {
    ASSERT_GE(v, 0.0f);
    ASSERT_LT(v, 1.0f);
  }
  std::set<float> classes(a.data.labels, a.data.labels + 200);
  EXPECT_EQ(classes, (std::set<float>{0, 1, 2, 3}));
  spec.seed = 43;
  Loaded c(spec);
  EXPECT_NE(a.features(), c.features());

  // Regression: every target is the same linear function of the features.
  spec.num_classes = 0;
  spec.num_targets = 2;
  Loaded r(spec);
  ASSERT_EQ(r.rc, 0) << r.message;
  EXPECT_EQ(r.data.label_cols, 2);
  // Solve for the weights of each target from the first three samples
  // (Cramer's rule), then check every sample against them.
  const float *x = r.data.features;
  auto det = [](const double m[3][3]) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
           m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
           m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  };
  double m[3][3];
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      m[i][j] = x[i * 3 + j];
  double d = det(m);
  ASSERT_GT(std::fabs(d), 1e-6);
  for (int t = 0; t < 2; ++t) {
    double w[3];
    for (int k = 0; k < 3; ++k) {
      double mk[3][3];
      std::memcpy(mk, m, sizeof m);
      for (int i = 0; i < 3; ++i)
        mk[i][k] = r.data.labels[i * 2 + t];
      w[k] = det(mk) / d;
    }
    for (int64_t s = 0; s < r.data.rows; ++s) {
      double y = w[0] * x[s * 3] + w[1] * x[s * 3 + 1] + w[2] * x[s * 3 + 2];
      ASSERT_NEAR(r.data.labels[s * 2 + t], y, 1e-4) << "sample " << s;
    }
  }

  spec.num_samples = 0;
  EXPECT_EQ(loadError(spec), "random data: 0 samples; expected at least 1");
  spec.num_samples = 10;
  spec.num_features = 0;
  EXPECT_EQ(loadError(spec), "random data: 0 features; expected at least 1");
  spec.num_features = 2;
  spec.num_targets = 0;
  EXPECT_EQ(loadError(spec), "random data: needs classes (classification) or "
                             "targets (regression)");
}

//===--- Splits and normalization -----------------------------------------===//

/// Row i has label i, so a row's label names where it came from.
struct Table {
  std::vector<float> features, labels;
  int64_t cols;
  plx_dataset view() {
    return {features.data(), labels.data(), static_cast<int64_t>(labels.size()),
            cols, 1};
  }
};

struct Split {
  Split(plx_dataset all, double fraction, uint64_t seed,
        plx_normalization normalize)
      : stats(2 * all.cols, -1.0f) {
    plx_data_split_normalize(&all, fraction, seed, normalize, &train, &test,
                             stats.data());
  }
  ~Split() {
    plx_data_free(&train);
    plx_data_free(&test);
  }
  std::vector<float> trainLabels() const {
    return {train.labels, train.labels + train.rows};
  }
  std::vector<float> testLabels() const {
    return {test.labels, test.labels + test.rows};
  }
  plx_dataset train{}, test{};
  std::vector<float> stats;
};

TEST(RuntimeSplitTest, SizesAndSeededPermutation) {
  Table t{{}, {}, 1};
  for (int i = 0; i < 10; ++i) {
    t.features.push_back(100.0f + i);
    t.labels.push_back(i);
  }
  for (auto [fraction, trainRows] : std::vector<std::pair<double, int64_t>>{
           {0.8, 8}, {0.75, 8}, {0.5, 5}, {0.01, 0}, {0.99, 10}}) {
    Split s(t.view(), fraction, 1, PLX_NORM_NONE);
    EXPECT_EQ(s.train.rows, trainRows) << fraction;
    EXPECT_EQ(s.test.rows, 10 - trainRows) << fraction;
    // Every row exactly once, with its features.
    std::multiset<float> rows;
    for (const plx_dataset *part : {&s.train, &s.test})
      for (int64_t r = 0; r < part->rows; ++r) {
        rows.insert(part->labels[r]);
        EXPECT_EQ(part->features[r], 100.0f + part->labels[r]);
      }
    EXPECT_EQ(rows, std::multiset<float>(t.labels.begin(), t.labels.end()));
  }
  Split a(t.view(), 0.8, 7, PLX_NORM_NONE), b(t.view(), 0.8, 7, PLX_NORM_NONE),
      c(t.view(), 0.8, 8, PLX_NORM_NONE);
  EXPECT_EQ(a.trainLabels(), b.trainLabels());
  EXPECT_EQ(a.testLabels(), b.testLabels());
  EXPECT_NE(a.trainLabels(), c.trainLabels());
  EXPECT_NE(a.trainLabels(),
            std::vector<float>(t.labels.begin(), t.labels.begin() + 8));
  // 0 (a spec's "no split") and 1: every row, in order, for training.
  for (double fraction : {0.0, 1.0}) {
    Split all(t.view(), fraction, 7, PLX_NORM_NONE);
    EXPECT_EQ(all.trainLabels(), t.labels);
    EXPECT_EQ(all.test.rows, 0);
    EXPECT_NE(all.test.features, nullptr);
  }
  // Without normalization the statistics are left alone.
  EXPECT_EQ(a.stats, (std::vector<float>{-1, -1}));
}

TEST(RuntimeSplitTest, NormalizationExactValues) {
  // Unsplit: min-max of (0, 2, 4, 6) and a constant column.
  Table t{{0, 5, 2, 5, 4, 5, 6, 5}, {0, 1, 2, 3}, 2};
  Split m(t.view(), 1.0, 0, PLX_NORM_MINMAX);
  EXPECT_EQ(m.stats, (std::vector<float>{0, 6, 5, 5}));
  EXPECT_EQ(std::vector<float>(m.train.features, m.train.features + 8),
            (std::vector<float>{0, 0, 2.0f / 6, 0, 4.0f / 6, 0, 1, 0}));
  // Standard: mean 3, population deviation sqrt(5).
  Split s(t.view(), 1.0, 0, PLX_NORM_STANDARD);
  float sd = static_cast<float>(std::sqrt(5.0));
  EXPECT_EQ(s.stats, (std::vector<float>{3, sd, 5, 0}));
  EXPECT_EQ(std::vector<float>(s.train.features, s.train.features + 8),
            (std::vector<float>{-3 / sd, 0, -1 / sd, 0, 1 / sd, 0, 3 / sd, 0}));
}

TEST(RuntimeSplitTest, NormalizationFitsTrainOnly) {
  // Column 0 is 10 * label, column 1 is 0.1 except 7 in the last row.
  Table t{{}, {}, 2};
  for (int i = 0; i < 8; ++i) {
    t.features.push_back(10.0f * i);
    t.features.push_back(i == 7 ? 7.0f : 0.1f);
    t.labels.push_back(i);
  }
  // Find a seed that holds out the last row: the largest value of column 0
  // and the only other value of column 1.
  bool found = false;
  for (uint64_t seed = 0; seed < 200 && !found; ++seed) {
    Split s(t.view(), 0.75, seed, PLX_NORM_MINMAX);
    std::vector<float> test = s.testLabels();
    if (std::find(test.begin(), test.end(), 7.0f) == test.end())
      continue;
    found = true;
    float lo = 70, hi = 0;
    std::vector<float> trainLabels = s.trainLabels();
    for (float label : trainLabels) {
      lo = std::min(lo, 10 * label);
      hi = std::max(hi, 10 * label);
    }
    EXPECT_EQ(s.stats, (std::vector<float>{lo, hi, 0.1f, 0.1f}));
    for (const plx_dataset *part : {&s.train, &s.test})
      for (int64_t r = 0; r < part->rows; ++r) {
        float label = part->labels[r];
        EXPECT_EQ(part->features[2 * r], (10 * label - lo) / (hi - lo));
        // Constant on the training part: 0, not a division by zero.
        EXPECT_EQ(part->features[2 * r + 1], 0.0f);
      }
    // The held-out maximum lies beyond the training range.
    for (int64_t r = 0; r < s.test.rows; ++r) {
      if (s.test.labels[r] == 7.0f) {
        EXPECT_GT(s.test.features[2 * r], 1.0f);
      }
    }

    // Standardization, fitted on the same training rows.
    Split z(t.view(), 0.75, seed, PLX_NORM_STANDARD);
    ASSERT_EQ(z.trainLabels(), trainLabels);
    double mean = 0, var = 0;
    for (float label : trainLabels)
      mean += 10 * label;
    mean /= 6;
    for (float label : trainLabels)
      var += (10 * label - mean) * (10 * label - mean);
    float sd = static_cast<float>(std::sqrt(var / 6));
    EXPECT_FLOAT_EQ(z.stats[0], static_cast<float>(mean));
    EXPECT_FLOAT_EQ(z.stats[1], sd);
    // A constant 0.1 column has deviation exactly 0 (no rounding residue
    // to divide by): training values 0, others shifted by the mean.
    EXPECT_EQ(z.stats[2], 0.1f);
    EXPECT_EQ(z.stats[3], 0.0f);
    for (int64_t r = 0; r < z.train.rows; ++r)
      EXPECT_EQ(z.train.features[2 * r + 1], 0.0f);
    for (int64_t r = 0; r < z.test.rows; ++r)
      EXPECT_EQ(z.test.features[2 * r + 1],
                (z.test.labels[r] == 7.0f ? 7.0f : 0.1f) - 0.1f);
    double trainMean = 0;
    for (int64_t r = 0; r < z.train.rows; ++r)
      trainMean += z.train.features[2 * r];
    EXPECT_NEAR(trainMean / 6, 0.0, 1e-6);
  }
  EXPECT_TRUE(found);
}

TEST(RuntimeSplitTest, EmptyDataSet) {
  Table t{{}, {}, 3};
  Split s(t.view(), 0.5, 1, PLX_NORM_STANDARD);
  EXPECT_EQ(s.train.rows, 0);
  EXPECT_EQ(s.test.rows, 0);
  EXPECT_EQ(s.stats, (std::vector<float>{0, 0, 0, 0, 0, 0}));
}

//===--- Batching ---------------------------------------------------------===//

std::vector<float> epochOrder(const plx_dataset &data, int64_t batch,
                              int shuffle, uint64_t seed,
                              std::vector<int64_t> *sizes = nullptr) {
  plx_batches b;
  plx_batches_init(&b, &data, batch, shuffle, seed);
  std::vector<float> order;
  for (int64_t rows; (rows = plx_batches_next(&b)) > 0;) {
    if (sizes)
      sizes->push_back(rows);
    for (int64_t r = 0; r < rows; ++r) {
      // Features (2 columns) and labels travel together.
      EXPECT_EQ(b.x[2 * r], b.y[r]);
      EXPECT_EQ(b.x[2 * r + 1], -b.y[r]);
      order.push_back(b.y[r]);
    }
  }
  EXPECT_EQ(plx_batches_next(&b), 0); // and stays at the end
  plx_batches_free(&b);
  plx_batches_free(&b); // harmless twice
  return order;
}

TEST(RuntimeBatchesTest, EveryRowOncePerEpoch) {
  std::vector<float> features, labels;
  for (int i = 0; i < 10; ++i) {
    features.push_back(i);
    features.push_back(-i);
    labels.push_back(i);
  }
  plx_dataset data{features.data(), labels.data(), 10, 2, 1};
  for (int shuffle = 0; shuffle < 2; ++shuffle) {
    std::vector<int64_t> sizes;
    std::vector<float> order = epochOrder(data, 4, shuffle, 3, &sizes);
    EXPECT_EQ(sizes, (std::vector<int64_t>{4, 4, 2})); // the last is smaller
    EXPECT_EQ(std::multiset<float>(order.begin(), order.end()),
              std::multiset<float>(labels.begin(), labels.end()));
    if (shuffle)
      EXPECT_NE(order, labels);
    else
      EXPECT_EQ(order, labels);
  }
  // Shuffled order: the same per seed, another for another seed.
  EXPECT_EQ(epochOrder(data, 3, 1, 11), epochOrder(data, 3, 1, 11));
  EXPECT_NE(epochOrder(data, 3, 1, 11), epochOrder(data, 3, 1, 12));
  // A batch larger than the data, or < 1: one batch of everything.
  for (int64_t batch : {100, 0, -5}) {
    std::vector<int64_t> sizes;
    EXPECT_EQ(epochOrder(data, batch, 0, 0, &sizes), labels);
    EXPECT_EQ(sizes, (std::vector<int64_t>{10}));
  }
  std::vector<int64_t> sizes;
  epochOrder(data, 1, 1, 5, &sizes);
  EXPECT_EQ(sizes, std::vector<int64_t>(10, 1));
  // An empty data set has no batches.
  plx_dataset empty{features.data(), labels.data(), 0, 2, 1};
  EXPECT_TRUE(epochOrder(empty, 4, 1, 1).empty());
}

//===--- Metrics ----------------------------------------------------------===//

TEST(RuntimeMetricsTest, TinyExamples) {
  float outputs[] = {0.1f, 0.9f, 0.0f, //
                     0.8f, 0.1f, 0.1f, //
                     0.3f, 0.3f, 0.4f, //
                     0.5f, 0.5f, 0.0f};
  float labels[] = {1, 0, 0, 0};
  // Rows 1, 2 and 4 (a tie counts as the first maximum) are right.
  EXPECT_DOUBLE_EQ(plx_metric_accuracy(outputs, labels, 4, 3), 0.75);
  EXPECT_DOUBLE_EQ(plx_metric_accuracy(outputs, labels, 1, 3), 1.0);
  EXPECT_DOUBLE_EQ(plx_metric_accuracy(outputs, labels, 0, 3), 0.0);
  float p[] = {1, 2, 3, -1}, t[] = {1, 4, 0, 1};
  EXPECT_DOUBLE_EQ(plx_metric_mse(p, t, 4), (0 + 4 + 9 + 4) / 4.0);
  EXPECT_DOUBLE_EQ(plx_metric_mae(p, t, 4), (0 + 2 + 3 + 2) / 4.0);
  EXPECT_DOUBLE_EQ(plx_metric_mse(p, t, 0), 0.0);
  EXPECT_DOUBLE_EQ(plx_metric_mae(p, t, 0), 0.0);
}

//===--- Output -----------------------------------------------------------===//

/// What `print` writes to stdout.
template <typename F> std::string captureStdout(F print) {
  TempDir dir;
  std::string path = dir.path + "/stdout";
  std::fflush(stdout);
  int saved = dup(fileno(stdout));
  EXPECT_GE(saved, 0);
  EXPECT_NE(std::freopen(path.c_str(), "w", stdout), nullptr);
  print();
  std::fflush(stdout);
  dup2(saved, fileno(stdout));
  close(saved);
  return readFile(path);
}

TEST(RuntimeOutputTest, ProgressLine) {
  const char *names[] = {"accuracy", "mae"};
  double values[] = {0.875, 1.23456};
  EXPECT_EQ(captureStdout([&] {
              plx_print_epoch(3, 10, 0.41234, names, values, 1, 0.123);
            }),
            "epoch 3/10  loss 0.4123  accuracy 0.8750  0.12s\n");
  EXPECT_EQ(captureStdout(
                [&] { plx_print_epoch(10, 10, 2, names, values, 2, 61.5); }),
            "epoch 10/10  loss 2.0000  accuracy 0.8750  mae 1.2346  61.50s\n");
  EXPECT_EQ(captureStdout(
                [&] { plx_print_epoch(1, 1, 0.5, nullptr, nullptr, 0, 0); }),
            "epoch 1/1  loss 0.5000  0.00s\n");
}

TEST(RuntimeOutputTest, PredictionsCsv) {
  TempDir dir;
  float outputs[] = {0.25f, 0.75f, 0.5f, 0.125f, 1e-7f, -3.5f};
  std::string path = dir.path + "/p.csv";
  char error[256] = {0};
  ASSERT_EQ(plx_write_predictions_csv(path.c_str(), outputs, 3, 2, 2, error,
                                      sizeof error),
            0)
      << error;
  EXPECT_EQ(readFile(path), "output0,output1,class\n"
                            "0.25,0.75,1\n"
                            "0.5,0.125,0\n"
                            "1e-07,-3.5,0\n");
  // Regression: no class column; an existing file is replaced.
  ASSERT_EQ(plx_write_predictions_csv(path.c_str(), outputs, 2, 3, 0, error,
                                      sizeof error),
            0)
      << error;
  EXPECT_EQ(readFile(path), "output0,output1,output2\n"
                            "0.25,0.75,0.5\n"
                            "0.125,1e-07,-3.5\n");
  // No temporary file is left behind.
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"p.csv"}));

  // Errors name the file; nothing is left behind either.
  std::string bad = dir.path + "/no/such/dir/p.csv";
  EXPECT_NE(plx_write_predictions_csv(bad.c_str(), outputs, 3, 2, 2, error,
                                      sizeof error),
            0);
  EXPECT_EQ(std::string(error),
            bad + ": cannot write: No such file or directory");
  std::string directory = dir.path + "/d";
  fs::create_directory(directory);
  EXPECT_NE(plx_write_predictions_csv(directory.c_str(), outputs, 3, 2, 2,
                                      error, sizeof error),
            0);
  EXPECT_EQ(std::string(error), directory + ": cannot write: Is a directory");
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"d", "p.csv"}));

  // To stdout when there is no path.
  EXPECT_EQ(captureStdout([&] {
              EXPECT_EQ(plx_write_predictions_csv(nullptr, outputs, 1, 2, 2,
                                                  error, sizeof error),
                        0);
            }),
            "output0,output1,class\n0.25,0.75,1\n");
}

TEST(RuntimeTimeTest, Monotonic) {
  double a = plx_time_seconds();
  usleep(20000);
  double b = plx_time_seconds();
  EXPECT_GT(a, 0.0);
  EXPECT_GE(b - a, 0.015);
  EXPECT_LT(b - a, 5.0);
}

} // namespace
