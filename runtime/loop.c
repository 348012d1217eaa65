/*===- loop.c - The API an explicit training loop calls ------------------===*
 *
 * `train M on d { for epoch in 1..30 { ... } }` is compiled into the control
 * flow of plx_train_loop(ctx); the loop calls these functions for what
 * touches data, the optimizer step, logging and checkpoints.
 *
 *===----------------------------------------------------------------------===*/

#define _POSIX_C_SOURCE 200809L

#include "program.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  program *p;
  const options *o;
  double lr;
  plx_batches batches;
  int batches_active;
  uint64_t shuffles;
  float *out;
  int64_t out_rows;
  int64_t rows; /* of the current batch */
  int failed;
  int log_fields;
} loop_context;

void plx_rt_epoch_begin(void *ctx, int64_t epoch) { (void)ctx, (void)epoch; }

void plx_rt_set_lr(void *ctx, double lr) { ((loop_context *)ctx)->lr = lr; }

double plx_rt_get_lr(void *ctx) { return ((loop_context *)ctx)->lr; }

void plx_rt_batches_begin(void *ctx, int64_t data, int64_t part, int64_t size,
                          int64_t shuffle) {
  loop_context *c = ctx;
  if (c->batches_active)
    plx_batches_free(&c->batches);
  c->batches_active = 0;
  if (c->failed || plx_load_data(c->p, (int)data, c->o)) {
    c->failed = 1;
    return;
  }
  int64_t batch = c->o->has_batch ? c->o->batch : size;
  if (batch > c->out_rows) {
    free(c->out);
    c->out = malloc((size_t)(batch * c->p->model.outputs) * sizeof(float));
    c->out_rows = c->out ? batch : 0;
    if (!c->out) {
      c->failed = plx_die("out of memory");
      return;
    }
  }
  plx_batches_init(&c->batches, plx_part_of(c->p, (plx_part)part), batch,
                   (int)shuffle, c->o->seed + ++c->shuffles);
  c->batches_active = 1;
}

int64_t plx_rt_batches_next(void *ctx) {
  loop_context *c = ctx;
  if (!c->batches_active || c->failed)
    return 0;
  c->rows = plx_batches_next(&c->batches);
  return c->rows;
}

void plx_rt_batches_end(void *ctx) {
  loop_context *c = ctx;
  if (c->batches_active)
    plx_batches_free(&c->batches);
  c->batches_active = 0;
}

double plx_rt_step(void *ctx) {
  loop_context *c = ctx;
  int64_t n = c->rows;
  if (c->failed || n <= 0)
    return 0;
  return plx_train_batch(c->p, c->batches.x, c->batches.y, n, c->lr, c->out);
}

void plx_rt_log_begin(void *ctx) { ((loop_context *)ctx)->log_fields = 0; }

static void log_separator(loop_context *c) {
  if (c->log_fields++)
    printf("  ");
}

void plx_rt_log_int(void *ctx, const char *label, int64_t value) {
  log_separator(ctx);
  printf("%s%s%lld", label, label[0] ? " " : "", (long long)value);
}

void plx_rt_log_number(void *ctx, const char *label, double value) {
  log_separator(ctx);
  printf("%s%s%.6g", label, label[0] ? " " : "", value);
}

void plx_rt_log_string(void *ctx, const char *text) {
  log_separator(ctx);
  printf("%s", text);
}

void plx_rt_log_evaluate(void *ctx, int64_t data, int64_t part,
                         const char *metric_list) {
  loop_context *c = ctx;
  if (c->failed)
    return;
  /* Loading another data set would free the one being batched. */
  if (c->batches_active && c->p->loaded_data != (int)data) {
    c->failed = plx_die(
        "plx_evaluate_data(...) inside a batch loop must use the data set "
        "being batched");
    return;
  }
  if (plx_load_data(c->p, (int)data, c->o)) {
    c->failed = 1;
    return;
  }
  char metrics[PLX_MAX_METRICS][16];
  int count = 0;
  char copy[256];
  snprintf(copy, sizeof copy, "%s", metric_list);
  char *save = NULL;
  for (char *t = strtok_r(copy, " ", &save); t && count < PLX_MAX_METRICS;
       t = strtok_r(NULL, " ", &save))
    snprintf(metrics[count++], 16, "%s", t);
  running_metrics r;
  if (plx_evaluate_data(c->p, plx_part_of(c->p, (plx_part)part), 256, &r,
                        metrics, count)) {
    c->failed = 1;
    return;
  }
  for (int i = 0; i < count; ++i) {
    log_separator(c);
    printf("%s %.4f", metrics[i], plx_metric_value(&r, metrics, i));
  }
  plx_running_free(&r);
}

void plx_rt_log_end(void *ctx) {
  (void)ctx;
  printf("\n");
  fflush(stdout);
}

void plx_rt_save(void *ctx, const char *path) {
  loop_context *c = ctx;
  if (!c->failed && plx_save_checkpoint(c->p, path))
    c->failed = 1;
}

int plx_train_with_loop(program *p, const options *o) {
  if (!plx_train_loop)
    return plx_die("this program was built without its training loop");
  plx_init_params(p, o->seed);
  loop_context c;
  memset(&c, 0, sizeof c);
  c.p = p;
  c.o = o;
  c.lr = o->lr;
  plx_train_loop(&c);
  if (c.batches_active)
    plx_batches_free(&c.batches);
  free(c.out);
  if (c.failed)
    return 1;
  return plx_finish_training(p, o);
}
