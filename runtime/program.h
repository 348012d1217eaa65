/*===- program.h - The driver of a compiled program -----------------------===*
 *
 * Internal to the runtime: shared by program.c (main and the commands) and
 * loop.c (the API an explicit training loop calls).
 *
 *===----------------------------------------------------------------------===*/

#ifndef PLEXUS_RUNTIME_PROGRAM_H
#define PLEXUS_RUNTIME_PROGRAM_H

#include "model.h"

/* Provided by the object file plexc generates. */
extern const char plx_model_descriptor[];
void _mlir_ciface_plx_train_step(plx_memref1 *params, plx_memref1 *state,
                                 plx_memref2 *x, plx_memref2 *y,
                                 plx_memref1 *hyper, plx_memref0 *loss,
                                 plx_memref2 *out);
void _mlir_ciface_plx_evaluate(plx_memref1 *params, plx_memref2 *x,
                               plx_memref2 *y, plx_memref0 *loss,
                               plx_memref2 *out);

/* The version of the parameters' values, which the generated code reads to
 * tell whether the weights it packed are still right (plan.c). Whatever
 * writes p->params calls plx_params_changed() after. */
int64_t plx_params_version(void);
void plx_params_changed(void);

/* Present only when the model file has an explicit training loop. */
void plx_train_loop(void *context) __attribute__((weak));

typedef struct {
  const char *command;
  int64_t epochs, batch;
  double lr;
  int has_batch, has_seed;
  uint64_t seed;
  const char *data;
  const char *checkpoint;
  const char *output;
  const char *input;
  const char *resume;     /* checkpoint to continue training from */
  const char *plot;       /* SVG: training curves, or a predictions scatter */
  int64_t plot_x, plot_y; /* the features of the scatter */
  /* Hyperparameter overrides (--momentum ...), by plx_hyper_index. */
  double hyper[PLX_NUM_HYPER];
  int has_hyper[PLX_NUM_HYPER];
  /* Schedule overrides (--warmup, --decay-factor, --decay-every,
   * --min-lr); negative when not given. */
  int64_t warmup, decay_every;
  double decay_factor, min_lr;
  double validation;
  int64_t patience;
  int has_validation, has_patience;
} options;

typedef struct {
  plx_model_info model;
  float *params, *state;
  int64_t step;  /* optimizer steps taken */
  int64_t epoch; /* epochs completed */
  uint64_t seed; /* of this training run */
  /* The optimizer's hyperparameters, from the file and the command line;
   * the learning rate and the step are filled in at every step. */
  float hyper[PLX_NUM_HYPER];
  /* The data set being used, split and normalized. */
  plx_dataset all, train, test;
  float *stats;
  int64_t num_stats;
  int loaded_data; /* index of the loaded data set, -1 if none */
} program;

typedef struct {
  double loss_sum, metric_sum[PLX_MAX_METRICS];
  int64_t rows;
  /* For precision, recall and F1: the confusion matrix so far (allocated
   * on first use; plx_running_free releases it). */
  int64_t *confusion;
  int64_t classes;
} running_metrics;

void plx_running_free(running_metrics *r);

/* Accumulates the metrics of one batch, weighted by its rows. */
void plx_accumulate(const plx_model_info *m, running_metrics *r,
                    const char (*metrics)[16], int num_metrics,
                    const float *out, const float *labels, int64_t rows,
                    double loss);
/* The mean of metric `i` ("loss" or another) over the rows seen. */
double plx_metric_value(const running_metrics *r, const char (*metrics)[16],
                        int i);
/* --checkpoint, or "<Model>.safetensors" (in `buffer`). */
const char *plx_checkpoint_path(const program *p, const options *o,
                                char *buffer, size_t size);
/* Parses the command line into `o` and applies its overrides to `p`
 * (options.c); returns non-zero after reporting a usage error. */
int plx_parse_options(int argc, char **argv, program *p, options *o);
/* Trains the declarative form (fit.c). */
int plx_fit(program *p, const options *o);
/* Loads data set `index` (or --data for the training set), splits and
 * normalizes it; a no-op if it is already loaded. */
int plx_load_data(program *p, int index, const options *o);
const plx_dataset *plx_part_of(program *p, plx_part part);
void plx_init_params(program *p, uint64_t seed);
/* The metrics of the model on a whole data set, in batches. */
int plx_evaluate_data(program *p, const plx_dataset *data, int64_t batch,
                      running_metrics *r, const char (*metrics)[16],
                      int num_metrics);
/* The model's outputs for a batch of `rows` inputs. plexc compiles no
 * forward pass of its own: plx_evaluate computes the same outputs, here
 * with `zero_labels` (rows x label_cols zeros, valid labels for every loss)
 * and no loss buffer, which CPU code takes as "skip the loss"; a second
 * copy of the model's code would double the compile time of the forward
 * pass. */
void plx_forward(program *p, float *x, float *zero_labels, int64_t rows,
                 float *out);
/* One optimizer step on a batch of `rows` (x, y) at learning rate `lr`;
 * the model's outputs go to `out`. Returns the batch's loss. Shared by the
 * declarative loop (fit.c) and explicit ones (loop.c). */
double plx_train_batch(program *p, float *x, float *y, int64_t rows, double lr,
                       float *out);
/* Writes a checkpoint of the program's state (plx_save_checkpoint also
 * prints "saved PATH"); returns non-zero after reporting an error. */
int plx_write_checkpoint(program *p, const char *path);
int plx_save_checkpoint(program *p, const char *path);
/* Loads parameters, optimizer state, step and epoch; returns non-zero with
 * the message in `error`. */
int plx_read_checkpoint(program *p, const char *path, plx_checkpoint_meta *meta,
                        char *error, size_t size);
/* Saves the checkpoint and runs the file's evaluate/predict declarations. */
int plx_finish_training(program *p, const options *o);
/* The `latency` command: times plx_forward at --batch (latency.c). */
int plx_latency(program *p, const options *o);
/* Trains with the generated plx_train_loop (loop.c). */
int plx_train_with_loop(program *p, const options *o);

#endif /* PLEXUS_RUNTIME_PROGRAM_H */
