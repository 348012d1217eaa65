/*===- error.c - Error messages and checked sizes ------------------------===*/

#include "internal.h"

#include <stdarg.h>
#include <stdio.h>

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
