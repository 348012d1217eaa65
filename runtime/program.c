/*===- program.c - main() of every compiled Plexus program ----------------===*
 *
 *   model train   [options]     (options.c lists them)
 *   model eval    [--data F] [--checkpoint F]
 *   model predict [input.csv|input.npy] [--output F] [--plot F]
 *
 * The model itself (shapes, parameters, data sources, training settings) is
 * read from the descriptor that plexc embedded; the compiled kernels are
 * called through MLIR's C interface.
 *
 *===----------------------------------------------------------------------===*/

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* strdup, strtok_r, fileno */
#endif

#include "program.h"
#include "device.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Loads data set `index` (or --data instead of its file), then splits and
 * normalizes it. The statistics are fitted on the training part only. */
int plx_load_data(program *p, int index, const options *o) {
  if (p->loaded_data == index)
    return 0;
  plx_data_free(&p->all);
  plx_data_free(&p->train);
  plx_data_free(&p->test);
  plx_data_info *d = &p->model.data[index];
  plx_data_spec spec = d->spec;
  /* --data replaces the training data set's file (and so its splits). */
  if (o->data && index == p->model.train_data.data)
    spec.path = o->data;
  /* A classifier's labels are checked while loading, with their line. */
  if (p->model.task == PLX_TASK_CLASSIFICATION && spec.num_classes == 0)
    spec.num_classes = p->model.outputs;
  char error[1024];
  if (plx_data_load(&spec, &p->all, error, sizeof error))
    return plx_die("%s", error);
  if (p->all.cols != p->model.inputs)
    return plx_die("%s: %lld features per sample, the model takes %lld",
                   spec.path, (long long)p->all.cols,
                   (long long)p->model.inputs);
  if (p->all.label_cols != p->model.label_cols)
    return plx_die("%s: %lld label columns, the model's loss needs %lld",
                   spec.path ? spec.path : d->name,
                   (long long)p->all.label_cols,
                   (long long)p->model.label_cols);
  if (p->model.task == PLX_TASK_CLASSIFICATION) {
    for (int64_t r = 0; r < p->all.rows; ++r) {
      float label = p->all.labels[r];
      if (!(label >= 0) || label >= (float)p->model.outputs ||
          label != floorf(label))
        return plx_die(
            "%s: sample %lld has label %g; the model has %lld classes "
            "(0..%lld)",
            spec.path ? spec.path : d->name, (long long)r + 1, (double)label,
            (long long)p->model.outputs, (long long)p->model.outputs - 1);
    }
  }
  double fraction = spec.split > 0 ? spec.split : 1.0;
  free(p->stats);
  p->num_stats = 2 * p->all.cols;
  p->stats = calloc((size_t)p->num_stats, sizeof(float));
  if (!p->stats)
    return plx_die("out of memory");
  plx_data_split_normalize(&p->all, fraction, spec.seed, spec.normalize,
                           &p->train, &p->test, p->stats);
  if (spec.normalize == PLX_NORM_NONE)
    p->num_stats = 0;
  else
    plx_normalize_apply(&p->all, spec.normalize, p->stats);
  p->loaded_data = index;
  return 0;
}

const plx_dataset *plx_part_of(program *p, plx_part part) {
  if (part == PLX_PART_TRAIN)
    return &p->train;
  if (part == PLX_PART_TEST)
    return &p->test;
  /* "all" of a split data set: both parts, normalized alike. */
  return p->test.rows ? &p->all : &p->train;
}

void plx_init_params(program *p, uint64_t seed) {
  plx_rng rng;
  plx_rng_seed(&rng, seed);
  for (int i = 0; i < p->model.num_params; ++i) {
    const plx_param_info *info = &p->model.params[i];
    int64_t count = plx_param_count(info);
    plx_init_tensor(p->params + info->offset, count, info->init, info->fan_in,
                    info->fan_out, &rng);
  }
  plx_params_changed();
  memset(p->state, 0, (size_t)p->model.state_size * sizeof(float));
}

