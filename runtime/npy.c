/*===- npy.c - Loading NumPy .npy arrays ----------------------------------===*
 *
 * The format of numpy.lib.format: the magic "\x93NUMPY", a version, a header
 * that is a Python dict literal ({'descr': '<f4', 'fortran_order': False,
 * 'shape': (150, 4), }), then the data. Little-endian float32/float64/
 * int32/int64 and (u)int8 in C order are read (and converted to float32);
 * anything else is an error naming the file and the problem.
 *
 *===----------------------------------------------------------------------===*/

#include "internal.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { F4, F8, I4, I8, U1, I1 } npy_type;

static const struct {
  const char *descr;
  npy_type type;
  size_t bytes;
} kTypes[] = {{"<f4", F4, 4}, {"<f8", F8, 8}, {"<i4", I4, 4}, {"<i8", I8, 8},
              {"|u1", U1, 1}, {"<u1", U1, 1}, {"u1", U1, 1},  {"|i1", I1, 1},
              {"<i1", I1, 1}, {"i1", I1, 1}};

/* The value of `key` in the header dict: a pointer past the colon that
 * follows the quoted key, or NULL. */
static const char *find_key(const char *header, const char *key) {
  size_t n = strlen(key);
  for (const char *p = header; (p = strpbrk(p, "'\"")) != NULL; ++p) {
    if (strncmp(p + 1, key, n) == 0 && p[1 + n] == p[0]) {
      const char *q = p + 2 + n;
      while (*q == ' ')
        ++q;
      if (*q != ':')
        return NULL;
      ++q;
      while (*q == ' ')
        ++q;
      return q;
    }
  }
  return NULL;
}

/* Parses the shape tuple at `p`; returns the rank, or -1 if malformed. */
static int parse_shape(const char *p, int64_t *dims, int max_rank) {
  if (*p++ != '(')
    return -1;
  int rank = 0;
  for (;;) {
    while (*p == ' ')
      ++p;
    if (*p == ')')
      return rank;
    if (*p < '0' || *p > '9' || rank == max_rank)
      return -1;
    int64_t v = 0;
    for (; *p >= '0' && *p <= '9'; ++p) {
      if (v > (INT64_MAX - 9) / 10)
        return -1;
      v = v * 10 + (*p - '0');
    }
    if (*p == 'L') /* Python 2 long */
      ++p;
    dims[rank++] = v;
    while (*p == ' ')
      ++p;
    if (*p == ',')
      ++p;
    else if (*p != ')')
      return -1;
  }
}

static uint64_t little_endian(const unsigned char *b, size_t bytes) {
  uint64_t v = 0;
  for (size_t i = bytes; i-- > 0;)
    v = v << 8 | b[i];
  return v;
}

/* Converts one element; fails (with a message) for values that are not
 * finite float32s. */
static int convert(npy_type type, const unsigned char *b, size_t index,
                   const char *path, float *out, char *error, size_t size) {
  uint64_t bits = little_endian(b, type == F8 || type == I8   ? 8
                                   : type == F4 || type == I4 ? 4
                                                              : 1);
  switch (type) {
  case F4: {
    uint32_t u = (uint32_t)bits;
    float v;
    memcpy(&v, &u, 4);
    if (!isfinite(v))
      return plx_fail(error, size, "%s: element %zu is %s; data must be finite",
                      path, index, isnan(v) ? "nan" : "inf");
    *out = v;
    return 0;
  }
  case F8: {
    double v;
    memcpy(&v, &bits, 8);
    if (!isfinite(v))
      return plx_fail(error, size, "%s: element %zu is %s; data must be finite",
                      path, index, isnan(v) ? "nan" : "inf");
    if (fabs(v) > FLT_MAX)
      return plx_fail(error, size,
                      "%s: element %zu is %g, out of float32 range", path,
                      index, v);
    *out = (float)v;
    return 0;
  }
  case I4:
    *out = (float)(int32_t)(uint32_t)bits;
    return 0;
  case I8:
    *out = (float)(int64_t)bits;
    return 0;
  case U1:
    *out = (float)(uint8_t)bits;
    return 0;
  case I1:
    *out = (float)(int8_t)(uint8_t)bits;
    return 0;
  }
  return 1;
}

