/*===- descriptor.c - Parsing the model descriptor ------------------------===*
 *
 * One record per line, fields separated by spaces, strings percent-encoded
 * (see compiler/MLIRGen/ModelDescriptor.cpp, which writes it).
 *
 *===----------------------------------------------------------------------===*/

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* strdup, strtok_r, fileno */
#endif

#include "model.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 4200

typedef struct {
  char *fields[MAX_FIELDS];
  int count;
} line_fields;

/* Decodes %XX escapes in place; a lone "%" is the empty string. */
static void decode(char *s) {
  if (strcmp(s, "%") == 0) {
    s[0] = '\0';
    return;
  }
  char *out = s;
  for (char *in = s; *in; ++in) {
    if (in[0] == '%' && in[1] && in[2]) {
      char hex[3] = {in[1], in[2], 0};
      *out++ = (char)strtol(hex, NULL, 16);
      in += 2;
      continue;
    }
    *out++ = *in;
  }
  *out = '\0';
}

static void copy_field(char *dst, size_t size, const char *src) {
  snprintf(dst, size, "%s", src);
}

static int find_data(const plx_model_info *m, const char *name) {
  for (int i = 0; i < m->num_data; ++i)
    if (strcmp(m->data[i].name, name) == 0)
      return i;
  return -1;
}

static plx_part parse_part(const char *s) {
  if (strcmp(s, "train") == 0)
    return PLX_PART_TRAIN;
  if (strcmp(s, "test") == 0)
    return PLX_PART_TEST;
  return PLX_PART_ALL;
}

static int parse_ref(const plx_model_info *m, char *name, const char *part,
                     plx_data_ref *ref) {
  decode(name);
  ref->data = find_data(m, name);
  ref->part = parse_part(part);
  return ref->data < 0;
}

static int grow(void **array, int count, size_t element) {
  void *p = realloc(*array, (size_t)(count + 1) * element);
  if (!p)
    return 1;
  memset((char *)p + (size_t)count * element, 0, element);
  *array = p;
  return 0;
}

static int parse_line(plx_model_info *m, line_fields *l, char *error,
                      size_t size) {
  char **f = l->fields;
  int n = l->count;
  const char *key = f[0];
#define NEED(k)                                                                \
  if (n < (k))                                                                 \
  return plx_fail(error, size, "model descriptor: short '%s' record", key)
  if (strcmp(key, "plexus") == 0) {
    NEED(2);
    if (atoi(f[1]) != 1)
      return plx_fail(error, size,
                      "model descriptor version %s is not supported", f[1]);
  } else if (strcmp(key, "model") == 0) {
    NEED(2);
    decode(f[1]);
    copy_field(m->name, sizeof m->name, f[1]);
  } else if (strcmp(key, "shape") == 0) {
    NEED(4);
    m->inputs = atoll(f[1]);
    m->outputs = atoll(f[2]);
    m->label_cols = atoll(f[3]);
  } else if (strcmp(key, "task") == 0) {
    NEED(2);
    m->task = strcmp(f[1], "regression") == 0 ? PLX_TASK_REGRESSION
              : strcmp(f[1], "binary") == 0   ? PLX_TASK_BINARY
                                              : PLX_TASK_CLASSIFICATION;
  } else if (strcmp(key, "loss") == 0) {
    NEED(2);
    copy_field(m->loss, sizeof m->loss, f[1]);
  } else if (strcmp(key, "params") == 0) {
    NEED(3);
    m->total_params = atoll(f[2]);
  } else if (strcmp(key, "param") == 0) {
    NEED(7);
    if (grow((void **)&m->params, m->num_params, sizeof(plx_param_info)))
      return plx_fail(error, size, "out of memory");
    plx_param_info *p = &m->params[m->num_params++];
    decode(f[1]);
    copy_field(p->name, sizeof p->name, f[1]);
    p->offset = atoll(f[2]);
    p->init = (plx_init_kind)atoi(f[3]);
    p->fan_in = atoll(f[4]);
    p->fan_out = atoll(f[5]);
    p->rank = atoi(f[6]);
    if (p->rank < 1 || p->rank > PLX_MAX_RANK || n < 7 + p->rank)
      return plx_fail(error, size, "model descriptor: bad parameter rank");
    for (int i = 0; i < p->rank; ++i)
      p->dims[i] = atoll(f[7 + i]);
  } else if (strcmp(key, "optimizer") == 0) {
    NEED(12);
    copy_field(m->optimizer, sizeof m->optimizer, f[1]);
    m->state_size = atoll(f[2]);
    m->lr = atof(f[3]);
    m->momentum = atof(f[4]);
    m->nesterov = atoi(f[5]);
    m->beta1 = atof(f[6]);
    m->beta2 = atof(f[7]);
    m->epsilon = atof(f[8]);
    m->rho = atof(f[9]);
    m->weight_decay = atof(f[10]);
    m->clipnorm = atof(f[11]);
  } else if (strcmp(key, "data") == 0) {
    NEED(17);
    if (grow((void **)&m->data, m->num_data, sizeof(plx_data_info)))
      return plx_fail(error, size, "out of memory");
    plx_data_info *d = &m->data[m->num_data++];
    decode(f[1]);
    decode(f[3]);
    decode(f[4]);
    copy_field(d->name, sizeof d->name, f[1]);
    copy_field(d->path, sizeof d->path, f[3]);
    copy_field(d->labels_path, sizeof d->labels_path, f[4]);
    plx_data_spec *s = &d->spec;
    s->kind = (plx_data_kind)atoi(f[2]);
    s->header = atoi(f[5]);
    s->delimiter = (char)atoi(f[6]);
    s->label_column = atoll(f[7]);
    s->num_features = atoll(f[8]);
    s->num_classes = atoll(f[9]);
    s->num_targets = atoll(f[10]);
    s->num_samples = atoll(f[11]);
    s->normalize = (plx_normalization)atoi(f[12]);
    s->split = atof(f[13]);
    s->seed = strtoull(f[14], NULL, 10);
    s->one_hot = atoll(f[15]);
    int64_t columns = atoll(f[16]);
    if (n < 17 + columns)
      return plx_fail(error, size, "model descriptor: short column list");
    d->columns = calloc((size_t)(columns ? columns : 1), sizeof(int64_t));
    if (!d->columns)
      return plx_fail(error, size, "out of memory");
    for (int64_t i = 0; i < columns; ++i)
      d->columns[i] = atoll(f[17 + i]);
  } else if (strcmp(key, "train") == 0) {
    NEED(8);
    if (parse_ref(m, f[1], f[2], &m->train_data))
      return plx_fail(error, size, "model descriptor: unknown data set '%s'",
                      f[1]);
    m->epochs = atoll(f[3]);
    m->batch = atoll(f[4]);
    m->shuffle = atoi(f[5]);
    m->seed = strtoull(f[6], NULL, 10);
    m->explicit_loop = atoi(f[7]);
  } else if (strcmp(key, "source") == 0) {
    NEED(3);
    decode(f[1]);
    decode(f[2]);
    copy_field(m->source_hash, sizeof m->source_hash, f[1]);
    copy_field(m->compiler, sizeof m->compiler, f[2]);
  } else if (strcmp(key, "callbacks") == 0) {
    NEED(7);
    m->validation = atof(f[1]);
    copy_field(m->monitor, sizeof m->monitor, f[2]);
    m->patience = atoll(f[3]);
    m->min_delta = atof(f[4]);
    m->checkpoint_every = atoll(f[5]);
    m->keep_best = atoi(f[6]);
  } else if (strcmp(key, "schedule") == 0) {
    NEED(6);
    copy_field(m->schedule, sizeof m->schedule, f[1]);
    m->schedule_factor = atof(f[2]);
    m->schedule_every = atoll(f[3]);
    m->schedule_min_lr = atof(f[4]);
    m->warmup = atoll(f[5]);
  } else if (strcmp(key, "metrics") == 0) {
    for (int i = 1; i < n && m->num_metrics < PLX_MAX_METRICS; ++i)
      copy_field(m->metrics[m->num_metrics++], 16, f[i]);
  } else if (strcmp(key, "evaluate") == 0) {
    NEED(4);
    if (grow((void **)&m->evals, m->num_evals, sizeof(plx_eval_info)))
      return plx_fail(error, size, "out of memory");
    plx_eval_info *e = &m->evals[m->num_evals++];
    if (parse_ref(m, f[1], f[2], &e->data))
      return plx_fail(error, size, "model descriptor: unknown data set '%s'",
                      f[1]);
    e->batch = atoll(f[3]);
    for (int i = 4; i < n && e->num_metrics < PLX_MAX_METRICS; ++i)
      copy_field(e->metrics[e->num_metrics++], 16, f[i]);
  } else if (strcmp(key, "predict") == 0) {
    NEED(4);
    if (grow((void **)&m->predicts, m->num_predicts, sizeof(plx_predict_info)))
      return plx_fail(error, size, "out of memory");
    plx_predict_info *p = &m->predicts[m->num_predicts++];
    if (parse_ref(m, f[1], f[2], &p->data))
      return plx_fail(error, size, "model descriptor: unknown data set '%s'",
                      f[1]);
    decode(f[3]);
    copy_field(p->output, sizeof p->output, f[3]);
  }
  /* Unknown records are skipped: newer compilers may add some. */
  return 0;
#undef NEED
}

