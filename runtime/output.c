/*===- output.c - The progress line and predictions CSV ------------------===*/

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void plx_print_epoch(int64_t epoch, int64_t epochs, double loss,
                     const char *const *names, const double *values, int count,
                     double seconds) {
  printf("epoch %lld/%lld  loss %.4f", (long long)epoch, (long long)epochs,
         loss);
  for (int i = 0; names && values && i < count; ++i)
    printf("  %s %.4f", names[i] ? names[i] : "?", values[i]);
  printf("  %.2fs\n", seconds);
  fflush(stdout);
}

/* The header `output0,output1,...[,class]`, then one row per sample. */
static int write_rows(FILE *f, const float *outputs, int64_t rows, int64_t cols,
                      int classes) {
  for (int64_t c = 0; c < cols; ++c)
    fprintf(f, c ? ",output%lld" : "output%lld", (long long)c);
  fputs(classes > 0 ? ",class\n" : "\n", f);
  for (int64_t r = 0; r < rows && !ferror(f); ++r) {
    const float *o = outputs + r * cols;
    for (int64_t c = 0; c < cols; ++c)
      fprintf(f, c ? ",%.6g" : "%.6g", (double)o[c]);
    if (classes > 0)
      fprintf(f, ",%lld", (long long)plx_argmax(o, cols));
    fputc('\n', f);
  }
  return ferror(f) != 0;
}

int plx_write_atomically(const char *path, int (*write)(FILE *f, void *context),
                         void *context, char *error, size_t error_size) {
  /* A temporary file in the same directory (so that rename() is atomic):
   * an interrupted run never leaves a half-written file. */
  size_t size = strlen(path) + 32;
  char *tmp = malloc(size);
  if (!tmp)
    return plx_fail(error, error_size, "%s: out of memory", path);
  snprintf(tmp, size, "%s.tmp.%ld", path, (long)getpid());
  FILE *f = fopen(tmp, "wb");
  if (!f) {
    int e = errno;
    free(tmp);
    return plx_fail(error, error_size, "%s: cannot write: %s", path,
                    strerror(e));
  }
  errno = 0;
  int bad = write(f, context) || ferror(f);
  int e = errno;
  if (fclose(f) != 0 && !bad) {
    bad = 1;
    e = errno;
  }
  if (!bad && rename(tmp, path) != 0) {
    bad = 1;
    e = errno;
  }
  if (bad) {
    remove(tmp);
    free(tmp);
    return plx_fail(error, error_size, "%s: cannot write: %s", path,
                    strerror(e ? e : EIO));
  }
  free(tmp);
  return 0;
}

typedef struct {
  const float *outputs;
  int64_t rows, cols;
  int classes;
} predictions;

static int write_csv(FILE *f, void *context) {
  predictions *p = context;
  return write_rows(f, p->outputs, p->rows, p->cols, p->classes);
}

int plx_write_predictions_csv(const char *path, const float *outputs,
                              int64_t rows, int64_t cols, int classes,
                              char *error, size_t error_size) {
  const char *name = path ? path : "<stdout>";
  if (cols < 1 || rows < 0 || (rows > 0 && !outputs))
    return plx_fail(error, error_size, "%s: no outputs to write", name);
  if (!path) {
    if (write_rows(stdout, outputs, rows, cols, classes) || fflush(stdout))
      return plx_fail(error, error_size, "<stdout>: cannot write: %s",
                      strerror(errno));
    return 0;
  }
  predictions p = {outputs, rows, cols, classes};
  return plx_write_atomically(path, write_csv, &p, error, error_size);
}

/* NPY version 1.0: magic, header length, a Python dict padded with spaces
 * to a multiple of 64 bytes and ending in a newline, then the data. */
static int write_npy_header(FILE *f, const char *descr, int64_t rows,
                            int64_t cols) {
  char dict[128];
  int n = cols > 0 ? snprintf(dict, sizeof dict,
                              "{'descr': '%s', 'fortran_order': False, "
                              "'shape': (%lld, %lld), }",
                              descr, (long long)rows, (long long)cols)
                   : snprintf(dict, sizeof dict,
                              "{'descr': '%s', 'fortran_order': False, "
                              "'shape': (%lld,), }",
                              descr, (long long)rows);
  int total = 10 + n + 1;
  int padding = (64 - total % 64) % 64;
  int length = n + padding + 1;
  unsigned char magic[10] = {0x93,
                             'N',
                             'U',
                             'M',
                             'P',
                             'Y',
                             1,
                             0,
                             (unsigned char)(length & 0xff),
                             (unsigned char)(length >> 8)};
  if (fwrite(magic, 1, 10, f) != 10 ||
      fwrite(dict, 1, (size_t)n, f) != (size_t)n)
    return 1;
  for (int i = 0; i < padding; ++i)
    fputc(' ', f);
  return fputc('\n', f) == EOF;
}

static int write_npy_outputs(FILE *f, void *context) {
  predictions *p = context;
  if (write_npy_header(f, "<f4", p->rows, p->cols))
    return 1;
  size_t count = (size_t)(p->rows * p->cols);
  return count && fwrite(p->outputs, sizeof(float), count, f) != count;
}

static int write_npy_classes(FILE *f, void *context) {
  predictions *p = context;
  if (write_npy_header(f, "<i8", p->rows, 0))
    return 1;
  for (int64_t r = 0; r < p->rows; ++r) {
    int64_t best = plx_argmax(p->outputs + r * p->cols, p->cols);
    if (fwrite(&best, sizeof best, 1, f) != 1)
      return 1;
  }
  return 0;
}

int plx_write_predictions_npy(const char *path, const float *outputs,
                              int64_t rows, int64_t cols, int classes,
                              char *error, size_t error_size) {
  if (cols < 1 || rows < 0 || (rows > 0 && !outputs))
    return plx_fail(error, error_size, "%s: no outputs to write", path);
  predictions p = {outputs, rows, cols, classes};
  if (plx_write_atomically(path, write_npy_outputs, &p, error, error_size))
    return 1;
  if (classes <= 0)
    return 0;
  /* The classes go next to the probabilities: out.npy, out.classes.npy. */
  size_t n = strlen(path);
  char *classes_path = malloc(n + 16);
  if (!classes_path)
    return plx_fail(error, error_size, "%s: out of memory", path);
  size_t stem = n >= 4 && strcmp(path + n - 4, ".npy") == 0 ? n - 4 : n;
  snprintf(classes_path, n + 16, "%.*s.classes.npy", (int)stem, path);
  int rc = plx_write_atomically(classes_path, write_npy_classes, &p, error,
                                error_size);
  free(classes_path);
  return rc;
}
