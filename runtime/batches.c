/*===- batches.c - Mini-batches in a seeded order ------------------------===*/

#include "internal.h"

#include <stdlib.h>
#include <string.h>

void plx_batches_init(plx_batches *b, const plx_dataset *data,
                      int64_t batch_size, int shuffle, uint64_t seed) {
  if (!b)
    return;
  memset(b, 0, sizeof *b);
  b->data = data;
  if (!data || data->rows < 0 || data->cols < 0 || data->label_cols < 0)
    return; /* plx_batches_next then yields nothing */
  /* A batch size < 1 means the whole data set in one batch. */
  if (batch_size < 1)
    batch_size = data->rows > 0 ? data->rows : 1;
  b->batch_size = batch_size;
  /* No batch holds more rows than the data set. */
  int64_t capacity = batch_size < data->rows ? batch_size : data->rows;
  size_t order_bytes = plx_array_bytes(data->rows, sizeof(int64_t));
  size_t x_bytes = plx_array_bytes(capacity * data->cols, sizeof(float));
  size_t y_bytes = plx_array_bytes(capacity * data->label_cols, sizeof(float));
  b->order = order_bytes ? malloc(order_bytes) : NULL;
  b->x = x_bytes ? malloc(x_bytes) : NULL;
  b->y = y_bytes ? malloc(y_bytes) : NULL;
  if (!b->order || !b->x || !b->y) {
    plx_batches_free(b);
    return;
  }
  for (int64_t i = 0; i < data->rows; ++i)
    b->order[i] = i;
  if (shuffle) {
    plx_rng rng;
    plx_rng_seed(&rng, seed);
    plx_shuffle(b->order, data->rows, &rng);
  }
}

int64_t plx_batches_next(plx_batches *b) {
  if (!b || !b->order || !b->data || b->position >= b->data->rows)
    return 0;
  const plx_dataset *d = b->data;
  int64_t rows = d->rows - b->position;
  if (rows > b->batch_size)
    rows = b->batch_size;
  for (int64_t r = 0; r < rows; ++r) {
    int64_t src = b->order[b->position + r];
    if (d->cols)
      memcpy(b->x + r * d->cols, d->features + src * d->cols,
             (size_t)d->cols * sizeof(float));
    if (d->label_cols)
      memcpy(b->y + r * d->label_cols, d->labels + src * d->label_cols,
             (size_t)d->label_cols * sizeof(float));
  }
  b->position += rows;
  return rows;
}

void plx_batches_free(plx_batches *b) {
  if (!b)
    return;
  free(b->order);
  free(b->x);
  free(b->y);
  b->order = NULL;
  b->x = b->y = NULL;
}
