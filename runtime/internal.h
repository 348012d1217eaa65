/*===- internal.h - Helpers shared by the runtime's sources ---------------===*
 *
 * Internal to the runtime (not part of the C ABI in plexus/runtime.h), but
 * linked across its object files, so every name has the plx_ prefix.
 *
 *===----------------------------------------------------------------------===*/

#ifndef PLEXUS_RUNTIME_INTERNAL_H
#define PLEXUS_RUNTIME_INTERNAL_H

#include "plexus/runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The program's name, for messages (main sets it from argv[0]). */
const char *plx_program_name(void);
void plx_set_program_name(const char *name);
/* Prints "<program>: error: ..." and returns 1. */
int plx_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Formats an error message into `error` (size `size`, either may be 0) and
 * returns 1, so that `return plx_fail(...)` reports and fails in one
 * statement. */
int plx_fail(char *error, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Uniform in [0, n); n must be > 0. */
uint64_t plx_rng_below(plx_rng *rng, uint64_t n);

/* Fisher-Yates shuffle of `order[0..n)`. */
void plx_shuffle(int64_t *order, int64_t n, plx_rng *rng);

/* Bytes for `count` elements of `size` bytes (at least 1, so that malloc
 * never returns NULL for an empty array), or 0 if that overflows. */
size_t plx_array_bytes(int64_t count, size_t size);

/* Normalizes `data` in place with statistics from
 * plx_data_split_normalize (pairs per column: min/max or mean/deviation),
 * e.g. new samples to predict. */
void plx_normalize_apply(plx_dataset *data, plx_normalization normalize,
                         const float *stats);

/* The loaders behind plx_data_load. They fill `out` completely or leave it
 * empty and fail with a message naming the file. */
int plx_load_csv(const plx_data_spec *spec, plx_dataset *out, char *error,
                 size_t error_size);
/* Reads a whole IDX array (MNIST's format, optionally gzipped) as floats;
 * `rows` is its first dimension, `cols` the product of the others. */
int plx_load_idx(const char *path, float **data, int64_t *rows, int64_t *cols,
                 char *error, size_t size);

/* Reads a whole NPY array as floats; `rows` is its first dimension, `cols`
 * the product of the others. */
int plx_load_npy(const char *path, float **data, int64_t *rows, int64_t *cols,
                 char *error, size_t error_size);

#ifdef __cplusplus
}
#endif

#endif /* PLEXUS_RUNTIME_INTERNAL_H */
