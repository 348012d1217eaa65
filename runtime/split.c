/*===- split.c - Train/test splits and normalization ----------------------===*
 *
 * The rows are split by a seeded Fisher-Yates permutation; normalization
 * statistics are fitted on the training part only and applied to both
 * parts, so no information from the test rows leaks into training.
 *
 *===----------------------------------------------------------------------===*/

#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Copies rows `rows[0..count)` of `all` into a new data set `out`. */
static int take_rows(const plx_dataset *all, const int64_t *rows, int64_t count,
                     plx_dataset *out) {
  memset(out, 0, sizeof *out);
  size_t feature_bytes = plx_array_bytes(count * all->cols, sizeof(float));
  size_t label_bytes = plx_array_bytes(count * all->label_cols, sizeof(float));
  out->features = feature_bytes ? malloc(feature_bytes) : NULL;
  out->labels = label_bytes ? malloc(label_bytes) : NULL;
  if (!out->features || !out->labels) {
    plx_data_free(out);
    return 1;
  }
  out->rows = count;
  out->cols = all->cols;
  out->label_cols = all->label_cols;
  for (int64_t r = 0; r < count; ++r) {
    if (all->cols)
      memcpy(out->features + r * all->cols, all->features + rows[r] * all->cols,
             (size_t)all->cols * sizeof(float));
    if (all->label_cols)
      memcpy(out->labels + r * all->label_cols,
             all->labels + rows[r] * all->label_cols,
             (size_t)all->label_cols * sizeof(float));
  }
  return 0;
}

/* Fits the statistics of column `c` on `train`: (min, max) or (mean,
 * standard deviation). A constant column gets a range or deviation of
 * exactly 0, which the normalization maps to 0 instead of dividing by it. */
static void fit_column(const plx_dataset *train, int64_t c,
                       plx_normalization normalize, float *first,
                       float *second) {
  int64_t rows = train->rows, cols = train->cols;
  if (rows == 0) {
    *first = *second = 0.0f;
    return;
  }
  float lo = train->features[c], hi = lo;
  for (int64_t r = 1; r < rows; ++r) {
    float v = train->features[r * cols + c];
    lo = v < lo ? v : lo;
    hi = v > hi ? v : hi;
  }
  if (normalize == PLX_NORM_MINMAX) {
    *first = lo;
    *second = hi;
    return;
  }
  if (!(hi > lo)) {
    /* Constant (computing the mean in floating point could leave a
     * deviation of one rounding error, and dividing by that would blow
     * the column up). */
    *first = lo;
    *second = 0.0f;
    return;
  }
  double mean = 0, var = 0;
  for (int64_t r = 0; r < rows; ++r)
    mean += train->features[r * cols + c];
  mean /= (double)rows;
  for (int64_t r = 0; r < rows; ++r) {
    double d = train->features[r * cols + c] - mean;
    var += d * d;
  }
  *first = (float)mean;
  *second = (float)sqrt(var / (double)rows);
}

/* Applies the statistics of one column; the same float arithmetic as for
 * statistics read back from a checkpoint, so both agree to the bit. */
static void apply_column(plx_dataset *d, int64_t c, plx_normalization normalize,
                         float a, float b) {
  for (int64_t r = 0; r < d->rows; ++r) {
    float *v = &d->features[r * d->cols + c];
    if (normalize == PLX_NORM_MINMAX)
      *v = b > a ? (*v - a) / (b - a) : 0.0f;
    else
      *v = b > 0 ? (*v - a) / b : *v - a;
  }
}

void plx_normalize_apply(plx_dataset *data, plx_normalization normalize,
                         const float *stats) {
  if (normalize != PLX_NORM_MINMAX && normalize != PLX_NORM_STANDARD)
    return;
  for (int64_t c = 0; c < data->cols; ++c)
    apply_column(data, c, normalize, stats[2 * c], stats[2 * c + 1]);
}

void plx_data_split_normalize(const plx_dataset *all, double fraction,
                              uint64_t seed, plx_normalization normalize,
                              plx_dataset *train, plx_dataset *test,
                              float *stats) {
  if (!train || !test)
    return;
  memset(train, 0, sizeof *train);
  memset(test, 0, sizeof *test);
  if (!all || all->rows < 0 || all->cols < 0 || all->label_cols < 0)
    return;
  int64_t n = all->rows;
  size_t order_bytes = plx_array_bytes(n, sizeof(int64_t));
  int64_t *order = order_bytes ? malloc(order_bytes) : NULL;
  if (!order)
    return;
  for (int64_t i = 0; i < n; ++i)
    order[i] = i;
  /* As in a data spec, a fraction of 0 (or anything outside (0, 1)) means
   * no split: every row, in order, is training data. */
  int64_t train_rows = n;
  if (fraction > 0 && fraction < 1) {
    plx_rng rng;
    plx_rng_seed(&rng, seed ^ 0x5eed5eed5eedull);
    plx_shuffle(order, n, &rng);
    train_rows = (int64_t)llround(fraction * (double)n);
  }
  int failed = take_rows(all, order, train_rows, train) ||
               take_rows(all, order + train_rows, n - train_rows, test);
  free(order);
  if (failed) {
    /* Out of memory: both parts are left empty (features == NULL). */
    plx_data_free(train);
    plx_data_free(test);
    return;
  }
  if (normalize != PLX_NORM_MINMAX && normalize != PLX_NORM_STANDARD)
    return;
  for (int64_t c = 0; c < all->cols; ++c) {
    float a, b;
    fit_column(train, c, normalize, &a, &b);
    if (stats) {
      stats[2 * c] = a;
      stats[2 * c + 1] = b;
    }
    apply_column(train, c, normalize, a, b);
    apply_column(test, c, normalize, a, b);
  }
}
