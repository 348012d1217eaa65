/*===- plexus/runtime.h - The C ABI between generated code and runtime ---===*
 *
 * A program compiled by plexc is one object file of generated code linked
 * with libPlexusRuntime.a. The runtime owns main(): it parses the command
 * line, loads data, initialises parameters and drives training, evaluation
 * and prediction. The generated object provides, as plain data and
 * functions, the description of one model (`plx_model`) and its compiled
 * kernels. The runtime knows nothing about models beyond this header.
 *
 * All tensors are float32, row-major, contiguous.
 *
 *===----------------------------------------------------------------------===*/

#ifndef PLEXUS_RUNTIME_H
#define PLEXUS_RUNTIME_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/*--- Data sets ------------------------------------------------------------*/

typedef enum {
  PLX_DATA_CSV = 0,
  PLX_DATA_NPY = 1,
  PLX_DATA_RANDOM = 2,
  PLX_DATA_IDX = 3,
} plx_data_kind;

typedef enum {
  PLX_NORM_NONE = 0,
  PLX_NORM_MINMAX = 1,
  PLX_NORM_STANDARD = 2,
} plx_normalization;

/* A data source as declared in the model file (resolved by the compiler). */
typedef struct {
  plx_data_kind kind;
  const char *path;        /* CSV (optionally .gz), NPY or IDX features */
  const char *labels_path; /* NPY or IDX labels file, or NULL */
  int32_t header;          /* CSV: skip the first line */
  char delimiter;          /* CSV */
  int64_t label_column;    /* CSV: column of the label, -1: none */
  int64_t one_hot;         /* CSV: > 1 if the label is that many one-hot
                              columns from label_column, read as the class */
  const int64_t *feature_columns; /* CSV: num_features column indices */
  int64_t num_features;
  int64_t num_classes; /* > 0: classification with this many classes */
  int64_t num_targets; /* regression targets per sample (random data) */
  int64_t num_samples; /* random data only */
  plx_normalization normalize;
  double split; /* fraction in the training split; 0: no split */
  uint64_t seed;
} plx_data_spec;

/* A loaded data set: features (rows x cols) and labels (rows x label_cols;
 * class indices stored as floats for classification). */
typedef struct {
  float *features;
  float *labels;
  int64_t rows;
  int64_t cols;
  int64_t label_cols;
} plx_dataset;

/* Loads `spec` into `out`. On failure returns non-zero and writes a message
 * naming the file and the problem into `error` (size `error_size`). */
int plx_data_load(const plx_data_spec *spec, plx_dataset *out, char *error,
                  size_t error_size);

/* Splits `all` into train/test parts by a seeded permutation (`fraction` of
 * the rows go to `train`), then fits the normalization on `train` only and
 * applies it to both. `stats` receives 2*cols floats (min/max or
 * mean/stddev) when non-NULL. */
void plx_data_split_normalize(const plx_dataset *all, double fraction,
                              uint64_t seed, plx_normalization normalize,
                              plx_dataset *train, plx_dataset *test,
                              float *stats);

void plx_data_free(plx_dataset *data);

/*--- Batching -------------------------------------------------------------*/

/* Iterates over mini-batches of a data set in a (seeded, optionally
 * shuffled) order; the last batch may be smaller. */
typedef struct {
  const plx_dataset *data;
  int64_t batch_size;
  int64_t position;
  int64_t *order;
  float *x; /* batch_size x cols */
  float *y; /* batch_size x label_cols */
} plx_batches;

void plx_batches_init(plx_batches *b, const plx_dataset *data,
                      int64_t batch_size, int shuffle, uint64_t seed);
/* Fills b->x / b->y with the next batch; returns its row count, 0 at end. */
int64_t plx_batches_next(plx_batches *b);
void plx_batches_free(plx_batches *b);

/*--- Random numbers and initialisation ------------------------------------*/

/* A small, fast, deterministic generator (splitmix64 seeding xoshiro256**),
 * identical on every platform. */
typedef struct {
  uint64_t s[4];
} plx_rng;

void plx_rng_seed(plx_rng *rng, uint64_t seed);
uint64_t plx_rng_next(plx_rng *rng);
/* Uniform in [0, 1). */
double plx_rng_uniform(plx_rng *rng);

