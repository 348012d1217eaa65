//===- RuntimeLibraryTest.cpp - The C runtime of generated programs -------===//
//
// Data loading (CSV, gzip, NPY, random) and its error messages, splits and
// normalization, batching, RNG and initialisation, metrics, output, the
// model descriptor and safetensors checkpoints.
//
//===----------------------------------------------------------------------===//

#include "model.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>
#include <zlib.h>

namespace {

class TempDir {
public:
  TempDir() {
    char pattern[] = "/tmp/plexus-runtime-XXXXXX";
    path = mkdtemp(pattern);
  }
  ~TempDir() { std::system(("rm -rf " + path).c_str()); }
  std::string file(const std::string &name, const std::string &contents) {
    std::string p = path + "/" + name;
    std::ofstream(p, std::ios::binary) << contents;
    return p;
  }
  std::string path;
};

plx_data_spec csvSpec(const std::string &path, int64_t label,
                      std::vector<int64_t> &columns) {
  plx_data_spec spec{};
  spec.kind = PLX_DATA_CSV;
  spec.path = path.c_str();
  spec.delimiter = ',';
  spec.label_column = label;
  spec.feature_columns = columns.data();
  spec.num_features = columns.size();
  return spec;
}

std::string loadError(const plx_data_spec &spec) {
  plx_dataset data;
  char error[512] = {0};
  EXPECT_NE(plx_data_load(&spec, &data, error, sizeof error), 0);
  return error;
}

TEST(RuntimeRng, DeterministicAndUniform) {
  plx_rng a, b;
  plx_rng_seed(&a, 42);
  plx_rng_seed(&b, 42);
  for (int i = 0; i < 100; ++i)
    ASSERT_EQ(plx_rng_next(&a), plx_rng_next(&b));
  plx_rng_seed(&b, 43);
  EXPECT_NE(plx_rng_next(&a), plx_rng_next(&b));
  double sum = 0;
  for (int i = 0; i < 100000; ++i) {
    double u = plx_rng_uniform(&a);
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  EXPECT_NEAR(sum / 100000, 0.5, 0.01);
}

TEST(RuntimeInit, GlorotAndHeBounds) {
  plx_rng rng;
  plx_rng_seed(&rng, 1);
  std::vector<float> w(10 * 500);
  plx_init_tensor(w.data(), w.size(), PLX_INIT_GLOROT_UNIFORM, 10, 500, &rng);
  float glorot = std::sqrt(6.0f / 510);
  float maxAbs = 0;
  for (float v : w)
    maxAbs = std::max(maxAbs, std::fabs(v));
  EXPECT_LE(maxAbs, glorot);
  EXPECT_GT(maxAbs, 0.9f * glorot); // the bound is reached, not much smaller
  plx_init_tensor(w.data(), w.size(), PLX_INIT_HE_UNIFORM, 10, 500, &rng);
  maxAbs = 0;
  for (float v : w)
    maxAbs = std::max(maxAbs, std::fabs(v));
  EXPECT_LE(maxAbs, std::sqrt(6.0f / 10));
  plx_init_tensor(w.data(), w.size(), PLX_INIT_ZEROS, 10, 500, &rng);
  for (float v : w)
    ASSERT_EQ(v, 0.0f);
}

TEST(RuntimeData, CSVWithHeaderColumnsAndLabel) {
  TempDir dir;
  std::string path = dir.file("d.csv", "a;b;c;y\n1;2;3;0\n4;5;6;1\n\n");
  std::vector<int64_t> columns = {0, 2};
  plx_data_spec spec = csvSpec(path, 3, columns);
  spec.header = 1;
  spec.delimiter = ';';
  plx_dataset data;
  char error[256] = {0};
  ASSERT_EQ(plx_data_load(&spec, &data, error, sizeof error), 0) << error;
  EXPECT_EQ(data.rows, 2);
  EXPECT_EQ(data.cols, 2);
  EXPECT_EQ(data.label_cols, 1);
  EXPECT_EQ(std::vector<float>(data.features, data.features + 4),
            (std::vector<float>{1, 3, 4, 6}));
  EXPECT_EQ(data.labels[1], 1.0f);
  plx_data_free(&data);
}

TEST(RuntimeData, GzipCSV) {
  TempDir dir;
  std::string path = dir.path + "/d.csv.gz";
  gzFile f = gzopen(path.c_str(), "wb");
  gzputs(f, "0.5,1.5,2\n");
  gzclose(f);
  std::vector<int64_t> columns = {0, 1};
  plx_data_spec spec = csvSpec(path, 2, columns);
  plx_dataset data;
  char error[256] = {0};
  ASSERT_EQ(plx_data_load(&spec, &data, error, sizeof error), 0) << error;
  EXPECT_EQ(data.rows, 1);
  EXPECT_EQ(data.features[1], 1.5f);
  EXPECT_EQ(data.labels[0], 2.0f);
  plx_data_free(&data);
}

TEST(RuntimeData, CSVErrorsNameFileAndLine) {
  TempDir dir;
  std::vector<int64_t> columns = {0, 1};
  std::string ragged = dir.file("ragged.csv", "1,2,0\n1,2\n");
  EXPECT_EQ(loadError(csvSpec(ragged, 2, columns)),
            ragged + ":2: expected 3 columns, found 2");
  std::string text = dir.file("text.csv", "1,2,0\n1,two,0\n");
  EXPECT_EQ(loadError(csvSpec(text, 2, columns)),
            text + ":2: column 2 is not a number: 'two'");
  std::string empty = dir.file("empty.csv", "");
  EXPECT_EQ(loadError(csvSpec(empty, 2, columns)), empty + ": no data rows");
  std::string narrow = dir.file("narrow.csv", "1,2\n");
  EXPECT_EQ(loadError(csvSpec(narrow, 2, columns)),
            narrow + ": label column 2 is out of range (2 columns)");
  std::string missing = dir.path + "/missing.csv";
  EXPECT_EQ(loadError(csvSpec(missing, 2, columns)),
            missing + ": cannot open: No such file or directory");
}

std::string npy(const std::string &descr, const std::string &shape,
                const void *data, size_t bytes, bool fortran = false) {
  std::string header = "{'descr': '" + descr +
                       "', 'fortran_order': " + (fortran ? "True" : "False") +
                       ", 'shape': " + shape + ", }";
  while ((10 + header.size() + 1) % 64)
    header += ' ';
  header += '\n';
  std::string out = "\x93NUMPY";
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  out += header;
  out.append(static_cast<const char *>(data), bytes);
  return out;
}

TEST(RuntimeData, NPYDtypes) {
  TempDir dir;
  float f32[] = {1, 2, 3, 4, 5, 6};
  double f64[] = {1, 2, 3, 4, 5, 6};
  int32_t i32[] = {1, 2, 3, 4, 5, 6};
  int64_t i64[] = {1, 2, 3, 4, 5, 6};
  uint8_t u8[] = {1, 2, 3, 4, 5, 6};
  struct {
    const char *descr;
    const void *data;
    size_t bytes;
  } cases[] = {{"<f4", f32, sizeof f32},
               {"<f8", f64, sizeof f64},
               {"<i4", i32, sizeof i32},
               {"<i8", i64, sizeof i64},
               {"|u1", u8, sizeof u8}};
  for (auto &c : cases) {
    std::string x = dir.file("x.npy", npy(c.descr, "(2, 3)", c.data, c.bytes));
    std::string y = dir.file("y.npy", npy("<i8", "(2,)", i64, 16));
    plx_data_spec spec{};
    spec.kind = PLX_DATA_NPY;
    spec.path = x.c_str();
    spec.labels_path = y.c_str();
    plx_dataset data;
    char error[256] = {0};
    ASSERT_EQ(plx_data_load(&spec, &data, error, sizeof error), 0)
        << c.descr << ": " << error;
    EXPECT_EQ(data.rows, 2);
    EXPECT_EQ(data.cols, 3);
    EXPECT_EQ(data.features[5], 6.0f) << c.descr;
    EXPECT_EQ(data.labels[1], 2.0f);
    plx_data_free(&data);
  }
}

TEST(RuntimeData, NPYErrors) {
  TempDir dir;
  float f32[] = {1, 2, 3, 4};
  auto error = [&](const std::string &contents) {
    std::string x = dir.file("x.npy", contents);
    plx_data_spec spec{};
    spec.kind = PLX_DATA_NPY;
    spec.path = x.c_str();
    return loadError(spec).substr(x.size());
  };
  EXPECT_EQ(error("not numpy"), ": not an NPY file (bad magic)");
  EXPECT_EQ(error(npy("<c8", "(2, 2)", f32, 16)),
            ": unsupported dtype '<c8' (float32, float64, int32, int64, "
            "(u)int8 are)");
  EXPECT_EQ(error(npy("<f4", "(2, 2)", f32, 16, true)),
            ": Fortran order is not supported; save in C order");
  EXPECT_EQ(error(npy("<f4", "(2, 2)", f32, 12)),
            ": truncated data (expected 4 values)");
}

TEST(RuntimeData, RandomClassesAndTargets) {
  plx_data_spec spec{};
  spec.kind = PLX_DATA_RANDOM;
  spec.num_samples = 100;
  spec.num_features = 10;
  spec.num_classes = 10;
  spec.seed = 42;
  plx_dataset a, b;
  char error[64];
  ASSERT_EQ(plx_data_load(&spec, &a, error, sizeof error), 0);
  ASSERT_EQ(plx_data_load(&spec, &b, error, sizeof error), 0);
  EXPECT_EQ(0, std::memcmp(a.features, b.features, 1000 * sizeof(float)));
  std::set<float> classes(a.labels, a.labels + 100);
  EXPECT_EQ(classes.size(), 10u);
  EXPECT_EQ(*classes.begin(), 0.0f);
  EXPECT_EQ(*classes.rbegin(), 9.0f);
  plx_data_free(&a);
  plx_data_free(&b);
  spec.num_classes = 0;
  spec.num_targets = 2;
  ASSERT_EQ(plx_data_load(&spec, &a, error, sizeof error), 0);
  EXPECT_EQ(a.label_cols, 2);
  plx_data_free(&a);
}

TEST(RuntimeData, SplitIsSeededAndNormalizationFitsTrainOnly) {
  // Row i: features (i, 5), label i, so a row's label names its origin.
  std::vector<float> features, labels;
  for (int i = 0; i < 10; ++i) {
    features.push_back(i);
    features.push_back(5); // a constant column must not divide by zero
    labels.push_back(i);
  }
  plx_dataset all{features.data(), labels.data(), 10, 2, 1};
  plx_dataset train, test;
  std::vector<float> stats(4);
  plx_data_split_normalize(&all, 0.8, 7, PLX_NORM_MINMAX, &train, &test,
                           stats.data());
  ASSERT_EQ(train.rows, 8);
  ASSERT_EQ(test.rows, 2);
  // The range of column 0 is that of the training rows only.
  float lo = 9, hi = 0;
  for (int r = 0; r < 8; ++r) {
    lo = std::min(lo, train.labels[r]);
    hi = std::max(hi, train.labels[r]);
  }
  EXPECT_EQ(stats[0], lo);
  EXPECT_EQ(stats[1], hi);
  for (int r = 0; r < 8; ++r) {
    EXPECT_FLOAT_EQ(train.features[2 * r], (train.labels[r] - lo) / (hi - lo));
    EXPECT_EQ(train.features[2 * r + 1], 0.0f);
  }
  for (int r = 0; r < 2; ++r)
    EXPECT_FLOAT_EQ(test.features[2 * r], (test.labels[r] - lo) / (hi - lo));

  // Same seed, same split; another seed, another split.
  plx_dataset train2, test2;
  plx_data_split_normalize(&all, 0.8, 7, PLX_NORM_NONE, &train2, &test2,
                           nullptr);
  EXPECT_EQ(std::vector<float>(train.labels, train.labels + 8),
            std::vector<float>(train2.labels, train2.labels + 8));
  plx_data_free(&train2);
  plx_data_free(&test2);
  plx_data_split_normalize(&all, 0.8, 8, PLX_NORM_NONE, &train2, &test2,
                           nullptr);
  EXPECT_NE(std::vector<float>(train.labels, train.labels + 8),
            std::vector<float>(train2.labels, train2.labels + 8));
  plx_data_free(&train2);
  plx_data_free(&test2);
  plx_data_free(&train);
  plx_data_free(&test);

  // Standardization: zero mean, unit variance on the training part.
  plx_data_split_normalize(&all, 1.0, 0, PLX_NORM_STANDARD, &train, &test,
                           stats.data());
  EXPECT_EQ(test.rows, 0);
  EXPECT_FLOAT_EQ(stats[0], 4.5f);
  double mean = 0, var = 0;
  for (int r = 0; r < 10; ++r)
    mean += train.features[2 * r];
  for (int r = 0; r < 10; ++r)
    var += train.features[2 * r] * train.features[2 * r];
  EXPECT_NEAR(mean / 10, 0, 1e-6);
  EXPECT_NEAR(var / 10, 1, 1e-5);
  plx_data_free(&train);
  plx_data_free(&test);
}

TEST(RuntimeBatches, EveryRowOncePerEpochLastBatchSmaller) {
  std::vector<float> features(10), labels(10);
  for (int i = 0; i < 10; ++i)
    features[i] = labels[i] = i;
  plx_dataset data{features.data(), labels.data(), 10, 1, 1};
  for (int shuffle = 0; shuffle < 2; ++shuffle) {
    plx_batches b;
    plx_batches_init(&b, &data, 4, shuffle, 3);
    std::vector<int64_t> sizes;
    std::multiset<float> seen;
    std::vector<float> order;
    for (int64_t rows; (rows = plx_batches_next(&b)) > 0;) {
      sizes.push_back(rows);
      for (int64_t r = 0; r < rows; ++r) {
        EXPECT_EQ(b.x[r], b.y[r]);
        seen.insert(b.x[r]);
        order.push_back(b.x[r]);
      }
    }
    EXPECT_EQ(sizes, (std::vector<int64_t>{4, 4, 2}));
    EXPECT_EQ(seen, std::multiset<float>(features.begin(), features.end()));
    EXPECT_EQ(shuffle != 0, order != features);
    plx_batches_free(&b);
  }
}

TEST(RuntimeMetrics, AccuracyMSEMAE) {
  float outputs[] = {0.1f, 0.9f, 0.8f, 0.2f, 0.3f, 0.7f};
  float labels[] = {1, 0, 0};
  EXPECT_DOUBLE_EQ(plx_metric_accuracy(outputs, labels, 3, 2), 2.0 / 3);
  float p[] = {1, 2, 3}, t[] = {1, 4, 0};
  EXPECT_DOUBLE_EQ(plx_metric_mse(p, t, 3), (0 + 4 + 9) / 3.0);
  EXPECT_DOUBLE_EQ(plx_metric_mae(p, t, 3), (0 + 2 + 3) / 3.0);
}

TEST(RuntimeOutput, EpochLineAndPredictionsCSV) {
  TempDir dir;
  std::string out = dir.path + "/stdout";
  fflush(stdout);
  int saved = dup(fileno(stdout));
  ASSERT_NE(freopen(out.c_str(), "w", stdout), nullptr);
  const char *names[] = {"accuracy"};
  double values[] = {0.875};
  plx_print_epoch(3, 10, 0.41234, names, values, 1, 0.123);
  fflush(stdout);
  dup2(saved, fileno(stdout));
  close(saved);
  std::ifstream in(out);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "epoch 3/10  loss 0.4123  accuracy 0.8750  0.12s");

  float outputs[] = {0.25f, 0.75f, 0.5f, 0.125f};
  std::string csv = dir.path + "/p.csv";
  char error[256] = {0};
  ASSERT_EQ(plx_write_predictions_csv(csv.c_str(), outputs, 2, 2, 2, error,
                                      sizeof error),
            0)
      << error;
  std::ifstream f(csv);
  std::string all((std::istreambuf_iterator<char>(f)), {});
  EXPECT_EQ(all, "output0,output1,class\n0.25,0.75,1\n0.5,0.125,0\n");
  EXPECT_EQ(access((csv + ".tmp." + std::to_string(getpid())).c_str(), F_OK),
            -1)
      << "no temporary file is left behind";
}

const char *kDescriptor =
    "plexus 1\n"
    "model M%20x\n"
    "shape 3 2 1\n"
    "task classification\n"
    "loss categorical_crossentropy\n"
    "params 2 8\n"
    "param h.weight 0 1 3 2 2 3 2\n"
    "param h.bias 6 0 3 2 1 2\n"
    "optimizer adam 16 0.001 0 0 0.9 0.999 1e-07 0.9 0 0\n"
    "data d 0 /tmp/x%20y.csv % 1 44 3 3 2 0 0 1 0.8 5 0 "
    "3 0 1 2\n"
    "train d train 7 16 1 3 0\n"
    "metrics accuracy\n"
    "evaluate d test 32 loss accuracy\n"
    "predict d all out.csv\n"
    "future-record ignored\n";

TEST(RuntimeDescriptor, ParsesEveryRecord) {
  plx_model_info m;
  char error[256] = {0};
  ASSERT_EQ(plx_model_parse(kDescriptor, &m, error, sizeof error), 0) << error;
  EXPECT_STREQ(m.name, "M x");
  EXPECT_EQ(m.inputs, 3);
  EXPECT_EQ(m.outputs, 2);
  EXPECT_EQ(m.total_params, 8);
  ASSERT_EQ(m.num_params, 2);
  EXPECT_STREQ(m.params[0].name, "h.weight");
  EXPECT_EQ(m.params[0].dims[1], 2);
  EXPECT_EQ(m.params[1].offset, 6);
  EXPECT_STREQ(m.optimizer, "adam");
  EXPECT_EQ(m.state_size, 16);
  EXPECT_DOUBLE_EQ(m.lr, 0.001);
  EXPECT_DOUBLE_EQ(m.epsilon, 1e-7);
  ASSERT_EQ(m.num_data, 1);
  EXPECT_STREQ(m.data[0].spec.path, "/tmp/x y.csv");
  EXPECT_EQ(m.data[0].spec.labels_path, nullptr);
  EXPECT_EQ(m.data[0].spec.delimiter, ',');
  EXPECT_EQ(m.data[0].spec.label_column, 3);
  EXPECT_EQ(m.data[0].spec.feature_columns[2], 2);
  EXPECT_DOUBLE_EQ(m.data[0].spec.split, 0.8);
  EXPECT_EQ(m.train_data.part, PLX_PART_TRAIN);
  EXPECT_EQ(m.epochs, 7);
  EXPECT_EQ(m.batch, 16);
  ASSERT_EQ(m.num_evals, 1);
  EXPECT_EQ(m.evals[0].num_metrics, 2);
  ASSERT_EQ(m.num_predicts, 1);
  EXPECT_STREQ(m.predicts[0].output, "out.csv");
  plx_model_free(&m);

  EXPECT_NE(plx_model_parse("plexus 2\n", &m, error, sizeof error), 0);
  EXPECT_STREQ(error, "model descriptor version 2 is not supported");
  plx_model_free(&m);
}

TEST(RuntimeCheckpoint, RoundTripAndMismatches) {
  plx_model_info m;
  char error[256] = {0};
  ASSERT_EQ(plx_model_parse(kDescriptor, &m, error, sizeof error), 0);
  TempDir dir;
  std::string path = dir.path + "/m.safetensors";
  std::vector<float> params = {1, 2, 3, 4, 5, 6, 7, 8}, state(16, 0.5f);
  std::vector<float> stats = {0, 1, 2, 3, 4, 5};
  plx_checkpoint_meta meta = {42, 3, 7};
  ASSERT_EQ(plx_checkpoint_save(path.c_str(), &m, params.data(), state.data(),
                                stats.data(), 6, &meta, error, sizeof error),
            0)
      << error;
  // The safetensors layout: 8-byte header length, JSON, aligned data.
  std::ifstream f(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(f)), {});
  uint64_t headerLength;
  std::memcpy(&headerLength, bytes.data(), 8);
  EXPECT_EQ(headerLength % 8, 0u);
  EXPECT_EQ(bytes.size(), 8 + headerLength + (8 + 16 + 6) * 4);
  std::string header = bytes.substr(8, headerLength);
  EXPECT_NE(header.find("\"h.weight\":{\"dtype\":\"F32\",\"shape\":[3,2],"
                        "\"data_offsets\":[0,24]}"),
            std::string::npos)
      << header;