int plx_model_parse(const char *text, plx_model_info *m, char *error,
                    size_t size) {
  memset(m, 0, sizeof *m);
  char *copy = strdup(text);
  if (!copy)
    return plx_fail(error, size, "out of memory");
  line_fields *l = malloc(sizeof *l);
  if (!l) {
    free(copy);
    return plx_fail(error, size, "out of memory");
  }
  int rc = 0;
  char *save_line = NULL;
  for (char *line = strtok_r(copy, "\n", &save_line); line && !rc;
       line = strtok_r(NULL, "\n", &save_line)) {
    l->count = 0;
    char *save_field = NULL;
    for (char *f = strtok_r(line, " ", &save_field); f && l->count < MAX_FIELDS;
         f = strtok_r(NULL, " ", &save_field))
      l->fields[l->count++] = f;
    if (l->count)
      rc = parse_line(m, l, error, size);
  }
  free(l);
  free(copy);
  if (rc)
    return rc;
  /* Point the data specs at their own storage. */
  for (int i = 0; i < m->num_data; ++i) {
    plx_data_info *d = &m->data[i];
    d->spec.path = d->path;
    d->spec.labels_path = d->labels_path[0] ? d->labels_path : NULL;
    d->spec.feature_columns = d->columns;
  }
  if (m->num_params == 0 || m->inputs <= 0 || m->outputs <= 0)
    return plx_fail(error, size, "model descriptor: incomplete model");
  return 0;
}

void plx_model_free(plx_model_info *m) {
  for (int i = 0; i < m->num_data; ++i)
    free(m->data[i].columns);
  free(m->data);
  free(m->params);
  free(m->evals);
  free(m->predicts);
  memset(m, 0, sizeof *m);
}

plx_memref1 plx_memref_vector(float *data, int64_t n) {
  plx_memref1 r = {data, data, 0, {n}, {1}};
  return r;
}

plx_memref2 plx_memref_matrix(float *data, int64_t rows, int64_t cols) {
  plx_memref2 r = {data, data, 0, {rows, cols}, {cols, 1}};
  return r;
}
