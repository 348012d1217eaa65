/*===- fit.c - The declarative training loop ------------------------------===*
 *
 * `train` of a model file without an explicit loop: epochs of shuffled
 * batches, the learning-rate schedule, and what Keras users know as
 * callbacks: a validation split evaluated after each epoch, early stopping
 * on a monitored metric, checkpoints every N epochs, keep-best, and
 * resuming from a checkpoint.
 *
 * A resumed run is bit-identical to an uninterrupted one: the shuffling of
 * epoch e is seeded with seed + e, dropout masks are keyed by the optimizer
 * step, and the checkpoint holds the parameters, the optimizer state, the
 * step and the epoch.
 *
 *===----------------------------------------------------------------------===*/

#include "program.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* `<checkpoint without .safetensors><suffix>.safetensors` */
static void derived_path(char *out, size_t size, const char *checkpoint,
                         const char *suffix) {
  size_t n = strlen(checkpoint);
  const char *ext = ".safetensors";
  size_t e = strlen(ext);
  if (n >= e && strcmp(checkpoint + n - e, ext) == 0)
    n -= e;
  snprintf(out, size, "%.*s%s%s", (int)n, checkpoint, suffix, ext);
}

/* The validation rows: the last `fraction` of the training rows (as Keras's
 * validation_split), as views into `data`. */
static void split_validation(const plx_dataset *data, double fraction,
                             plx_dataset *fit, plx_dataset *val) {
  int64_t held = (int64_t)((double)data->rows * fraction);
  if (held < 1)
    held = 1;
  if (held >= data->rows)
    held = data->rows - 1;
  *fit = *data;
  fit->rows = data->rows - held;
  *val = *data;
  val->rows = held;
  val->features = data->features + fit->rows * data->cols;
  val->labels = data->labels + fit->rows * data->label_cols;
}

/* Loads the --resume checkpoint: parameters, optimizer state, step and
 * epoch; its seed unless --seed overrides it. */
static int resume(program *p, const options *o, int64_t *first_epoch,
                  uint64_t *seed) {
  char error[1024];
  plx_checkpoint_meta meta;
  if (plx_read_checkpoint(p, o->resume, &meta, error, sizeof error))
    return plx_die("%s", error);
  if (meta.epoch >= o->epochs)
    return plx_die("%s: training already has %lld of %lld epochs", o->resume,
                   (long long)meta.epoch, (long long)o->epochs);
  *first_epoch = meta.epoch + 1;
  if (!o->has_seed)
    *seed = meta.seed;
  printf("resumed from %s at epoch %lld (step %lld)\n", o->resume,
         (long long)meta.epoch, (long long)meta.step);
  return 0;
}

