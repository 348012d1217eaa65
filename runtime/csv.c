/*===- csv.c - Loading CSV files, plain or gzip-compressed ----------------===*
 *
 * zlib's gzopen reads gzip-compressed and plain files alike (it looks for
 * the gzip magic bytes), so `digits.csv.gz` and `digits.csv` load the same
 * way. Only the columns in use (the features and the label) are parsed;
 * every error names the file and the line.
 *
 *===----------------------------------------------------------------------===*/

#include "internal.h"

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
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
    if (capacity > SIZE_MAX / sizeof(float))
      return 1;
    float *p = realloc(a->data, capacity * sizeof(float));
    if (!p)
      return 1;
    a->data = p;
    a->capacity = capacity;
  }
  a->data[a->count++] = v;
  return 0;
}

typedef enum { LINE_OK, LINE_END, LINE_NO_MEMORY, LINE_READ_ERROR } line_status;

/* Reads one line of any length without its line break (LF or CRLF). */
static line_status read_line(gzFile f, char **buffer, size_t *capacity) {
  size_t length = 0;
  for (;;) {
    if (*capacity - length < 2) {
      if (*capacity > SIZE_MAX / 2)
        return LINE_NO_MEMORY;
      size_t grown = *capacity ? 2 * *capacity : 4096;
      char *p = realloc(*buffer, grown);
      if (!p)
        return LINE_NO_MEMORY;
      *buffer = p;
      *capacity = grown;
    }
    size_t room = *capacity - length;
    if (room > INT_MAX)
      room = INT_MAX; /* gzgets takes an int */
    if (!gzgets(f, *buffer + length, (int)room)) {
      int status = Z_OK;
      gzerror(f, &status);
      if (status != Z_OK && status != Z_STREAM_END)
        return LINE_READ_ERROR;
      if (!length)
        return LINE_END;
      break; /* the last line, without a line break */
    }
    length += strlen(*buffer + length);
    if (length && (*buffer)[length - 1] == '\n')
      break;
  }
  while (length &&
         ((*buffer)[length - 1] == '\n' || (*buffer)[length - 1] == '\r'))
    (*buffer)[--length] = '\0';
  return LINE_OK;
}

/* Removes leading and trailing blanks of a field in place. */
static char *trim(char *s) {
  while (*s == ' ' || *s == '\t')
    ++s;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
    s[--n] = '\0';
  return s;
}

typedef enum { NUMBER_OK, NUMBER_BAD, NUMBER_NOT_FINITE } number_status;

/* A decimal number that fits a float. */
static number_status parse_number(const char *s, double *value) {
  char *end = NULL;
  errno = 0;
  double v = strtod(s, &end);
  if (end == s || *end != '\0')
    return NUMBER_BAD;
  /* strtod reads "nan" and "inf" and saturates overflow to HUGE_VAL; a
   * float must hold the value. (Underflow to 0 or a subnormal is fine.) */
  if (!isfinite(v) || fabs(v) > FLT_MAX)
    return NUMBER_NOT_FINITE;
  *value = v;
  return NUMBER_OK;
}

/* What a loader keeps between lines. */
typedef struct {
  const plx_data_spec *spec;
  const char *path;
  char *error;
  size_t error_size;
  int64_t columns;        /* per line, from the first data line; -1 before */
  const int64_t *feature; /* the feature columns */
  int64_t *owned;         /* `feature` when made here */
  int64_t num_features;
  char **fields; /* start of each column of the current line */
  floats features, labels;
  int64_t rows;
} csv_loader;

/* The columns of the label: one, or `one_hot` from label_column. */
static int64_t label_width(const plx_data_spec *spec) {
  if (spec->label_column < 0)
    return 0;
  return spec->one_hot > 1 ? spec->one_hot : 1;
}

static int is_label_column(const plx_data_spec *spec, int64_t c) {
  return c >= spec->label_column && c < spec->label_column + label_width(spec);
}