int plx_load_npy(const char *path, float **data, int64_t *rows, int64_t *cols,
                 char *error, size_t size) {
  *data = NULL;
  *rows = *cols = 0;
  FILE *f = fopen(path, "rb");
  if (!f)
    return plx_fail(error, size, "%s: cannot open: %s", path, strerror(errno));
  int rc = 0;
  char *header = NULL;
  float *values = NULL;
  unsigned char *chunk = NULL;
  unsigned char magic[10];
  size_t got = fread(magic, 1, sizeof magic, f);
  if (got < 6 || memcmp(magic, "\x93NUMPY", 6) != 0) {
    rc = ferror(f)
             ? plx_fail(error, size, "%s: cannot read: %s", path,
                        strerror(errno))
             : plx_fail(error, size, "%s: not an NPY file (bad magic)", path);
    goto done;
  }
  if (got < sizeof magic) {
    rc = plx_fail(error, size, "%s: truncated NPY header", path);
    goto done;
  }
  if (magic[6] < 1 || magic[6] > 3) {
    rc = plx_fail(error, size, "%s: unsupported NPY version %d.%d", path,
                  magic[6], magic[7]);
    goto done;
  }
  size_t header_length = (size_t)little_endian(magic + 8, 2);
  if (magic[6] >= 2) {
    unsigned char more[2];
    if (fread(more, 1, 2, f) != 2) {
      rc = plx_fail(error, size, "%s: truncated NPY header", path);
      goto done;
    }
    header_length |= (size_t)little_endian(more, 2) << 16;
  }
  header = malloc(header_length + 1);
  if (!header) {
    rc = plx_fail(error, size, "%s: out of memory", path);
    goto done;
  }
  if (fread(header, 1, header_length, f) != header_length) {
    rc = plx_fail(error, size, "%s: truncated NPY header", path);
    goto done;
  }
  header[header_length] = '\0';
  if (strlen(header) != header_length) {
    rc = plx_fail(error, size, "%s: malformed NPY header", path);
    goto done;
  }

  const char *descr = find_key(header, "descr");
  const char *order = find_key(header, "fortran_order");
  const char *shape = find_key(header, "shape");
  if (!descr || !order || !shape) {
    rc = plx_fail(error, size, "%s: malformed NPY header", path);
    goto done;
  }
  char dtype[16] = {0};
  if (*descr == '\'' || *descr == '"') {
    const char *end = strchr(descr + 1, *descr);
    size_t n = end ? (size_t)(end - descr - 1) : 0;
    if (!end || n >= sizeof dtype) {
      rc = plx_fail(error, size, "%s: malformed NPY header", path);
      goto done;
    }
    memcpy(dtype, descr + 1, n);
  } else {
    strcpy(dtype, "structured"); /* a list of fields */
  }
  const size_t num_types = sizeof kTypes / sizeof kTypes[0];
  size_t t = 0;
  while (t < num_types && strcmp(dtype, kTypes[t].descr) != 0)
    ++t;
  if (t == num_types) {
    rc = plx_fail(error, size,
                  "%s: unsupported dtype '%s' (float32, float64, int32, "
                  "int64, (u)int8 are)",
                  path, dtype);
    goto done;
  }
  if (strncmp(order, "True", 4) == 0) {
    rc = plx_fail(error, size,
                  "%s: Fortran order is not supported; save in C order", path);
    goto done;
  }
  if (strncmp(order, "False", 5) != 0) {
    rc = plx_fail(error, size, "%s: malformed NPY header", path);
    goto done;
  }
  int64_t dims[32];
  int rank = parse_shape(shape, dims, 32);
  if (rank < 0) {
    rc = plx_fail(error, size, "%s: malformed NPY header (shape)", path);
    goto done;
  }
  if (rank == 0) {
    rc = plx_fail(error, size, "%s: holds a scalar, expected samples", path);
    goto done;
  }
  /* The element count, checked against overflow: rows x cols floats must
   * fit in memory, and as many elements in the file. */
  int64_t r = dims[0], c = 1;
  for (int i = 1; i < rank; ++i) {
    if (dims[i] != 0 && c > INT64_MAX / dims[i]) {
      rc = plx_fail(error, size, "%s: shape too large", path);
      goto done;
    }
    c *= dims[i];
  }
  if (c != 0 && r > INT64_MAX / 8 / c) {
    rc = plx_fail(error, size, "%s: shape too large", path);
    goto done;
  }
  size_t count = (size_t)(r * c);
  size_t bytes = kTypes[t].bytes;

  /* Compare with the file's size before allocating, so that a corrupt
   * shape is reported as what it is rather than as out of memory. */
  long start = ftell(f);
  if (start >= 0 && fseek(f, 0, SEEK_END) == 0) {
    long end = ftell(f);
    if (end >= start && (uint64_t)(end - start) / bytes < count) {
      rc = plx_fail(error, size, "%s: truncated data (expected %zu values)",
                    path, count);
      goto done;
    }
    if (fseek(f, start, SEEK_SET) != 0) {
      rc = plx_fail(error, size, "%s: cannot read: %s", path, strerror(errno));
      goto done;
    }
  }
  size_t value_bytes = plx_array_bytes((int64_t)count, sizeof(float));
  values = value_bytes ? malloc(value_bytes) : NULL;
  enum { kChunk = 1 << 16 };
  chunk = malloc(kChunk);
  if (!values || !chunk) {
    rc = plx_fail(error, size, "%s: out of memory", path);
    goto done;
  }
  /* Read in chunks, converting as we go: no second copy of the data. */
  size_t per_chunk = kChunk / bytes, done_count = 0;
  while (done_count < count) {
    size_t n = count - done_count < per_chunk ? count - done_count : per_chunk;
    if (fread(chunk, bytes, n, f) != n) {
      rc = ferror(f) ? plx_fail(error, size, "%s: cannot read: %s", path,
                                strerror(errno))
                     : plx_fail(error, size,
                                "%s: truncated data (expected %zu values)",
                                path, count);
      goto done;
    }
    for (size_t i = 0; i < n; ++i)
      if (convert(kTypes[t].type, chunk + i * bytes, done_count + i, path,
                  &values[done_count + i], error, size)) {
        rc = 1;
        goto done;
      }
    done_count += n;
  }
  *data = values;
  values = NULL;
  *rows = r;
  *cols = c;
done:
  free(values);
  free(chunk);
  free(header);
  fclose(f);
  return rc;
}
