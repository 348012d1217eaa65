/*===- data.c - Loading CSV (plain or gzip), NPY and random data ----------===*
 *
 * Every error names the file and the problem, with the line for CSV.
 * Labels are stored as floats: class indices for classification, values for
 * regression.
 *
 *===----------------------------------------------------------------------===*/

#include "model.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* A growable float array. */
typedef struct {
  float *data;
  size_t count, capacity;
} floats;

static int push(floats *a, float v) {
  if (a->count == a->capacity) {
    size_t capacity = a->capacity ? 2 * a->capacity : 1024;
    float *p = realloc(a->data, capacity * sizeof(float));
    if (!p)
      return 1;
    a->data = p;
    a->capacity = capacity;
  }
  a->data[a->count++] = v;
  return 0;
}

/* Reads one line of any length; returns NULL at the end of the file. */
static char *read_line(gzFile f, char **buffer, size_t *capacity) {
  size_t length = 0;
  for (;;) {
    if (*capacity - length < 2) {
      size_t grown = *capacity ? 2 * *capacity : 4096;
      char *p = realloc(*buffer, grown);
      if (!p)
        return NULL;
      *buffer = p;
      *capacity = grown;
    }
    if (!gzgets(f, *buffer + length, (int)(*capacity - length)))
      return length ? *buffer : NULL;
    length += strlen(*buffer + length);
    if (length && (*buffer)[length - 1] == '\n')
      break;
  }
  while (length &&
         ((*buffer)[length - 1] == '\n' || (*buffer)[length - 1] == '\r'))
    (*buffer)[--length] = '\0';
  return *buffer;
}

static int load_csv(const plx_data_spec *spec, plx_dataset *out, char *error,
                    size_t size) {
  gzFile f = gzopen(spec->path, "rb");
  if (!f)
    return plx_fail(error, size, "%s: cannot open: %s", spec->path,
                strerror(errno ? errno : ENOENT));
  char *line = NULL;
  size_t capacity = 0;
  floats features = {0}, labels = {0};
  int64_t expected = -1, rows = 0, number = 0;
  double *fields = NULL;
  int rc = 0;
  while (!rc && read_line(f, &line, &capacity)) {
    ++number;
    if (number == 1 && spec->header)
      continue;
    if (line[strspn(line, " \t")] == '\0')
      continue; /* blank lines, e.g. at the end */
    int64_t count = 1;
    for (char *p = line; *p; ++p)
      count += *p == spec->delimiter;
    if (expected < 0) {
      expected = count;
      fields = malloc((size_t)count * sizeof(double));
      if (!fields) {
        rc = plx_fail(error, size, "%s: out of memory", spec->path);
        break;
      }
    } else if (count != expected) {
      rc = plx_fail(error, size, "%s:%lld: expected %lld columns, found %lld",
                spec->path, (long long)number, (long long)expected,
                (long long)count);
      break;
    }
    char *p = line;
    for (int64_t c = 0; c < count && !rc; ++c) {
      char *end = NULL;
      errno = 0;
      fields[c] = strtod(p, &end);
      while (end && (*end == ' ' || *end == '\t'))
        ++end;
      if (end == p || errno == ERANGE ||
          (*end != spec->delimiter && *end != '\0')) {
        int width = 0;
        while (p[width] && p[width] != spec->delimiter && width < 40)
          ++width;
        rc = plx_fail(error, size, "%s:%lld: column %lld is not a number: '%.*s'",
                  spec->path, (long long)number, (long long)c + 1, width, p);
        break;
      }
      p = *end ? end + 1 : end;
    }
    if (rc)
      break;
    if (spec->label_column >= expected) {
      rc = plx_fail(error, size,
                "%s: label column %lld is out of range (%lld "
                "columns)",
                spec->path, (long long)spec->label_column, (long long)expected);
      break;
    }
    for (int64_t i = 0; i < spec->num_features && !rc; ++i) {
      int64_t c = spec->feature_columns ? spec->feature_columns[i] : i;
      if (c >= expected) {
        rc = plx_fail(error, size,
                  "%s: feature column %lld is out of range "
                  "(%lld columns)",
                  spec->path, (long long)c, (long long)expected);
        break;
      }
      rc = push(&features, (float)fields[c]);
    }
    if (!rc && spec->label_column >= 0)
      rc = push(&labels, (float)fields[spec->label_column]);
    if (rc && !error[0])
      plx_fail(error, size, "%s: out of memory", spec->path);
    ++rows;
  }
  int gz_error = 0;
  const char *gz_message = gzerror(f, &gz_error);
  if (!rc && gz_error != Z_OK && gz_error != Z_STREAM_END)
    rc = plx_fail(error, size, "%s: read error: %s", spec->path, gz_message);
  gzclose(f);
  free(line);
  free(fields);
  if (!rc && rows == 0)
    rc = plx_fail(error, size, "%s: no data rows", spec->path);
  if (rc) {
    free(features.data);
    free(labels.data);
    return 1;
  }
  out->features = features.data;
  out->labels = labels.data;
  out->rows = rows;
  out->cols = spec->num_features;
  out->label_cols = spec->label_column >= 0 ? 1 : 0;
  if (!out->labels)
    out->labels = calloc(1, sizeof(float));
  return 0;
}

