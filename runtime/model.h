/*===- model.h - The compiled model as the runtime sees it ----------------===*
 *
 * Internal to the runtime: the model descriptor that plexc embeds as the
 * string `plx_model_descriptor`, parsed into plain structs, the entry points
 * of the generated code (MLIR's C interface with memref descriptors), and
 * safetensors checkpoints.
 *
 *===----------------------------------------------------------------------===*/

#ifndef PLEXUS_RUNTIME_MODEL_H
#define PLEXUS_RUNTIME_MODEL_H

#include "internal.h"
#include "plexus/runtime.h"

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/*--- The descriptor -------------------------------------------------------*/

#define PLX_MAX_NAME 256
#define PLX_MAX_METRICS 8

typedef enum {
  PLX_PART_ALL = 0,
  PLX_PART_TRAIN = 1,
  PLX_PART_TEST = 2
} plx_part;

/* The `hyper` buffer of plx_train_step: read at every step, so that the
 * command line can override every optimizer hyperparameter. */
typedef enum {
  PLX_HYPER_LR,
  PLX_HYPER_STEP,
  PLX_HYPER_MOMENTUM,
  PLX_HYPER_BETA1,
  PLX_HYPER_BETA2,
  PLX_HYPER_EPSILON,
  PLX_HYPER_RHO,
  PLX_HYPER_WEIGHT_DECAY,
  PLX_HYPER_CLIPNORM,
  PLX_NUM_HYPER
} plx_hyper_index;

typedef struct {
  char name[PLX_MAX_NAME];
  int64_t offset;
  plx_init_kind init;
  int64_t fan_in, fan_out;
  int rank; /* 1 to PLX_MAX_RANK */
  int64_t dims[4];
} plx_param_info;

#define PLX_MAX_RANK 4

/* Number of floats of a parameter. */
static inline int64_t plx_param_count(const plx_param_info *p) {
  int64_t n = 1;
  for (int i = 0; i < p->rank; ++i)
    n *= p->dims[i];
  return n;
}

typedef struct {
  char name[PLX_MAX_NAME];
  char path[4096];
  char labels_path[4096];
  plx_data_spec spec; /* path/labels_path/feature_columns point in here */
  int64_t *columns;
} plx_data_info;

typedef struct {
  int data; /* index into plx_model_info.data */
  plx_part part;
} plx_data_ref;

typedef struct {
  plx_data_ref data;
  int64_t batch;
  int num_metrics;
  char metrics[PLX_MAX_METRICS][16];
} plx_eval_info;

typedef struct {
  plx_data_ref data;
  char output[4096];
} plx_predict_info;

typedef enum {
  PLX_TASK_CLASSIFICATION = 0,
  PLX_TASK_REGRESSION = 1,
  PLX_TASK_BINARY = 2,
} plx_task;

typedef struct {
  char name[PLX_MAX_NAME];
  int64_t inputs, outputs, label_cols;
  plx_task task;
  char loss[64];
  int num_params;
  int64_t total_params;
  plx_param_info *params;
  char optimizer[16];
  int64_t state_size;
  double lr, momentum, beta1, beta2, epsilon, rho, weight_decay, clipnorm;
  int nesterov;
  int num_data;
  plx_data_info *data;
  plx_data_ref train_data;
  int64_t epochs, batch;
  int shuffle;
  uint64_t seed;
  int explicit_loop;
  /* Learning-rate schedule (per epoch), see plx_schedule_lr. */
  char schedule[16]; /* "", "constant", "step_decay", "exponential",
                      "cosine" */
  double schedule_factor, schedule_min_lr;
  int64_t schedule_every, warmup;
  /* Where the model came from (checkpoint metadata). */
  char source_hash[24];
  char compiler[48];
  /* Declarative training: validation fraction, the monitored metric,
   * early-stopping patience (0: none) and minimum improvement, epoch
   * checkpoints every N epochs (0: none), keep-best checkpoints. */
  double validation;
  char monitor[24];
  int64_t patience;
  double min_delta;
  int64_t checkpoint_every;
  int keep_best;
  int num_metrics;
  char metrics[PLX_MAX_METRICS][16];
  int num_evals;
  plx_eval_info *evals;
  int num_predicts;
  plx_predict_info *predicts;
} plx_model_info;

/* The learning rate of 1-based `epoch` of `epochs`, from the base rate and
 * the model's schedule: step_decay (times factor every `every` epochs),
 * exponential (times factor each epoch), cosine (from base to min_lr), then
 * a linear warmup over the first `warmup` epochs. */
double plx_schedule_lr(const plx_model_info *model, double base, int64_t epoch,
                       int64_t epochs);

/* Parses `text`; on failure returns non-zero with a message in `error`. */
int plx_model_parse(const char *text, plx_model_info *model, char *error,
                    size_t error_size);
void plx_model_free(plx_model_info *model);

/*--- Generated code (MLIR C interface) ------------------------------------*/

typedef struct {
  float *allocated, *aligned;
  int64_t offset;
} plx_memref0;

typedef struct {
  float *allocated, *aligned;
  int64_t offset, sizes[1], strides[1];
} plx_memref1;

typedef struct {
  float *allocated, *aligned;
  int64_t offset, sizes[2], strides[2];
} plx_memref2;

/* The memref<?xi8> of the buffers the runtime hands to generated code:
 * plx_buffer (plan.c) and plx_cuda_shared_alloc (cuda/cuda.c). */
typedef struct {
  void *allocated, *aligned;
  int64_t offset, size, stride;
} plx_memref_bytes;

plx_memref1 plx_memref_vector(float *data, int64_t n);
plx_memref2 plx_memref_matrix(float *data, int64_t rows, int64_t cols);

/*--- Checkpoints (safetensors) ---------------------------------------------*/

/* Where training stood when a checkpoint was written. */
typedef struct {
  int64_t step;  /* optimizer steps taken */
  int64_t epoch; /* epochs completed */
  uint64_t seed;
} plx_checkpoint_meta;

/* Writes parameters, optimizer state and normalization statistics to
 * `path` through a temporary file in the same directory and a rename, so a
 * crash never leaves a half-written checkpoint in place. The metadata
 * records `meta`, the model, its source hash and the compiler. */
int plx_checkpoint_save(const char *path, const plx_model_info *model,
                        const float *params, const float *state,
                        const float *norm_stats, int64_t norm_count,
                        const plx_checkpoint_meta *meta, char *error,
                        size_t error_size);

/* Loads a checkpoint written by plx_checkpoint_save, checking every tensor's
 * name, dtype and shape against the model. `state`, `norm_stats` and `meta`
 * may be NULL; `norm_count` receives the number of statistics (0 if
 * none). */
int plx_checkpoint_load(const char *path, const plx_model_info *model,
                        float *params, float *state, float *norm_stats,
                        int64_t *norm_count, plx_checkpoint_meta *meta,
                        char *error, size_t error_size);

#ifdef __cplusplus
}
#endif

#endif /* PLEXUS_RUNTIME_MODEL_H */