  std::vector<float> loaded(8), loadedState(16), loadedStats(6);
  int64_t count = 0;
  plx_checkpoint_meta loadedMeta = {0, 0, 0};
  ASSERT_EQ(plx_checkpoint_load(path.c_str(), &m, loaded.data(),
                                loadedState.data(), loadedStats.data(), &count,
                                &loadedMeta, error, sizeof error),
            0)
      << error;
  EXPECT_EQ(loaded, params);
  EXPECT_EQ(loadedState, state);
  EXPECT_EQ(count, 6);
  EXPECT_EQ(loadedStats, stats);
  EXPECT_EQ(loadedMeta.step, 42);
  EXPECT_EQ(loadedMeta.epoch, 3);
  EXPECT_EQ(loadedMeta.seed, 7u);

  // A checkpoint of another shape names the tensor and both shapes.
  m.params[0].dims[1] = 3;
  EXPECT_NE(plx_checkpoint_load(path.c_str(), &m, loaded.data(), nullptr,
                                nullptr, nullptr, nullptr, error, sizeof error),
            0);
  EXPECT_EQ(std::string(error),
            path + ": tensor 'h.weight' has shape [3, 2], expected [3, 3]");
  m.params[0].dims[1] = 2;
  std::strcpy(m.name, "Other");
  EXPECT_NE(plx_checkpoint_load(path.c_str(), &m, loaded.data(), nullptr,
                                nullptr, nullptr, nullptr, error, sizeof error),
            0);
  EXPECT_EQ(std::string(error), path + ": checkpoint is not of model 'Other'");
  plx_model_free(&m);
}

} // namespace