/* Whether `name` is a macro average (precision, recall, f1), and which. */
static int macro_metric(const char *name, plx_macro_metric *which) {
  if (strcmp(name, "precision") == 0)
    *which = PLX_MACRO_PRECISION;
  else if (strcmp(name, "recall") == 0)
    *which = PLX_MACRO_RECALL;
  else if (strcmp(name, "f1") == 0)
    *which = PLX_MACRO_F1;
  else
    return 0;
  return 1;
}

void plx_accumulate(const plx_model_info *m, running_metrics *r,
                    const char (*metrics)[16], int num_metrics,
                    const float *out, const float *labels, int64_t rows,
                    double loss) {
  r->loss_sum += loss * (double)rows;
  int needs_confusion = 0;
  plx_macro_metric which;
  for (int i = 0; i < num_metrics; ++i) {
    const char *name = metrics[i];
    double v = 0;
    if (strcmp(name, "accuracy") == 0) {
      if (m->task == PLX_TASK_CLASSIFICATION) {
        v = plx_metric_accuracy(out, labels, rows, m->outputs);
      } else {
        int64_t correct = 0;
        for (int64_t k = 0; k < rows * m->outputs; ++k)
          correct += (out[k] >= 0.5f) == (labels[k] >= 0.5f);
        v = (double)correct / (double)(rows * m->outputs);
      }
    } else if (strncmp(name, "top", 3) == 0) {
      v = plx_metric_top_k(out, labels, rows, m->outputs, atoll(name + 3));
    } else if (macro_metric(name, &which)) {
      /* Macro averages need the whole data set: counted below. */
      needs_confusion = 1;
      continue;
    } else if (m->task == PLX_TASK_CLASSIFICATION) {
      /* Against the one-hot encoding of the class labels. */
      double sum = 0;
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < m->outputs; ++c) {
          double d = out[r * m->outputs + c] - (labels[r] == (float)c);
          sum += strcmp(name, "mse") == 0 ? d * d : fabs(d);
        }
      v = sum / (double)(rows * m->outputs);
    } else if (strcmp(name, "mse") == 0) {
      v = plx_metric_mse(out, labels, rows * m->label_cols);
    } else if (strcmp(name, "mae") == 0) {
      v = plx_metric_mae(out, labels, rows * m->label_cols);
    }
    r->metric_sum[i] += v * (double)rows;
  }
  if (needs_confusion && !r->confusion) {
    r->classes = m->outputs;
    r->confusion = calloc((size_t)(r->classes * r->classes), sizeof(int64_t));
  }
  if (needs_confusion && r->confusion)
    plx_confusion_add(r->confusion, out, labels, rows, r->classes);
  r->rows += rows;
}

void plx_running_free(running_metrics *r) {
  free(r->confusion);
  r->confusion = NULL;
}

/* Metrics of the model on a whole data set, in batches. */
int plx_evaluate_data(program *p, const plx_dataset *data, int64_t batch,
                      running_metrics *r, const char (*metrics)[16],
                      int num_metrics) {
  memset(r, 0, sizeof *r);
  const plx_model_info *m = &p->model;
  float *out = malloc((size_t)(batch * m->outputs) * sizeof(float));
  if (!out)
    return plx_die("out of memory");
  plx_batches b;
  plx_batches_init(&b, data, batch, 0, 0);
  plx_memref1 params = plx_memref_vector(p->params, m->total_params);
  for (int64_t rows; (rows = plx_batches_next(&b)) > 0;) {
    plx_memref2 x = plx_memref_matrix(b.x, rows, m->inputs);
    plx_memref2 y = plx_memref_matrix(b.y, rows, m->label_cols);
    plx_memref2 o = plx_memref_matrix(out, rows, m->outputs);
    float loss = 0;
    plx_memref0 l = {&loss, &loss, 0};
    _mlir_ciface_plx_evaluate(&params, &x, &y, &l, &o);
    plx_accumulate(m, r, metrics, num_metrics, out, b.y, rows, loss);
  }
  plx_batches_free(&b);
  free(out);
  return 0;
}

