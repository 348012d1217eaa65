/*===- core.c - RNG, initialisation, batching, metrics, output ------------===*/

#include "model.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int plx_fail(char *error, size_t size, const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  vsnprintf(error, size, fmt, args);
  va_end(args);
  return 1;
}

/*--- Random numbers --------------------------------------------------------*/

static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

void plx_rng_seed(plx_rng *rng, uint64_t seed) {
  for (int i = 0; i < 4; ++i)
    rng->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t plx_rng_next(plx_rng *rng) {
  uint64_t *s = rng->s;
  uint64_t result = rotl(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

double plx_rng_uniform(plx_rng *rng) {
  return (double)(plx_rng_next(rng) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n). */
static uint64_t rng_below(plx_rng *rng, uint64_t n) {
  return (uint64_t)(plx_rng_uniform(rng) * (double)n) % n;
}

void plx_init_tensor(float *data, int64_t count, plx_init_kind kind,
                     int64_t fan_in, int64_t fan_out, plx_rng *rng) {
  double limit = 0;
  if (kind == PLX_INIT_GLOROT_UNIFORM)
    limit = sqrt(6.0 / (double)(fan_in + fan_out));
  else if (kind == PLX_INIT_HE_UNIFORM)
    limit = sqrt(6.0 / (double)fan_in);
  for (int64_t i = 0; i < count; ++i)
    data[i] = kind == PLX_INIT_ZEROS
                  ? 0.0f
                  : (float)((2.0 * plx_rng_uniform(rng) - 1.0) * limit);
}

/*--- Splits and normalization ----------------------------------------------*/

static void shuffle(int64_t *order, int64_t n, plx_rng *rng) {
  for (int64_t i = n - 1; i > 0; --i) {
    int64_t j = (int64_t)rng_below(rng, (uint64_t)i + 1);
    int64_t t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}

static int take_rows(const plx_dataset *all, const int64_t *rows, int64_t count,
                     plx_dataset *out) {
  memset(out, 0, sizeof *out);
  out->rows = count;
  out->cols = all->cols;
  out->label_cols = all->label_cols;
  out->features = malloc((size_t)(count * all->cols + 1) * sizeof(float));
  out->labels = malloc((size_t)(count * all->label_cols + 1) * sizeof(float));
  if (!out->features || !out->labels) {
    plx_data_free(out);
    return 1;
  }
  for (int64_t r = 0; r < count; ++r) {
    memcpy(out->features + r * all->cols, all->features + rows[r] * all->cols,
           (size_t)all->cols * sizeof(float));
    memcpy(out->labels + r * all->label_cols,
           all->labels + rows[r] * all->label_cols,
           (size_t)all->label_cols * sizeof(float));
  }
  return 0;
}

void plx_data_split_normalize(const plx_dataset *all, double fraction,
                              uint64_t seed, plx_normalization normalize,
                              plx_dataset *train, plx_dataset *test,
                              float *stats) {
  int64_t n = all->rows;
  int64_t *order = malloc((size_t)(n + 1) * sizeof(int64_t));
  memset(train, 0, sizeof *train);
  memset(test, 0, sizeof *test);
  if (!order)
    return;
  for (int64_t i = 0; i < n; ++i)
    order[i] = i;
  int64_t train_rows = n;
  if (fraction < 1.0) {
    plx_rng rng;
    plx_rng_seed(&rng, seed ^ 0x5eed5eed5eedull);
    shuffle(order, n, &rng);
    train_rows = (int64_t)llround(fraction * (double)n);
  }
  if (take_rows(all, order, train_rows, train) ||
      take_rows(all, order + train_rows, n - train_rows, test)) {
    free(order);
    return;
  }
  free(order);
  if (normalize == PLX_NORM_NONE)
    return;
  /* Fitted on the training rows only: stats[2c], stats[2c+1] are
   * (min, max) or (mean, standard deviation) of column c. */
  int64_t cols = all->cols;
  for (int64_t c = 0; c < cols; ++c) {
    double a = 0, b = 0;
    if (normalize == PLX_NORM_MINMAX) {
      a = INFINITY;
      b = -INFINITY;
      for (int64_t r = 0; r < train->rows; ++r) {
        double v = train->features[r * cols + c];
        a = v < a ? v : a;
        b = v > b ? v : b;
      }
      if (train->rows == 0)
        a = b = 0;
    } else {
      for (int64_t r = 0; r < train->rows; ++r)
        a += train->features[r * cols + c];
      a = train->rows ? a / (double)train->rows : 0;
      for (int64_t r = 0; r < train->rows; ++r) {
        double d = train->features[r * cols + c] - a;
        b += d * d;
      }
      b = train->rows ? sqrt(b / (double)train->rows) : 0;
    }
    if (stats) {
      stats[2 * c] = (float)a;
      stats[2 * c + 1] = (float)b;
    }
    plx_dataset *parts[2] = {train, test};
    for (int p = 0; p < 2; ++p)
      for (int64_t r = 0; r < parts[p]->rows; ++r) {
        float *v = &parts[p]->features[r * cols + c];
        if (normalize == PLX_NORM_MINMAX)
          *v = b > a ? (float)((*v - a) / (b - a)) : 0.0f;
        else
          *v = b > 0 ? (float)((*v - a) / b) : (float)(*v - a);
      }
  }
}

void plx_data_free(plx_dataset *data) {
  free(data->features);
  free(data->labels);
  memset(data, 0, sizeof *data);
}

/*--- Batching ---------------------------------------------------------------*/

void plx_batches_init(plx_batches *b, const plx_dataset *data,
                      int64_t batch_size, int shuffle_rows, uint64_t seed) {
  memset(b, 0, sizeof *b);
  b->data = data;
  b->batch_size = batch_size;
  b->order = malloc((size_t)(data->rows + 1) * sizeof(int64_t));
  b->x = malloc((size_t)(batch_size * data->cols + 1) * sizeof(float));
  b->y = malloc((size_t)(batch_size * data->label_cols + 1) * sizeof(float));
  if (!b->order || !b->x || !b->y) {
    plx_batches_free(b);
    return;
  }
  for (int64_t i = 0; i < data->rows; ++i)
    b->order[i] = i;
  if (shuffle_rows) {
    plx_rng rng;
    plx_rng_seed(&rng, seed);
    shuffle(b->order, data->rows, &rng);
  }
}

int64_t plx_batches_next(plx_batches *b) {
  if (!b->order || b->position >= b->data->rows)
    return 0;
  const plx_dataset *d = b->data;
  int64_t rows = d->rows - b->position;
  if (rows > b->batch_size)
    rows = b->batch_size;
  for (int64_t r = 0; r < rows; ++r) {
    int64_t src = b->order[b->position + r];
    memcpy(b->x + r * d->cols, d->features + src * d->cols,
           (size_t)d->cols * sizeof(float));
    memcpy(b->y + r * d->label_cols, d->labels + src * d->label_cols,
           (size_t)d->label_cols * sizeof(float));
  }
  b->position += rows;
  return rows;
}

void plx_batches_free(plx_batches *b) {
  free(b->order);
  free(b->x);
  free(b->y);
  b->order = NULL;
  b->x = b->y = NULL;
}

/*--- Metrics ----------------------------------------------------------------*/

double plx_metric_accuracy(const float *outputs, const float *labels,
                           int64_t rows, int64_t classes) {
  if (rows == 0)
    return 0;
  int64_t correct = 0;
  for (int64_t r = 0; r < rows; ++r) {
    const float *o = outputs + r * classes;
    int64_t best = 0;
    for (int64_t c = 1; c < classes; ++c)
      if (o[c] > o[best])
        best = c;
    correct += (float)best == labels[r];
  }
  return (double)correct / (double)rows;
}

double plx_metric_mse(const float *outputs, const float *targets,
                      int64_t count) {
  double sum = 0;
  for (int64_t i = 0; i < count; ++i) {
    double d = (double)outputs[i] - targets[i];
    sum += d * d;
  }
  return count ? sum / (double)count : 0;
}

double plx_metric_mae(const float *outputs, const float *targets,
                      int64_t count) {
  double sum = 0;
  for (int64_t i = 0; i < count; ++i)
    sum += fabs((double)outputs[i] - targets[i]);
  return count ? sum / (double)count : 0;
}

/*--- Output -----------------------------------------------------------------*/

void plx_print_epoch(int64_t epoch, int64_t epochs, double loss,
                     const char *const *names, const double *values, int count,
                     double seconds) {
  printf("epoch %lld/%lld  loss %.4f", (long long)epoch, (long long)epochs,
         loss);
  for (int i = 0; i < count; ++i)
    printf("  %s %.4f", names[i], values[i]);
  printf("  %.2fs\n", seconds);
  fflush(stdout);
}

static int write_rows(FILE *f, const float *outputs, int64_t rows, int64_t cols,
                      int classes) {
  for (int64_t c = 0; c < cols; ++c)
    fprintf(f, c ? ",output%lld" : "output%lld", (long long)c);
  fprintf(f, classes > 0 ? ",class\n" : "\n");
  for (int64_t r = 0; r < rows; ++r) {
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
  return ferror(f);
}

int plx_write_predictions_csv(const char *path, const float *outputs,
                              int64_t rows, int64_t cols, int classes,
                              char *error, size_t error_size) {
  if (!path)
    return write_rows(stdout, outputs, rows, cols, classes);
  size_t size = strlen(path) + 32;
  char *tmp = malloc(size);
  if (!tmp) {
    snprintf(error, error_size, "%s: out of memory", path);
    return 1;
  }
  snprintf(tmp, size, "%s.tmp.%ld", path, (long)getpid());
  FILE *f = fopen(tmp, "w");
  if (!f) {
    snprintf(error, error_size, "%s: cannot write: %s", path, strerror(errno));
    free(tmp);
    return 1;
  }
  int bad = write_rows(f, outputs, rows, cols, classes);
  bad |= fclose(f) != 0;
  if (bad || rename(tmp, path) != 0) {
    snprintf(error, error_size, "%s: cannot write: %s", path, strerror(errno));
    remove(tmp);
    free(tmp);
    return 1;
  }
  free(tmp);
  return 0;
}

double plx_time_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