namespace {

TEST(RuntimeSchedule, StepExponentialCosineWarmup) {
  plx_model_info m;
  std::memset(&m, 0, sizeof m);
  EXPECT_DOUBLE_EQ(plx_schedule_lr(&m, 0.1, 7, 10), 0.1) << "constant";
  std::strcpy(m.schedule, "step_decay");
  m.schedule_every = 3;
  m.schedule_factor = 0.5;
  EXPECT_DOUBLE_EQ(plx_schedule_lr(&m, 0.1, 3, 10), 0.1);
  EXPECT_DOUBLE_EQ(plx_schedule_lr(&m, 0.1, 4, 10), 0.05);
  EXPECT_DOUBLE_EQ(plx_schedule_lr(&m, 0.1, 7, 10), 0.025);
  std::strcpy(m.schedule, "exponential");
  m.schedule_factor = 0.9;
  EXPECT_DOUBLE_EQ(plx_schedule_lr(&m, 1.0, 1, 10), 1.0);
  EXPECT_NEAR(plx_schedule_lr(&m, 1.0, 3, 10), 0.81, 1e-12);
  std::strcpy(m.schedule, "cosine");
  m.schedule_min_lr = 0.01;
  EXPECT_DOUBLE_EQ(plx_schedule_lr(&m, 0.1, 1, 10), 0.1);
  EXPECT_NEAR(plx_schedule_lr(&m, 0.1, 6, 10), 0.055, 1e-12);
  m.warmup = 4;
  EXPECT_NEAR(plx_schedule_lr(&m, 0.1, 1, 10), 0.025, 1e-12);
  EXPECT_NEAR(plx_schedule_lr(&m, 0.1, 2, 10),
              0.5 * (0.01 + 0.09 * 0.5 * (1 + std::cos(M_PI / 10))), 1e-12);
}

TEST(RuntimeMetrics, TopKAndMacroAverages) {
  // Three rows, three classes; labels 0, 1, 2.
  const float outputs[] = {0.6f, 0.3f, 0.1f,  // predicts 0 (right)
                           0.5f, 0.4f, 0.1f,  // predicts 0, label 1 second
                           0.2f, 0.3f, 0.5f}; // predicts 2 (right)
  const float labels[] = {0, 1, 2};
  EXPECT_EQ(plx_argmax(outputs + 3, 3), 0);
  const float tie[] = {0.1f, 0.7f, 0.7f};
  EXPECT_EQ(plx_argmax(tie, 3), 1) << "the first of equal maxima";
  EXPECT_DOUBLE_EQ(plx_metric_top_k(outputs, labels, 3, 3, 1), 2.0 / 3);
  EXPECT_DOUBLE_EQ(plx_metric_top_k(outputs, labels, 3, 3, 2), 1.0);
  int64_t counts[9] = {0};
  plx_confusion_add(counts, outputs, labels, 3, 3);
  EXPECT_EQ(counts[0 * 3 + 0], 1);
  EXPECT_EQ(counts[1 * 3 + 0], 1);
  EXPECT_EQ(counts[2 * 3 + 2], 1);
  // Precision: class 0 1/2, class 1 0 (never predicted, but occurs),
  // class 2 1. Recall: 1, 0, 1. F1: 2/3, 0, 1.
  EXPECT_DOUBLE_EQ(plx_metric_macro(counts, 3, PLX_MACRO_PRECISION), 0.5);
  EXPECT_DOUBLE_EQ(plx_metric_macro(counts, 3, PLX_MACRO_RECALL), 2.0 / 3);
  EXPECT_DOUBLE_EQ(plx_metric_macro(counts, 3, PLX_MACRO_F1),
                   (2.0 / 3 + 1) / 3);
}

} // namespace