/* Checks the column selection against the first data line's `columns`. */
static int set_columns(csv_loader *l, int64_t columns) {
  const plx_data_spec *spec = l->spec;
  l->columns = columns;
  if (spec->label_column + label_width(spec) > columns)
    return plx_fail(l->error, l->error_size,
                    "%s: label column %lld is out of range (%lld columns)",
                    l->path, (long long)spec->label_column, (long long)columns);
  l->fields = malloc(plx_array_bytes(columns, sizeof(char *)));
  if (!l->fields)
    return plx_fail(l->error, l->error_size, "%s: out of memory", l->path);
  if (spec->feature_columns && spec->num_features > 0) {
    for (int64_t i = 0; i < spec->num_features; ++i)
      if (spec->feature_columns[i] >= columns)
        return plx_fail(l->error, l->error_size,
                        "%s: feature column %lld is out of range (%lld "
                        "columns)",
                        l->path, (long long)spec->feature_columns[i],
                        (long long)columns);
    return 0;
  }
  /* No selection: every column but the label, in order. */
  int64_t count = columns - label_width(spec);
  if (count == 0)
    return plx_fail(l->error, l->error_size, "%s: no feature columns", l->path);
  if (spec->num_features > 0 && spec->num_features != count)
    return plx_fail(l->error, l->error_size,
                    "%s: %lld feature columns, expected %lld", l->path,
                    (long long)count, (long long)spec->num_features);
  l->owned = malloc(plx_array_bytes(count, sizeof(int64_t)));
  if (!l->owned)
    return plx_fail(l->error, l->error_size, "%s: out of memory", l->path);
  l->num_features = 0;
  for (int64_t c = 0; c < columns; ++c)
    if (!is_label_column(spec, c))
      l->owned[l->num_features++] = c;
  l->feature = l->owned;
  return 0;
}

static int field_error(csv_loader *l, int64_t line, int64_t column,
                       const char *what, const char *text) {
  /* At most 40 bytes of the field, cut at a UTF-8 character boundary. */
  int width = (int)strlen(text);
  if (width > 40) {
    width = 40;
    while (width > 0 && ((unsigned char)text[width] & 0xC0) == 0x80)
      --width;
  }
  return plx_fail(l->error, l->error_size, "%s:%lld: column %lld is %s: '%.*s'",
                  l->path, (long long)line, (long long)column + 1, what, width,
                  text);
}

/* Parses the columns in use of one data line (`number` counts from 1). */
static int parse_line(csv_loader *l, char *line, int64_t number) {
  const plx_data_spec *spec = l->spec;
  int64_t count = 1;
  for (const char *p = line; *p; ++p)
    count += *p == spec->delimiter;
  if (l->columns < 0 && set_columns(l, count))
    return 1;
  if (count != l->columns)
    return plx_fail(l->error, l->error_size,
                    "%s:%lld: expected %lld columns, found %lld", l->path,
                    (long long)number, (long long)l->columns, (long long)count);
  /* Split in place. */
  int64_t c = 0;
  l->fields[c++] = line;
  for (char *p = line; *p; ++p)
    if (*p == spec->delimiter) {
      *p = '\0';
      l->fields[c++] = p + 1;
    }
  for (int64_t i = 0; i < l->num_features; ++i) {
    int64_t column = l->feature[i];
    char *text = trim(l->fields[column]);
    double v = 0;
    number_status status = parse_number(text, &v);
    if (status != NUMBER_OK)
      return field_error(
          l, number, column,
          status == NUMBER_BAD ? "not a number" : "not a finite number", text);
    if (push(&l->features, (float)v))
      return plx_fail(l->error, l->error_size, "%s: out of memory", l->path);
  }
  if (spec->one_hot > 1 && spec->label_column >= 0) {
    /* One-hot label columns: exactly one 1, the rest 0; the class is its
     * position. */
    int64_t hot = -1;
    for (int64_t k = 0; k < spec->one_hot; ++k) {
      int64_t column = spec->label_column + k;
      char *text = trim(l->fields[column]);
      double v = 0;
      if (parse_number(text, &v) != NUMBER_OK || (v != 0 && v != 1))
        return field_error(l, number, column, "not a one-hot 0 or 1", text);
      if (v == 1 && hot >= 0)
        return plx_fail(l->error, l->error_size,
                        "%s:%lld: the one-hot label has more than one 1 "
                        "(columns %lld and %lld)",
                        l->path, (long long)number, (long long)hot + 1,
                        (long long)column + 1);
      if (v == 1)
        hot = column;
    }
    if (hot < 0)
      return plx_fail(l->error, l->error_size,
                      "%s:%lld: the one-hot label (columns %lld to %lld) has "
                      "no 1",
                      l->path, (long long)number,
                      (long long)spec->label_column + 1,
                      (long long)(spec->label_column + spec->one_hot));
    if (push(&l->labels, (float)(hot - spec->label_column)))
      return plx_fail(l->error, l->error_size, "%s: out of memory", l->path);
  } else if (spec->label_column >= 0) {
    char *text = trim(l->fields[spec->label_column]);
    double v = 0;
    number_status status = parse_number(text, &v);
    if (status != NUMBER_OK)
      return field_error(
          l, number, spec->label_column,
          status == NUMBER_BAD ? "not a number" : "not a finite number", text);
    if (spec->num_classes > 0 &&
        (v < 0 || v >= (double)spec->num_classes || v != floor(v)))
      return plx_fail(l->error, l->error_size,
                      "%s:%lld: label '%.40s' is not an integer in [0, %lld)",
                      l->path, (long long)number, text,
                      (long long)spec->num_classes);
    if (push(&l->labels, (float)v))
      return plx_fail(l->error, l->error_size, "%s: out of memory", l->path);
  }
  ++l->rows;
  return 0;
}