double plx_metric_value(const running_metrics *r, const char (*metrics)[16],
                        int i) {
  double rows = r->rows ? (double)r->rows : 1.0;
  plx_macro_metric which;
  if (r->confusion && macro_metric(metrics[i], &which))
    return plx_metric_macro(r->confusion, r->classes, which);
  return strcmp(metrics[i], "loss") == 0 ? r->loss_sum / rows
                                         : r->metric_sum[i] / rows;
}

static void print_metrics(const char *prefix, const running_metrics *r,
                          const char (*metrics)[16], int num_metrics) {
  printf("%s", prefix);
  for (int i = 0; i < num_metrics; ++i)
    printf("  %s %.4f", metrics[i], plx_metric_value(r, metrics, i));
  printf("\n");
}

const char *plx_checkpoint_path(const program *p, const options *o,
                                char *buffer, size_t size) {
  if (o->checkpoint)
    return o->checkpoint;
  snprintf(buffer, size, "%s.safetensors", p->model.name);
  return buffer;
}

void plx_forward(program *p, float *x, float *zero_labels, int64_t rows,
                 float *out) {
  const plx_model_info *m = &p->model;
  plx_memref1 params = plx_memref_vector(p->params, m->total_params);
  plx_memref2 xm = plx_memref_matrix(x, rows, m->inputs);
  plx_memref2 ym = plx_memref_matrix(zero_labels, rows, m->label_cols);
  plx_memref2 om = plx_memref_matrix(out, rows, m->outputs);
  /* No loss buffer: CPU code then skips the loss (plexus-optional-outputs).
   * The GPU pipeline always writes it. */
  float loss = 0;
  plx_memref0 l = {&loss, &loss, 0};
  if (!&plx_cuda_device)
    l.allocated = l.aligned = NULL;
  _mlir_ciface_plx_evaluate(&params, &xm, &ym, &l, &om);
}

/* The model's outputs for every row of `data` (rows x outputs), computed
 * in batches; NULL after reporting an error. The caller frees them. */
static float *forward_all(program *p, const plx_dataset *data) {
  const plx_model_info *m = &p->model;
  const int64_t batch = 256;
  float *out = malloc((size_t)(data->rows * m->outputs + 1) * sizeof(float));
  float *labels = calloc((size_t)(batch * m->label_cols), sizeof(float));
  if (!out || !labels) {
    free(out);
    free(labels);
    plx_die("out of memory");
    return NULL;
  }
  for (int64_t start = 0; start < data->rows; start += batch) {
    int64_t rows = data->rows - start < batch ? data->rows - start : batch;
    plx_forward(p, data->features + start * m->inputs, labels, rows,
                out + start * m->outputs);
  }
  free(labels);
  return out;
}

/* predict --plot: the rows' features coloured by predicted class. */
static int plot_predictions(program *p, const options *o,
                            const plx_dataset *data, const float *out) {
  const plx_model_info *m = &p->model;
  int64_t *classes =
      malloc((size_t)(data->rows ? data->rows : 1) * sizeof(int64_t));
  if (!classes)
    return plx_die("out of memory");
  for (int64_t r = 0; r < data->rows; ++r) {
    const float *row = out + r * m->outputs;
    classes[r] = m->outputs > 1 ? plx_argmax(row, m->outputs) : row[0] >= 0.5f;
  }
  char error[1024], title[PLX_MAX_NAME + 32];
  snprintf(title, sizeof title, "%s: predicted classes", m->name);
  int rc = plx_plot_scatter(
      o->plot, title, data->features, data->rows, data->cols, o->plot_x,
      o->plot_y, classes, m->outputs > 1 ? m->outputs : 2, error, sizeof error);
  free(classes);
  if (rc)
    return plx_die("%s", error);
  printf("plot %s\n", o->plot);
  return 0;
}