//===----------------------------------------------------------------------===//
// The memory plan's buffers (plan.c)
//===----------------------------------------------------------------------===//

extern "C" void _mlir_ciface_plx_buffer(plx_memref_bytes *out, int64_t slot,
                                        int64_t bytes);

TEST(PlanBuffers, SlotsKeepTheirBufferAndGrowWhenNeeded) {
  plx_memref_bytes a, b, again, bigger, empty;
  _mlir_ciface_plx_buffer(&a, 0, 1000);
  _mlir_ciface_plx_buffer(&b, 40, 64); // slots beyond the table grow it
  EXPECT_EQ(a.size, 1000);
  EXPECT_EQ(a.stride, 1);
  EXPECT_EQ(a.offset, 0);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a.aligned) % 64, 0u);
  EXPECT_NE(a.aligned, b.aligned);
  // The steady state: the same slot and size, the same memory.
  _mlir_ciface_plx_buffer(&again, 0, 1000);
  EXPECT_EQ(again.aligned, a.aligned);
  _mlir_ciface_plx_buffer(&again, 0, 10); // smaller: reused
  EXPECT_EQ(again.aligned, a.aligned);
  // A larger batch grows the slot; the buffer is writable in full.
  _mlir_ciface_plx_buffer(&bigger, 0, 1 << 20);
  EXPECT_EQ(bigger.size, 1 << 20);
  memset(bigger.aligned, 0xab, 1 << 20);
  _mlir_ciface_plx_buffer(&empty, 1, 0); // an empty batch: still a buffer
  EXPECT_NE(empty.aligned, nullptr);
}

extern "C" int64_t plx_params_version(void);
extern "C" void plx_params_changed(void);

// The generated code keeps packed weights while this version stays the same
// (codegen/CPU/PanelCache.h); its "never packed" key is -1.
TEST(PlanBuffers, ParamsVersionChangesWithEveryWrite) {
  int64_t before = plx_params_version();
  EXPECT_GE(before, 0);
  EXPECT_EQ(plx_params_version(), before); // reading changes nothing
  plx_params_changed();
  EXPECT_EQ(plx_params_version(), before + 1);
  plx_params_changed();
  EXPECT_EQ(plx_params_version(), before + 2);
}