/* The message for a failed read of the (maybe compressed) file. */
static int read_error(gzFile f, const char *path, char *error, size_t size) {
  int status = Z_OK;
  const char *message = gzerror(f, &status);
  if (status == Z_ERRNO)
    return plx_fail(error, size, "%s: cannot read: %s", path,
                    strerror(errno ? errno : EIO));
  if (status == Z_MEM_ERROR)
    return plx_fail(error, size, "%s: out of memory", path);
  /* zlib's message for data errors is "<path>: unexpected end of file" or
   * the like; the path is said once. */
  if (!message || !message[0])
    message = "unknown error";
  size_t n = strlen(path);
  if (strncmp(message, path, n) == 0 && strncmp(message + n, ": ", 2) == 0)
    message += n + 2;
  return plx_fail(error, size, "%s: corrupt gzip data: %s", path, message);
}

int plx_load_csv(const plx_data_spec *spec, plx_dataset *out, char *error,
                 size_t error_size) {
  const char *path = spec->path;
  memset(out, 0, sizeof *out);
  if (spec->delimiter == '\0' || spec->delimiter == '\n' ||
      spec->delimiter == '\r' || spec->delimiter == '"')
    return plx_fail(error, error_size, "%s: invalid delimiter", path);
  if (spec->label_column < -1)
    return plx_fail(error, error_size, "%s: invalid label column %lld", path,
                    (long long)spec->label_column);
  if (spec->num_features < 0)
    return plx_fail(error, error_size, "%s: invalid number of features %lld",
                    path, (long long)spec->num_features);
  for (int64_t i = 0; spec->feature_columns && i < spec->num_features; ++i)
    if (spec->feature_columns[i] < 0)
      return plx_fail(error, error_size, "%s: invalid feature column %lld",
                      path, (long long)spec->feature_columns[i]);

  errno = 0;
  gzFile f = gzopen(path, "rb");
  if (!f)
    return plx_fail(error, error_size, "%s: cannot open: %s", path,
                    strerror(errno ? errno : ENOMEM));
  gzbuffer(f, 1 << 17);

  csv_loader l;
  memset(&l, 0, sizeof l);
  l.spec = spec;
  l.path = path;
  l.error = error;
  l.error_size = error_size;
  l.columns = -1;
  if (spec->feature_columns && spec->num_features > 0) {
    l.feature = spec->feature_columns;
    l.num_features = spec->num_features;
  }

  char *line = NULL;
  size_t capacity = 0;
  int64_t number = 0;
  int rc = 0;
  line_status status = LINE_OK;
  while (!rc && (status = read_line(f, &line, &capacity)) == LINE_OK) {
    ++number;
    char *text = line;
    if (number == 1 && strncmp(text, "\xEF\xBB\xBF", 3) == 0)
      text += 3; /* a UTF-8 byte order mark */
    if (number == 1 && spec->header)
      continue;
    if (text[strspn(text, " \t")] == '\0')
      continue; /* blank lines, e.g. at the end */
    rc = parse_line(&l, text, number);
  }
  if (!rc && status == LINE_NO_MEMORY)
    rc = plx_fail(error, error_size, "%s: out of memory", path);
  else if (!rc && status == LINE_READ_ERROR)
    rc = read_error(f, path, error, error_size);
  gzclose(f);
  free(line);
  free(l.fields);
  free(l.owned);
  if (!rc && l.rows == 0)
    rc = plx_fail(error, error_size, "%s: no data rows", path);
  if (rc) {
    free(l.features.data);
    free(l.labels.data);
    return 1;
  }
  /* Never NULL, even with no labels. */
  out->features = l.features.data;
  out->labels = l.labels.data ? l.labels.data : calloc(1, sizeof(float));
  if (!out->features || !out->labels) {
    free(l.features.data);
    free(out->labels);
    memset(out, 0, sizeof *out);
    return plx_fail(error, error_size, "%s: out of memory", path);
  }
  out->rows = l.rows;
  out->cols = l.num_features;
  out->label_cols = spec->label_column >= 0 ? 1 : 0;
  return 0;
}
