/*===- latency.c - What one forward pass costs ----------------------------===*
 *
 * `model latency [--batch N]`: times plx_forward (the model's outputs,
 * through the compiled plx_evaluate, without the loss) on a batch of random
 * inputs with freshly initialized parameters (the values do not change the
 * work), the way a server calls it: one batch after the other. Runs for
 * about half a second after a warm-up and prints the minimum and median
 * time per call, and the samples per second at the median.
 *
 *===----------------------------------------------------------------------===*/

#include "program.h"

#include <stdio.h>
#include <stdlib.h>

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int plx_latency(program *p, const options *o) {
  const plx_model_info *m = &p->model;
  int64_t batch = o->has_batch ? o->batch : 1;
  enum { kMaxCalls = 100000, kMinCalls = 20 };
  const double budget = 0.5; /* seconds of measured calls */
  float *x = malloc(plx_array_bytes(batch * m->inputs, sizeof(float)));
  float *out = malloc(plx_array_bytes(batch * m->outputs, sizeof(float)));
  float *labels =
      calloc(1, plx_array_bytes(batch * m->label_cols, sizeof(float)));
  double *times = malloc(kMaxCalls * sizeof(double));
  if (!x || !out || !labels || !times) {
    free(x);
    free(out);
    free(labels);
    free(times);
    return plx_die("out of memory for a batch of %lld", (long long)batch);
  }
  plx_rng rng;
  plx_rng_seed(&rng, o->seed);
  for (int64_t i = 0; i < batch * m->inputs; ++i)
    x[i] = (float)plx_rng_uniform(&rng);
  plx_init_params(p, o->seed);
  for (int i = 0; i < 3; ++i) /* warm-up: caches, the memory plan */
    plx_forward(p, x, labels, batch, out);
  int calls = 0;
  double start = plx_time_seconds();
  while (calls < kMaxCalls &&
         (calls < kMinCalls || plx_time_seconds() - start < budget)) {
    double t = plx_time_seconds();
    plx_forward(p, x, labels, batch, out);
    times[calls++] = plx_time_seconds() - t;
  }
  qsort(times, (size_t)calls, sizeof(double), compare_doubles);
  double median = times[calls / 2];
  printf("latency batch %lld  min %.1f us  median %.1f us  %.0f samples/s  "
         "(%d calls)\n",
         (long long)batch, times[0] * 1e6, median * 1e6, (double)batch / median,
         calls);
  free(x);
  free(out);
  free(labels);
  free(times);
  return 0;
}