typedef enum {
  PLX_INIT_ZEROS = 0,
  PLX_INIT_GLOROT_UNIFORM = 1, /* U(-a, a), a = sqrt(6 / (fan_in + fan_out)) */
  PLX_INIT_HE_UNIFORM = 2,     /* U(-a, a), a = sqrt(6 / fan_in) */
  PLX_INIT_ONES = 3,           /* normalization scales */
  PLX_INIT_SMALL_UNIFORM = 4,  /* U(-0.05, 0.05), embedding tables (Keras) */
} plx_init_kind;

void plx_init_tensor(float *data, int64_t count, plx_init_kind kind,
                     int64_t fan_in, int64_t fan_out, plx_rng *rng);

/*--- Metrics --------------------------------------------------------------*/

/* Fraction of rows whose arg-max output equals the integer label. */
/* The index of the largest of `n` values, the first of equal maxima: the
 * predicted class of a row of outputs. */
int64_t plx_argmax(const float *values, int64_t n);

/* Whether a metric ("loss", "val_accuracy", ...) improves downwards, as
 * losses and errors do, rather than upwards. */
int plx_metric_lower_is_better(const char *name);

/* Fraction of rows whose label is among the k highest outputs. */
double plx_metric_top_k(const float *outputs, const float *labels, int64_t rows,
                        int64_t classes, int64_t k);

/* Adds rows to a classes x classes confusion matrix (true, predicted). */
void plx_confusion_add(int64_t *counts, const float *outputs,
                       const float *labels, int64_t rows, int64_t classes);

typedef enum {
  PLX_MACRO_PRECISION,
  PLX_MACRO_RECALL,
  PLX_MACRO_F1
} plx_macro_metric;

/* Precision, recall or F1, averaged over the classes (macro) of a
 * confusion matrix. */
double plx_metric_macro(const int64_t *counts, int64_t classes,
                        plx_macro_metric which);

double plx_metric_accuracy(const float *outputs, const float *labels,
                           int64_t rows, int64_t classes);
double plx_metric_mse(const float *outputs, const float *targets,
                      int64_t count);
double plx_metric_mae(const float *outputs, const float *targets,
                      int64_t count);

/*--- Output ---------------------------------------------------------------*/

/* The progress line, in a stable, parseable form:
 *   epoch 3/10  loss 0.4123  accuracy 0.8750  0.12s
 * `names`/`values` hold `count` metrics after the loss. */
void plx_print_epoch(int64_t epoch, int64_t epochs, double loss,
                     const char *const *names, const double *values, int count,
                     double seconds);

/* Writes predictions as CSV: one row per sample with the outputs, plus the
 * predicted class (arg-max) when `classes` > 0. Returns non-zero on error. */
/* Writes `path` through `write` into a temporary file in the same
 * directory and renames it, so that no reader sees a half-written file. */
int plx_write_atomically(const char *path, int (*write)(FILE *f, void *context),
                         void *context, char *error, size_t error_size);

/* An SVG line chart of per-epoch metrics: `values` holds `num_series`
 * rows of `epochs` values; losses and errors on one panel, the other
 * metrics on a second, validation series dashed. */
int plx_plot_curves(const char *path, const char *title, int64_t epochs,
                    const char *const *names, const double *values,
                    int num_series, char *error, size_t error_size);

/* An SVG scatter of features `fx` and `fy` of each row, coloured by class. */
int plx_plot_scatter(const char *path, const char *title, const float *features,
                     int64_t rows, int64_t cols, int64_t fx, int64_t fy,
                     const int64_t *classes, int64_t num_classes, char *error,
                     size_t error_size);

/* Predictions as NPY: `path` holds the float32 outputs [rows, cols]; for a
 * classifier (`classes` > 0), `<stem>.classes.npy` the int64 classes. */
int plx_write_predictions_npy(const char *path, const float *outputs,
                              int64_t rows, int64_t cols, int classes,
                              char *error, size_t error_size);

int plx_write_predictions_csv(const char *path, const float *outputs,
                              int64_t rows, int64_t cols, int classes,
                              char *error, size_t error_size);

/* Monotonic seconds. */
double plx_time_seconds(void);

#ifdef __cplusplus
}
#endif

#endif /* PLEXUS_RUNTIME_H */