static int write_predictions(program *p, const options *o,
                             const plx_dataset *data, const char *path) {
  const plx_model_info *m = &p->model;
  float *out = forward_all(p, data);
  if (!out)
    return 1;
  if (o->plot && strcmp(o->command, "predict") == 0 &&
      plot_predictions(p, o, data, out)) {
    free(out);
    return 1;
  }
  char error[1024];
  int classes = m->task == PLX_TASK_CLASSIFICATION ? (int)m->outputs : 0;
  const char *ext = path ? strrchr(path, '.') : NULL;
  int rc = ext && strcmp(ext, ".npy") == 0
               ? plx_write_predictions_npy(path, out, data->rows, m->outputs,
                                           classes, error, sizeof error)
               : plx_write_predictions_csv(path && path[0] ? path : NULL, out,
                                           data->rows, m->outputs, classes,
                                           error, sizeof error);
  free(out);
  if (rc)
    return plx_die("%s", error);
  if (path && path[0])
    printf("predict  %lld rows -> %s\n", (long long)data->rows, path);
  return 0;
}

/* For classifiers: the confusion matrix of `data` (rows: true class,
 * columns: predicted class), printed after the metrics of `eval`. */
static int print_confusion(program *p, const plx_dataset *data,
                           const char *name) {
  const plx_model_info *m = &p->model;
  int64_t classes = m->outputs;
  if (m->task != PLX_TASK_CLASSIFICATION || classes > 32 || data->rows == 0)
    return 0;
  int64_t *counts = calloc((size_t)(classes * classes), sizeof(int64_t));
  if (!counts)
    return plx_die("out of memory");
  float *out = forward_all(p, data);
  if (!out) {
    free(counts);
    return 1;
  }
  plx_confusion_add(counts, out, data->labels, data->rows, classes);
  printf("confusion %s (rows: true class, columns: predicted class)\n", name);
  printf("     ");
  for (int64_t c = 0; c < classes; ++c)
    printf(" %5lld", (long long)c);
  printf("\n");
  for (int64_t t = 0; t < classes; ++t) {
    printf("%5lld", (long long)t);
    for (int64_t c = 0; c < classes; ++c)
      printf(" %5lld", (long long)counts[t * classes + c]);
    printf("\n");
  }
  free(counts);
  free(out);
  return 0;
}

/* The evaluate and predict declarations of the model file. `evals`/`predict`
 * select the declarations to run; `confusion` adds the confusion matrix of each
 * evaluation (the eval command). */
static int run_declared_steps(program *p, const options *o, int evals,
                              int predict, int confusion) {
  for (int i = 0; evals && i < p->model.num_evals; ++i) {
    plx_eval_info *e = &p->model.evals[i];
    if (plx_load_data(p, e->data.data, o))
      return 1;
    running_metrics r;
    if (plx_evaluate_data(p, plx_part_of(p, e->data.part), e->batch, &r,
                          e->metrics, e->num_metrics))
      return 1;
    char prefix[PLX_MAX_NAME + 32];
    const char *parts[] = {"", ".train", ".test"};
    snprintf(prefix, sizeof prefix, "eval %s%s",
             p->model.data[e->data.data].name, parts[e->data.part]);
    print_metrics(prefix, &r, e->metrics, e->num_metrics);
    plx_running_free(&r);
    if (confusion &&
        print_confusion(p, plx_part_of(p, e->data.part), prefix + 5))
      return 1;
  }
  for (int i = 0; predict && i < p->model.num_predicts; ++i) {
    plx_predict_info *pi = &p->model.predicts[i];
    if (plx_load_data(p, pi->data.data, o))
      return 1;
    const char *path = o->output ? o->output : pi->output;
    if (write_predictions(p, o, plx_part_of(p, pi->data.part), path))
      return 1;
  }
  return 0;
}

