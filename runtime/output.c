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
    int64_t best = 0;
    for (int64_t c = 0; c < cols; ++c) {
      fprintf(f, c ? ",%.6g" : "%.6g", (double)o[c]);
      if (o[c] > o[best])
        best = c;
    }
    if (classes > 0)
      fprintf(f, ",%lld", (long long)best);
    fputc('\n', f);
  }
  return ferror(f) != 0;
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
  /* A temporary file in the same directory (so that rename() is atomic):
   * an interrupted run never leaves a half-written predictions file. */
  size_t size = strlen(path) + 32;
  char *tmp = malloc(size);
  if (!tmp)
    return plx_fail(error, error_size, "%s: out of memory", path);
  snprintf(tmp, size, "%s.tmp.%ld", path, (long)getpid());
  FILE *f = fopen(tmp, "w");
  if (!f) {
    int e = errno;
    free(tmp);
    return plx_fail(error, error_size, "%s: cannot write: %s", path,
                    strerror(e));
  }
  errno = 0;
  int bad = write_rows(f, outputs, rows, cols, classes);
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