/* Reads a whole NPY array as floats; `rows`/`cols` from its shape. */
static int load_npy(const char *path, float **data, int64_t *rows,
                    int64_t *cols, char *error, size_t size) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return plx_fail(error, size, "%s: cannot open: %s", path, strerror(errno));
  unsigned char magic[10];
  int rc = 0;
  char *header = NULL;
  void *raw = NULL;
  if (fread(magic, 1, 10, f) != 10 || memcmp(magic, "\x93NUMPY", 6) != 0) {
    rc = plx_fail(error, size, "%s: not an NPY file (bad magic)", path);
    goto done;
  }
  size_t header_length = magic[8] | (size_t)magic[9] << 8;
  if (magic[6] >= 2) {
    unsigned char more[2];
    if (fread(more, 1, 2, f) != 2) {
      rc = plx_fail(error, size, "%s: truncated NPY header", path);
      goto done;
    }
    header_length |= (size_t)more[0] << 16 | (size_t)more[1] << 24;
  }
  header = calloc(header_length + 1, 1);
  if (!header || fread(header, 1, header_length, f) != header_length) {
    rc = plx_fail(error, size, "%s: truncated NPY header", path);
    goto done;
  }
  if (strstr(header, "'fortran_order': True")) {
    rc = plx_fail(error, size,
              "%s: Fortran order is not supported; save in C "
              "order",
              path);
    goto done;
  }
  char dtype[8] = {0};
  const char *d = strstr(header, "'descr':");
  const char *s = strstr(header, "'shape':");
  if (!d || !s || sscanf(d + 8, " '%7[^']'", dtype) != 1) {
    rc = plx_fail(error, size, "%s: malformed NPY header", path);
    goto done;
  }
  static const struct {
    const char *name;
    size_t bytes;
  } kinds[] = {{"<f4", 4}, {"<f8", 8}, {"<i4", 4},
               {"<i8", 8}, {"|u1", 1}, {"|i1", 1}};
  size_t bytes = 0;
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; ++i)
    if (strcmp(dtype, kinds[i].name) == 0)
      bytes = kinds[i].bytes;
  if (!bytes) {
    rc = plx_fail(error, size,
              "%s: unsupported dtype '%s' (float32, float64, "
              "int32, int64, (u)int8 are)",
              path, dtype);
    goto done;
  }
  const char *p = strchr(s, '(');
  int64_t dims[8];
  int rank = 0;
  for (++p; p && *p && *p != ')' && rank < 8;) {
    char *end;
    long long v = strtoll(p, &end, 10);
    if (end == p)
      break;
    dims[rank++] = v;
    p = end;
    while (*p == ',' || *p == ' ')
      ++p;
  }
  if (rank == 0) {
    rc = plx_fail(error, size, "%s: holds a scalar, expected samples", path);
    goto done;
  }
  *rows = dims[0];
  *cols = 1;
  for (int i = 1; i < rank; ++i)
    *cols *= dims[i];
  size_t count = (size_t)(*rows * *cols);
  raw = malloc(count * bytes + 1);
  *data = malloc((count + 1) * sizeof(float));
  if (!raw || !*data) {
    rc = plx_fail(error, size, "%s: out of memory", path);
    goto done;
  }
  if (fread(raw, bytes, count, f) != count) {
    rc = plx_fail(error, size, "%s: truncated data (expected %zu values)", path,
              count);
    goto done;
  }
  for (size_t i = 0; i < count; ++i) {
    const unsigned char *b = (const unsigned char *)raw + i * bytes;
    float v;
    if (strcmp(dtype, "<f4") == 0) {
      memcpy(&v, b, 4);
    } else if (strcmp(dtype, "<f8") == 0) {
      double x;
      memcpy(&x, b, 8);
      v = (float)x;
    } else if (strcmp(dtype, "<i4") == 0) {
      int32_t x;
      memcpy(&x, b, 4);
      v = (float)x;
    } else if (strcmp(dtype, "<i8") == 0) {
      int64_t x;
      memcpy(&x, b, 8);
      v = (float)x;
    } else if (strcmp(dtype, "|u1") == 0) {
      v = (float)*b;
    } else {
      v = (float)(int8_t)*b;
    }
    (*data)[i] = v;
  }
