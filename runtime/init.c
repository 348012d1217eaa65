/*===- init.c - Parameter initialisation ---------------------------------===*/

#include "internal.h"

#include <math.h>

void plx_init_tensor(float *data, int64_t count, plx_init_kind kind,
                     int64_t fan_in, int64_t fan_out, plx_rng *rng) {
  if (!data || count <= 0)
    return;
  /* A degenerate fan (never produced by plexc) counts as 1 rather than
   * dividing by zero. */
  double limit = 0;
  if (kind == PLX_INIT_GLOROT_UNIFORM) {
    int64_t fans = fan_in + fan_out;
    limit = sqrt(6.0 / (double)(fans > 0 ? fans : 1));
  } else if (kind == PLX_INIT_HE_UNIFORM) {
    limit = sqrt(6.0 / (double)(fan_in > 0 ? fan_in : 1));
  } else if (kind == PLX_INIT_SMALL_UNIFORM) {
    limit = 0.05;
  } else if (kind == PLX_INIT_ONES) {
    for (int64_t i = 0; i < count; ++i)
      data[i] = 1.0f;
    return;
  }
  plx_rng fallback;
  if (limit > 0 && !rng) {
    plx_rng_seed(&fallback, 0);
    rng = &fallback;
  }
  /* Unknown kinds initialise to zeros, like PLX_INIT_ZEROS. */
  for (int64_t i = 0; i < count; ++i)
    data[i] =
        limit > 0 ? (float)((2.0 * plx_rng_uniform(rng) - 1.0) * limit) : 0.0f;
}