int plx_fit(program *p, const options *o) {
  plx_model_info *m = &p->model;
  if (plx_load_data(p, m->train_data.data, o))
    return 1;
  const plx_dataset *data = plx_part_of(p, m->train_data.part);
  plx_dataset fit = *data, val = {0};
  double validation = o->has_validation ? o->validation : m->validation;
  if (validation > 0) {
    if (data->rows < 2)
      return plx_die("validation needs at least 2 training rows");
    split_validation(data, validation, &fit, &val);
  }
  if (fit.rows == 0)
    return plx_die("the training data is empty");
  int64_t first_epoch = 1;
  uint64_t seed = o->seed;
  plx_init_params(p, seed);
  if (o->resume && resume(p, o, &first_epoch, &seed))
    return 1;
  p->seed = seed;

  int64_t batch = o->batch;
  float *out = malloc((size_t)(batch * m->outputs) * sizeof(float));
  if (!out)
    return plx_die("out of memory");

  /* The columns of the epoch line: the metrics, then val_ ones. */
  char names[2 * PLX_MAX_METRICS + 1][24];
  const char *shown[2 * PLX_MAX_METRICS + 1];
  double values[2 * PLX_MAX_METRICS + 1];
  int count = 0;
  for (int i = 0; i < m->num_metrics; ++i)
    if (strcmp(m->metrics[i], "loss") != 0)
      snprintf(names[count++], sizeof names[0], "%s", m->metrics[i]);
  int train_count = count;
  if (val.rows) {
    snprintf(names[count++], sizeof names[0], "val_loss");
    for (int i = 0; i < m->num_metrics; ++i)
      if (strcmp(m->metrics[i], "loss") != 0)
        snprintf(names[count++], sizeof names[0], "val_%s", m->metrics[i]);
  }
  for (int i = 0; i < count; ++i)
    shown[i] = names[i];

  /* --plot: the loss and every column, per epoch (NaN before a resume). */
  int num_series = 1 + count;
  double *history = NULL;
  if (o->plot) {
    history = malloc((size_t)(num_series * o->epochs) * sizeof(double));
    if (!history) {
      free(out);
      return plx_die("out of memory");
    }
    for (int64_t i = 0; i < num_series * o->epochs; ++i)
      history[i] = NAN;
  }
  int64_t last_epoch = 0;

  char checkpoint[4096], derived[4200], best_path[4200];
  snprintf(checkpoint, sizeof checkpoint, "%s",
           plx_checkpoint_path(p, o, derived, sizeof derived));
  const char *monitor = m->monitor[0] ? m->monitor : "loss";
  int lower = plx_metric_lower_is_better(monitor);
  int64_t patience = o->has_patience ? o->patience : m->patience;
  double best = lower ? INFINITY : -INFINITY;
  int64_t best_epoch = 0, waited = 0;
  int rc = 0;
  for (int64_t epoch = first_epoch; epoch <= o->epochs; ++epoch) {
    double start = plx_time_seconds();
    double lr = plx_schedule_lr(m, o->lr, epoch, o->epochs);
    running_metrics r = {0};
    plx_batches b;
    plx_batches_init(&b, &fit, batch, m->shuffle, seed + (uint64_t)epoch);
    for (int64_t rows; (rows = plx_batches_next(&b)) > 0;) {
      double loss = plx_train_batch(p, b.x, b.y, rows, lr, out);
      plx_accumulate(m, &r, m->metrics, m->num_metrics, out, b.y, rows, loss);
    }
    plx_batches_free(&b);
    double train_loss = r.loss_sum / (double)r.rows;
    for (int i = 0, k = 0; i < m->num_metrics; ++i)
      if (strcmp(m->metrics[i], "loss") != 0)
        values[k++] = plx_metric_value(&r, m->metrics, i);
    running_metrics v = {0};
    if (val.rows) {
      rc = plx_evaluate_data(p, &val, batch, &v, m->metrics, m->num_metrics);
      if (rc)
        break;
      int k = train_count;
      values[k++] = v.loss_sum / (double)v.rows;
      for (int i = 0; i < m->num_metrics; ++i)
        if (strcmp(m->metrics[i], "loss") != 0)
          values[k++] = plx_metric_value(&v, m->metrics, i);
    }
    plx_print_epoch(epoch, o->epochs, train_loss, shown, values, count,
                    plx_time_seconds() - start);
    if (!isfinite(r.loss_sum))
      fprintf(stderr,
              "%s: warning: the loss is not finite; try a smaller --lr\n",
              plx_program_name());
    p->epoch = epoch;
    last_epoch = epoch;
    if (history) {
      history[epoch - 1] = train_loss;
      for (int i = 0; i < count; ++i)
        history[(1 + i) * o->epochs + epoch - 1] = values[i];
    }

    if (m->checkpoint_every && epoch % m->checkpoint_every == 0) {
      char suffix[32];
      snprintf(suffix, sizeof suffix, ".epoch%lld", (long long)epoch);
      derived_path(derived, sizeof derived, checkpoint, suffix);
      if ((rc = plx_save_checkpoint(p, derived)))
        break;
    }
    /* The monitored value: val_<metric> from the validation data. */
    int is_val = strncmp(monitor, "val_", 4) == 0;
    const char *metric = is_val ? monitor + 4 : monitor;
    running_metrics *source = is_val ? &v : &r;
    double current =
        source->loss_sum / (double)(source->rows ? source->rows : 1);
    for (int i = 0; i < m->num_metrics; ++i)
      if (strcmp(m->metrics[i], metric) == 0)
        current = plx_metric_value(source, m->metrics, i);
    plx_running_free(&r);
    plx_running_free(&v);
    double delta = o->has_patience ? 0 : m->min_delta;
    int improved = lower ? current < best - delta : current > best + delta;
    if (improved) {
      best = current;
      best_epoch = epoch;
      waited = 0;
      if (m->keep_best) {
        derived_path(best_path, sizeof best_path, checkpoint, ".best");
        if ((rc = plx_write_checkpoint(p, best_path)))
          break;
      }
    } else if (patience && ++waited >= patience) {
      printf("early stopping after epoch %lld: %s has not improved for "
             "%lld epochs (best %.4f at epoch %lld)\n",
             (long long)epoch, monitor, (long long)patience, best,
             (long long)best_epoch);
      break;
    }
  }
  free(out);
  if (!rc && history && last_epoch) {
    /* The series are rows of o->epochs values; plot the epochs run. */
    const char *series[2 * PLX_MAX_METRICS + 2];
    series[0] = "loss";
    for (int i = 0; i < count; ++i)
      series[1 + i] = shown[i];
    for (int i = 1; i < num_series; ++i)
      memmove(history + i * last_epoch, history + i * o->epochs,
              (size_t)last_epoch * sizeof(double));
    char error[1024], title[PLX_MAX_NAME + 16];
    snprintf(title, sizeof title, "%s: training", m->name);
    if (plx_plot_curves(o->plot, title, last_epoch, series, history, num_series,
                        error, sizeof error))
      rc = plx_die("%s", error);
    else
      printf("plot %s\n", o->plot);
  }
  free(history);
  if (rc)
    return rc;
  if (m->keep_best && best_epoch)
    printf("kept %s: epoch %lld, %s %.4f\n", best_path, (long long)best_epoch,
           monitor, best);
  return plx_finish_training(p, o);
}