double plx_train_batch(program *p, float *x, float *y, int64_t rows, double lr,
                       float *out) {
  const plx_model_info *m = &p->model;
  ++p->step;
  p->hyper[PLX_HYPER_LR] = (float)lr;
  p->hyper[PLX_HYPER_STEP] = (float)p->step;
  plx_memref1 params = plx_memref_vector(p->params, m->total_params);
  plx_memref1 state = plx_memref_vector(p->state, m->state_size);
  plx_memref1 hyper = plx_memref_vector(p->hyper, PLX_NUM_HYPER);
  plx_memref2 xm = plx_memref_matrix(x, rows, m->inputs);
  plx_memref2 ym = plx_memref_matrix(y, rows, m->label_cols);
  plx_memref2 om = plx_memref_matrix(out, rows, m->outputs);
  float loss = 0;
  plx_memref0 l = {&loss, &loss, 0};
  _mlir_ciface_plx_train_step(&params, &state, &xm, &ym, &hyper, &l, &om);
  plx_params_changed();
  return loss;
}

int plx_write_checkpoint(program *p, const char *path) {
  char error[1024];
  plx_checkpoint_meta meta = {p->step, p->epoch, p->seed};
  if (plx_checkpoint_save(path, &p->model, p->params, p->state, p->stats,
                          p->num_stats, &meta, error, sizeof error))
    return plx_die("%s", error);
  return 0;
}

int plx_save_checkpoint(program *p, const char *path) {
  if (plx_write_checkpoint(p, path))
    return 1;
  printf("saved %s\n", path);
  return 0;
}

int plx_read_checkpoint(program *p, const char *path, plx_checkpoint_meta *meta,
                        char *error, size_t size) {
  /* The normalization statistics come from the data, not the checkpoint. */
  int rc = plx_checkpoint_load(path, &p->model, p->params, p->state, NULL,
                               NULL, meta, error, size);
  plx_params_changed(); /* even a failed read may have written some */
  if (rc)
    return 1;
  p->step = meta->step;
  p->epoch = meta->epoch;
  return 0;
}

int plx_finish_training(program *p, const options *o) {
  char buffer[PLX_MAX_NAME + 32];
  if (plx_save_checkpoint(p, plx_checkpoint_path(p, o, buffer, sizeof buffer)))
    return 1;
  return run_declared_steps(p, o, 1, 1, 0);
}

static int train(program *p, const options *o) {
  p->seed = o->seed;
  if (p->model.explicit_loop) {
    if (o->resume)
      return plx_die("--resume needs the declarative train form; an "
                     "explicit loop saves and loads its own checkpoints");
    return plx_train_with_loop(p, o);
  }
  return plx_fit(p, o);
}

static int load_checkpoint(program *p, const options *o) {
  char buffer[PLX_MAX_NAME + 32], error[1024];
  plx_checkpoint_meta meta;
  if (plx_read_checkpoint(p, plx_checkpoint_path(p, o, buffer, sizeof buffer),
                          &meta, error, sizeof error))
    return plx_die("%s (train first: %s train)", error, plx_program_name());
  return 0;
}

static int eval(program *p, const options *o) {
  if (load_checkpoint(p, o))
    return 1;
  if (p->model.num_evals)
    return run_declared_steps(p, o, 1, 0, 1);
  /* No evaluate declaration: the training data's test part, or all of it. */
  plx_model_info *m = &p->model;
  if (plx_load_data(p, m->train_data.data, o))
    return 1;
  const char metrics[2][16] = {"loss", "accuracy"};
  int count = m->task == PLX_TASK_REGRESSION ? 1 : 2;
  running_metrics r;
  if (plx_evaluate_data(p, p->test.rows ? &p->test : &p->train, m->batch, &r,
                        metrics, count))
    return 1;
  print_metrics("eval", &r, metrics, count);
  plx_running_free(&r);
  return print_confusion(p, p->test.rows ? &p->test : &p->train, "eval");
}

