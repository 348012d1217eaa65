/*===- idx.c - The IDX format of MNIST ------------------------------------===*
 *
 * http://yann.lecun.com/exdb/mnist/: two zero bytes, a type byte (0x08
 * unsigned byte, 0x09 signed byte, 0x0B int16, 0x0C int32, 0x0D float32,
 * 0x0E float64), the number of dimensions, each dimension as a big-endian
 * int32, then the data, big-endian, row-major. The first dimension counts
 * the samples; the others make the features (28 x 28 pixels for MNIST
 * images, none for labels). Files may be gzipped (as they are distributed).
 *
 *===----------------------------------------------------------------------===*/

#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static int read_exact(gzFile f, void *out, size_t n) {
  return gzread(f, out, (unsigned)n) == (int)n;
}

int plx_load_idx(const char *path, float **data, int64_t *rows, int64_t *cols,
                 char *error, size_t size) {
  *data = NULL;
  gzFile f = gzopen(path, "rb");
  if (!f)
    return plx_fail(error, size, "%s: cannot open IDX file", path);
  unsigned char magic[4];
  if (!read_exact(f, magic, 4) || magic[0] != 0 || magic[1] != 0 ||
      magic[3] < 1 || magic[3] > 8) {
    gzclose(f);
    return plx_fail(error, size, "%s: not an IDX file (bad magic)", path);
  }
  int width;
  switch (magic[2]) {
  case 0x08:
  case 0x09:
    width = 1;
    break;
  case 0x0B:
    width = 2;
    break;
  case 0x0C:
  case 0x0D:
    width = 4;
    break;
  case 0x0E:
    width = 8;
    break;
  default:
    gzclose(f);
    return plx_fail(error, size, "%s: unknown IDX element type 0x%02x", path,
                    magic[2]);
  }
  int64_t dims[8], count = 1;
  for (int d = 0; d < magic[3]; ++d) {
    unsigned char b[4];
    if (!read_exact(f, b, 4)) {
      gzclose(f);
      return plx_fail(error, size, "%s: truncated IDX header", path);
    }
    dims[d] = ((int64_t)b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
    if (dims[d] <= 0 || count > ((int64_t)1 << 40) / dims[d]) {
      gzclose(f);
      return plx_fail(error, size, "%s: bad IDX dimension %lld", path,
                      (long long)dims[d]);
    }
    count *= dims[d];
  }
  *rows = dims[0];
  *cols = count / dims[0];
  /* The header may promise more than the file holds: grow the buffer as
   * the data arrives instead of trusting it with one allocation. */
  int64_t capacity = count < (1 << 20) ? count : (1 << 20);
  float *out = malloc((size_t)capacity * sizeof(float));
  unsigned char *bytes = malloc(65536);
  if (!out || !bytes) {
    free(out);
    free(bytes);
    gzclose(f);
    return plx_fail(error, size, "%s: out of memory", path);
  }
  int64_t done = 0;
  while (done < count) {
    int64_t chunk =
        (count - done) * width < 65536 ? count - done : 65536 / width;
    if (done + chunk > capacity) {
      int64_t grown = capacity * 2 < count ? capacity * 2 : count;
      float *bigger = realloc(out, (size_t)grown * sizeof(float));
      if (!bigger) {
        free(out);
        free(bytes);
        gzclose(f);
        return plx_fail(error, size, "%s: out of memory", path);
      }
      out = bigger;
      capacity = grown;
    }
    int got = gzread(f, bytes, (unsigned)(chunk * width));
    if (got != (int)(chunk * width)) {
      free(out);
      free(bytes);
      gzclose(f);
      return plx_fail(
          error, size, "%s: truncated IDX data (%lld of %lld values)", path,
          (long long)(done + (got > 0 ? got / width : 0)), (long long)count);
    }
    for (int64_t i = 0; i < chunk; ++i) {
      const unsigned char *b = bytes + i * width;
      uint64_t v = 0;
      for (int k = 0; k < width; ++k)
        v = (v << 8) | b[k];
      float x;
      switch (magic[2]) {
      case 0x08:
        x = (float)b[0];
        break;
      case 0x09:
        x = (float)(int8_t)b[0];
        break;
      case 0x0B:
        x = (float)(int16_t)v;
        break;
      case 0x0C:
        x = (float)(int32_t)v;
        break;
      case 0x0D: {
        uint32_t u = (uint32_t)v;
        memcpy(&x, &u, 4);
        break;
      }
      default: {
        double d;
        memcpy(&d, &v, 8);
        x = (float)d;
      }
      }
      out[done + i] = x;
    }
    done += chunk;
  }
  free(bytes);
  gzclose(f);
  *data = out;
  return 0;
}
