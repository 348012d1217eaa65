/*===- data.c - Loading data sets: CSV, NPY, IDX and random data ---------===*
 *
 * Every error names the file and the problem (with the line for CSV, see
 * csv.c; NPY in npy.c). Labels are stored as floats: class indices for
 * classification, values for regression.
 *
 *===----------------------------------------------------------------------===*/

#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Random data: features uniform in [0, 1); class labels uniform over the
 * classes, or regression targets that are a fixed seeded linear function of
 * the features (weights uniform in [-1, 1)), so that a model can learn
 * them. */
static int load_random(const plx_data_spec *spec, plx_dataset *out, char *error,
                       size_t size) {
  int64_t rows = spec->num_samples, cols = spec->num_features;
  int classify = spec->num_classes > 0;
  int64_t targets = classify ? 1 : spec->num_targets;
  if (rows < 1)
    return plx_fail(error, size,
                    "random data: %lld samples; expected at least 1",
                    (long long)rows);
  if (cols < 1)
    return plx_fail(error, size,
                    "random data: %lld features; expected at least 1",
                    (long long)cols);
  if (targets < 1)
    return plx_fail(error, size,
                    "random data: needs classes (classification) or targets "
                    "(regression)");
  size_t feature_bytes = 0, label_bytes = 0, weight_bytes = 0;
  if (cols <= INT64_MAX / rows && targets <= INT64_MAX / rows &&
      targets <= INT64_MAX / cols) {
    feature_bytes = plx_array_bytes(rows * cols, sizeof(float));
    label_bytes = plx_array_bytes(rows * targets, sizeof(float));
    weight_bytes = plx_array_bytes(cols * targets, sizeof(double));
  }
  if (!feature_bytes || !label_bytes || !weight_bytes)
    return plx_fail(error, size, "random data: too large");
  out->features = malloc(feature_bytes);
  out->labels = malloc(label_bytes);
  double *weights = malloc(weight_bytes);
  if (!out->features || !out->labels || !weights) {
    free(weights);
    plx_data_free(out);
    return plx_fail(error, size, "random data: out of memory");
  }
  plx_rng rng;
  plx_rng_seed(&rng, spec->seed);
  /* Drawn for classification too, so that the features of a seed do not
   * depend on the task. */
  for (int64_t i = 0; i < cols * targets; ++i)
    weights[i] = 2.0 * plx_rng_uniform(&rng) - 1.0;
  for (int64_t r = 0; r < rows; ++r) {
    float *x = out->features + r * cols;
    for (int64_t c = 0; c < cols; ++c)
      x[c] = (float)plx_rng_uniform(&rng);
    if (classify) {
      out->labels[r] =
          (float)(plx_rng_next(&rng) % (uint64_t)spec->num_classes);
      continue;
    }
    for (int64_t t = 0; t < targets; ++t) {
      double v = 0;
      for (int64_t c = 0; c < cols; ++c)
        v += weights[t * cols + c] * x[c];
      out->labels[r * targets + t] = (float)v;
    }
  }
  free(weights);
  out->rows = rows;
  out->cols = cols;
  out->label_cols = targets;
  return 0;
}

typedef int (*array_loader)(const char *path, float **data, int64_t *rows,
                            int64_t *cols, char *error, size_t size);

/* Features from one NPY (or IDX) file, labels (if any) from another. */
static int load_pair(const plx_data_spec *spec, array_loader load,
                     plx_dataset *out, char *error, size_t size) {
  int64_t rows = 0, cols = 0;
  if (load(spec->path, &out->features, &rows, &cols, error, size))
    return 1;
  out->rows = rows;
  out->cols = cols;
  if (rows == 0) {
    plx_data_free(out);
    return plx_fail(error, size, "%s: no samples", spec->path);
  }
  if (!spec->labels_path) {
    out->labels = calloc(1, sizeof(float)); /* never NULL */
    if (!out->labels) {
      plx_data_free(out);
      return plx_fail(error, size, "%s: out of memory", spec->path);
    }
    return 0;
  }
  int64_t label_rows = 0, label_cols = 0;
  if (load(spec->labels_path, &out->labels, &label_rows, &label_cols, error,
           size)) {
    plx_data_free(out);
    return 1;
  }
  if (label_rows != rows) {
    plx_data_free(out);
    return plx_fail(error, size, "%s: %lld labels for %lld samples in %s",
                    spec->labels_path, (long long)label_rows, (long long)rows,
                    spec->path);
  }
  out->label_cols = label_cols;
  if (spec->num_classes > 0) {
    for (int64_t i = 0; i < rows * label_cols; ++i) {
      float v = out->labels[i];
      if (v < 0 || v >= (float)spec->num_classes || v != floorf(v)) {
        plx_fail(error, size,
                 "%s: label %g at index %lld is not an integer in [0, %lld)",
                 spec->labels_path, (double)v, (long long)i,
                 (long long)spec->num_classes);
        plx_data_free(out);
        return 1;
      }
    }
  }
  return 0;
}

int plx_data_load(const plx_data_spec *spec, plx_dataset *out, char *error,
                  size_t error_size) {
  if (error && error_size)
    error[0] = '\0';
  if (!out)
    return plx_fail(error, error_size, "no data set to load into");
  memset(out, 0, sizeof *out);
  if (!spec)
    return plx_fail(error, error_size, "no data source");
  switch (spec->kind) {
  case PLX_DATA_RANDOM:
    return load_random(spec, out, error, error_size);
  case PLX_DATA_CSV:
    if (!spec->path || !spec->path[0])
      return plx_fail(error, error_size, "CSV data without a file name");
    return plx_load_csv(spec, out, error, error_size);
  case PLX_DATA_NPY:
    if (!spec->path || !spec->path[0])
      return plx_fail(error, error_size, "NPY data without a file name");
    return load_pair(spec, plx_load_npy, out, error, error_size);
  case PLX_DATA_IDX:
    if (!spec->path || !spec->path[0])
      return plx_fail(error, error_size, "IDX data without a file name");
    return load_pair(spec, plx_load_idx, out, error, error_size);
  }
  return plx_fail(error, error_size, "unknown kind of data source %d",
                  (int)spec->kind);
}

void plx_data_free(plx_dataset *data) {
  if (!data)
    return;
  free(data->features);
  free(data->labels);
  memset(data, 0, sizeof *data);
}