static int predict(program *p, const options *o) {
  if (load_checkpoint(p, o))
    return 1;
  plx_model_info *m = &p->model;
  if (!o->input) {
    if (!m->num_predicts) {
      /* Predict the training data set when the file declares nothing. */
      if (plx_load_data(p, m->train_data.data, o))
        return 1;
      return write_predictions(p, o, plx_part_of(p, PLX_PART_ALL), o->output);
    }
    return run_declared_steps(p, o, 0, 1, 0);
  }
  /* A file of features: every column is a feature, normalized with the
   * statistics of the training data. */
  if (plx_load_data(p, m->train_data.data, &(options){0}))
    return 1;
  plx_data_spec spec = m->data[m->train_data.data].spec;
  const char *ext = strrchr(o->input, '.');
  spec.kind = ext && strcmp(ext, ".npy") == 0 ? PLX_DATA_NPY : PLX_DATA_CSV;
  spec.path = o->input;
  spec.labels_path = NULL;
  spec.label_column = -1;
  spec.feature_columns = NULL;
  spec.num_classes = 0;
  spec.header = spec.kind == PLX_DATA_CSV ? spec.header : 0;
  plx_dataset input = {0};
  char error[1024];
  if (plx_data_load(&spec, &input, error, sizeof error))
    return plx_die("%s", error);
  if (input.cols != m->inputs) {
    plx_data_free(&input);
    return plx_die("%s: %lld columns, the model takes %lld features", o->input,
                   (long long)input.cols, (long long)m->inputs);
  }
  if (p->num_stats)
    plx_normalize_apply(&input, spec.normalize, p->stats);
  int rc = write_predictions(p, o, &input, o->output);
  plx_data_free(&input);
  return rc;
}

/* Parameters and optimizer state: on the GPU in --target=cuda binaries
 * (managed memory, reached by the host code here too), else on the heap. */
static float *model_buffer(int64_t count) {
  if (&plx_cuda_device)
    return plx_cuda_device.alloc((size_t)count * sizeof(float));
  return calloc((size_t)count, sizeof(float));
}

static void free_model_buffer(float *buffer) {
  if (&plx_cuda_device)
    plx_cuda_device.free(buffer);
  else
    free(buffer);
}

int main(int argc, char **argv) {
#ifdef __GLIBC__
  /* The generated steps allocate their temporaries per call; keep freed
   * blocks in the heap instead of returning them to the kernel each step. */
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
#endif
  const char *slash = strrchr(argv[0], '/');
  plx_set_program_name(slash ? slash + 1 : argv[0]);
  program p;
  memset(&p, 0, sizeof p);
  p.loaded_data = -1;
  char error[1024];
  if (plx_model_parse(plx_model_descriptor, &p.model, error, sizeof error))
    return plx_die("%s", error);
  options o;
  if (plx_parse_options(argc, argv, &p, &o)) {
    plx_model_free(&p.model);
    return 2;
  }
  p.params = model_buffer(p.model.total_params);
  p.state = model_buffer(p.model.state_size ? p.model.state_size : 1);
  int rc;
  if (!p.params || !p.state)
    rc = plx_die("out of memory");
  else if (strcmp(o.command, "train") == 0)
    rc = train(&p, &o);
  else if (strcmp(o.command, "eval") == 0)
    rc = eval(&p, &o);
  else if (strcmp(o.command, "latency") == 0)
    rc = plx_latency(&p, &o);
  else
    rc = predict(&p, &o);
  plx_data_free(&p.all);
  plx_data_free(&p.train);
  plx_data_free(&p.test);
  free(p.stats);
  free_model_buffer(p.params);
  free_model_buffer(p.state);
  plx_model_free(&p.model);
  return rc;
}