done:
  if (rc) {
    free(*data);
    *data = NULL;
  }
  free(raw);
  free(header);
  fclose(f);
  return rc;
}

static int load_random(const plx_data_spec *spec, plx_dataset *out, char *error,
                       size_t size) {
  int64_t rows = spec->num_samples, cols = spec->num_features;
  int64_t targets = spec->num_classes > 0 ? 1 : spec->num_targets;
  out->features = malloc((size_t)(rows * cols + 1) * sizeof(float));
  out->labels = malloc((size_t)(rows * targets + 1) * sizeof(float));
  double *weights = calloc((size_t)(cols * targets + 1), sizeof(double));
  if (!out->features || !out->labels || !weights) {
    free(weights);
    plx_data_free(out);
    return plx_fail(error, size, "random data: out of memory");
  }
  plx_rng rng;
  plx_rng_seed(&rng, spec->seed);
  /* Regression targets: a fixed seeded linear function of the features. */
  for (int64_t i = 0; i < cols * targets; ++i)
    weights[i] = 2.0 * plx_rng_uniform(&rng) - 1.0;
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c)
      out->features[r * cols + c] = (float)plx_rng_uniform(&rng);
    if (spec->num_classes > 0) {
      out->labels[r] =
          (float)(plx_rng_next(&rng) % (uint64_t)spec->num_classes);
      continue;
    }
    for (int64_t t = 0; t < targets; ++t) {
      double v = 0;
      for (int64_t c = 0; c < cols; ++c)
        v += weights[t * cols + c] * out->features[r * cols + c];
      out->labels[r * targets + t] = (float)v;
    }
  }
  free(weights);
  out->rows = rows;
  out->cols = cols;
  out->label_cols = targets;
  return 0;
}

int plx_data_load(const plx_data_spec *spec, plx_dataset *out, char *error,
                  size_t error_size) {
  memset(out, 0, sizeof *out);
  if (error_size)
    error[0] = '\0';
  if (spec->kind == PLX_DATA_RANDOM)
    return load_random(spec, out, error, error_size);
  if (spec->kind == PLX_DATA_CSV)
    return load_csv(spec, out, error, error_size);
  int64_t rows = 0, cols = 0;
  if (load_npy(spec->path, &out->features, &rows, &cols, error, error_size))
    return 1;
  out->rows = rows;
  out->cols = cols;
  if (!spec->labels_path) {
    out->labels = calloc(1, sizeof(float));
    return out->labels ? 0 : plx_fail(error, error_size, "out of memory");
  }
  int64_t label_rows = 0, label_cols = 0;
  if (load_npy(spec->labels_path, &out->labels, &label_rows, &label_cols, error,
               error_size)) {
    plx_data_free(out);
    return 1;
  }
  if (label_rows != rows) {
    plx_data_free(out);
    return plx_fail(error, error_size, "%s: %lld labels for %lld samples in %s",
                spec->labels_path, (long long)label_rows, (long long)rows,
                spec->path);
  }
  out->label_cols = label_cols;
  return 0;
}
