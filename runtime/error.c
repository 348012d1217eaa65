/*===- error.c - Error messages and checked sizes ------------------------===*/

#include "internal.h"

#include <stdarg.h>
#include <stdio.h>

static const char *program_name = "model";

const char *plx_program_name(void) { return program_name; }

void plx_set_program_name(const char *name) { program_name = name; }

int plx_die(const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  fprintf(stderr, "%s: error: ", program_name);
  vfprintf(stderr, fmt, args);
  fprintf(stderr, "\n");
  va_end(args);
  return 1;
}

int plx_fail(char *error, size_t size, const char *fmt, ...) {
  if (!error || size == 0)
    return 1;
  va_list args;
  va_start(args, fmt);
  vsnprintf(error, size, fmt, args);
  va_end(args);
  return 1;
}

size_t plx_array_bytes(int64_t count, size_t size) {
  if (count < 0 || size == 0)
    return 0;
  if (count == 0)
    return size;
  if ((uint64_t)count > SIZE_MAX / size)
    return 0;
  return (size_t)count * size;
}
