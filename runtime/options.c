/*===- options.c - The command line of a compiled program -----------------===*
 *
 * Every training setting and hyperparameter of the model file can be
 * overridden here without recompiling: the schedule is computed by the
 * runtime and the optimizer's hyperparameters are read by the train step
 * from the `hyper` buffer at each step.
 *
 *===----------------------------------------------------------------------===*/

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "program.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* LLVM's OpenMP runtime, where the program links it. */
extern void omp_set_num_threads(int) __attribute__((weak));

static void usage(FILE *out, const plx_model_info *m) {
  fprintf(out,
          "usage: %s <command> [options]\n"
          "\n"
          "The compiled Plexus model '%s' (%lld inputs -> %lld outputs, "
          "%lld parameters).\n"
          "\n"
          "commands:\n"
          "  train              train, save a checkpoint, then run the file's "
          "evaluate/predict steps\n"
          "  eval               evaluate a saved checkpoint\n"
          "  predict [FILE]     predict FILE (CSV or NPY of features) or the "
          "file's predict data\n"
          "  latency            time one forward pass at --batch N (default "
          "1) on random inputs\n"
          "\n"
          "options:\n"
          "  --epochs N         number of epochs (default %lld)\n"
          "  --batch N          batch size (default %lld)\n"
          "  --lr X             learning rate (default %g)\n"
          "  --seed N           seed for initialisation and shuffling "
          "(default %llu)\n"
          "  --data FILE        read the training data set from FILE (same "
          "format)\n"
          "  --threads N        threads for the large loop nests (default: "
          "all cores, or OMP_NUM_THREADS)\n"
          "  --checkpoint FILE  checkpoint to write/read (default "
          "%s.safetensors)\n"
          "  --output FILE      where predict writes its CSV\n"
          "  --momentum X --beta1 X --beta2 X --epsilon X --rho X\n"
          "  --weight-decay X --clipnorm X\n"
          "                     override the optimizer's hyperparameters\n"
          "  --warmup N --decay-factor X --decay-every N --min-lr X\n"
          "                     override the learning-rate schedule\n"
          "  --resume FILE      continue training from a checkpoint (an "
          "epoch checkpoint of checkpoint_every, or the last one)\n"
          "  --validation X     hold out this fraction of the training data "
          "and evaluate it after each epoch\n"
          "  --patience N       stop when the monitored metric has not "
          "improved for N epochs (0: never)\n"
          "  --plot FILE.svg    train: the loss and metric curves; predict: "
          "a scatter of two features coloured by predicted class\n"
          "  --plot-features I,J  the features of the scatter (default 0,1)\n"
          "  --help             show this message\n",
          plx_program_name(), m->name, (long long)m->inputs,
          (long long)m->outputs, (long long)m->total_params,
          (long long)m->epochs, (long long)m->batch, m->lr,
          (unsigned long long)m->seed, m->name);
}

static int parse_int(const char *flag, const char *text, int64_t min,
                     int64_t *out) {
  char *end = NULL;
  errno = 0;
  long long v = strtoll(text, &end, 10);
  if (errno || !end || *end || v < min)
    return plx_die("%s expects an integer >= %lld, got '%s'", flag,
                   (long long)min, text);
  *out = v;
  return 0;
}

/* Whether `text` is a whole, finite number (into `out`). */
static int parse_real(const char *text, double *out) {
  char *end = NULL;
  *out = strtod(text, &end);
  return end && end != text && !*end && isfinite(*out);
}

/* The command-line flags of the optimizer's hyperparameters, with the
 * ranges Sema checks in model files. */
typedef struct {
  const char *flag;
  plx_hyper_index index;
  double low, high;
  int low_open;
} hyper_option;

static const hyper_option kHyperOptions[] = {
    {"--momentum", PLX_HYPER_MOMENTUM, 0, 1, 0},
    {"--beta1", PLX_HYPER_BETA1, 0, 1, 0},
    {"--beta2", PLX_HYPER_BETA2, 0, 1, 0},
    {"--epsilon", PLX_HYPER_EPSILON, 0, 1, 1},
    {"--rho", PLX_HYPER_RHO, 0, 1, 0},
    {"--weight-decay", PLX_HYPER_WEIGHT_DECAY, 0, 1, 0},
    {"--clipnorm", PLX_HYPER_CLIPNORM, 0, 1e30, 1},
};
enum { kNumHyperOptions = sizeof kHyperOptions / sizeof kHyperOptions[0] };

static const hyper_option *find_hyper_option(const char *flag) {
  for (int i = 0; i < kNumHyperOptions; ++i)
    if (strcmp(flag, kHyperOptions[i].flag) == 0)
      return &kHyperOptions[i];
  return NULL;
}

static int parse_hyper(const hyper_option *h, const char *text, options *o) {
  double v;
  int ok = parse_real(text, &v) && v < h->high &&
           (h->low_open ? v > h->low : v >= h->low);
  if (!ok)
    return plx_die("%s expects a number in %s%g, %g), got '%s'", h->flag,
                   h->low_open ? "(" : "[", h->low, h->high, text);
  o->hyper[h->index] = v;
  o->has_hyper[h->index] = 1;
  return 0;
}

/* The hyperparameters the train step reads: the file's, then the command
 * line's. */
static void init_hyper(program *p, const options *o) {
  const plx_model_info *m = &p->model;
  double values[PLX_NUM_HYPER] = {
      m->lr,      0,      m->momentum,     m->beta1,   m->beta2,
      m->epsilon, m->rho, m->weight_decay, m->clipnorm};
  for (int i = 0; i < PLX_NUM_HYPER; ++i)
    p->hyper[i] = (float)(o->has_hyper[i] ? o->hyper[i] : values[i]);
}

static int parse_options(int argc, char **argv, const plx_model_info *m,
                         options *o) {
  memset(o, 0, sizeof *o);
  o->epochs = m->epochs;
  o->batch = m->batch;
  o->lr = m->lr;
  o->seed = m->seed;
  o->plot_y = 1;
  o->warmup = o->decay_every = -1;
  o->decay_factor = o->min_lr = -1;
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      usage(stdout, m);
      exit(0);
    }
    if (a[0] != '-') {
      if (!o->command)
        o->command = a;
      else if (!o->input && strcmp(o->command, "predict") == 0)
        o->input = a;
      else
        return plx_die("unexpected argument '%s' (see --help)", a);
      continue;
    }
    if (i + 1 >= argc)
      return plx_die("option '%s' needs a value", a);
    const char *v = argv[++i];
    int64_t n;
    double x;
    const hyper_option *h;
    if (strcmp(a, "--epochs") == 0) {
      if (parse_int(a, v, 1, &o->epochs))
        return 1;
    } else if (strcmp(a, "--batch") == 0) {
      if (parse_int(a, v, 1, &o->batch))
        return 1;
      o->has_batch = 1;
    } else if (strcmp(a, "--seed") == 0) {
      if (parse_int(a, v, 0, &n))
        return 1;
      o->seed = (uint64_t)n;
      o->has_seed = 1;
    } else if (strcmp(a, "--lr") == 0) {
      if (!parse_real(v, &o->lr) || !(o->lr > 0))
        return plx_die("--lr expects a positive number, got '%s'", v);
    } else if (strcmp(a, "--threads") == 0) {
      if (parse_int(a, v, 1, &n))
        return 1;
      /* CPU programs link LLVM's OpenMP runtime; GPU programs do not, and
       * have no loop nests on CPU threads. */
      if (omp_set_num_threads)
        omp_set_num_threads((int)(n < 1024 ? n : 1024));
    } else if (strcmp(a, "--data") == 0) {
      o->data = v;
    } else if (strcmp(a, "--checkpoint") == 0) {
      o->checkpoint = v;
    } else if (strcmp(a, "--output") == 0) {
      o->output = v;
    } else if ((h = find_hyper_option(a))) {
      if (parse_hyper(h, v, o))
        return 1;
    } else if (strcmp(a, "--warmup") == 0) {
      if (parse_int(a, v, 0, &o->warmup))
        return 1;
    } else if (strcmp(a, "--decay-every") == 0) {
      if (parse_int(a, v, 1, &o->decay_every))
        return 1;
    } else if (strcmp(a, "--decay-factor") == 0 || strcmp(a, "--min-lr") == 0) {
      int factor = strcmp(a, "--decay-factor") == 0;
      if (!parse_real(v, &x) || (factor ? !(x > 0 && x <= 1) : !(x >= 0)))
        return plx_die("%s expects %s, got '%s'", a,
                       factor ? "a number in (0, 1]" : "a non-negative number",
                       v);
      *(factor ? &o->decay_factor : &o->min_lr) = x;
    } else if (strcmp(a, "--resume") == 0) {
      o->resume = v;
    } else if (strcmp(a, "--plot") == 0) {
      o->plot = v;
    } else if (strcmp(a, "--plot-features") == 0) {
      long long fx = -1, fy = -1;
      char extra;
      if (sscanf(v, "%lld,%lld%c", &fx, &fy, &extra) != 2 || fx < 0 || fy < 0)
        return plx_die("--plot-features expects two feature indices 'i,j', "
                       "got '%s'",
                       v);
      o->plot_x = fx;
      o->plot_y = fy;
    } else if (strcmp(a, "--patience") == 0) {
      if (parse_int(a, v, 0, &o->patience))
        return 1;
      o->has_patience = 1;
    } else if (strcmp(a, "--validation") == 0) {
      if (!parse_real(v, &o->validation) || !(o->validation >= 0) ||
          !(o->validation < 1))
        return plx_die("--validation expects a fraction in [0, 1), got '%s'",
                       v);
      o->has_validation = 1;
    } else {
      return plx_die("unknown option '%s' (see --help)", a);
    }
  }
  if (!o->command)
    return plx_die("no command given: expected train, eval, predict or "
                   "latency (see --help)");
  if (strcmp(o->command, "train") && strcmp(o->command, "eval") &&
      strcmp(o->command, "predict") && strcmp(o->command, "latency"))
    return plx_die("unknown command '%s': expected train, eval, predict or "
                   "latency",
                   o->command);
  return 0;
}

int plx_parse_options(int argc, char **argv, program *p, options *o) {
  if (parse_options(argc, argv, &p->model, o))
    return 1;
  if (o->has_hyper[PLX_HYPER_CLIPNORM] && !(p->model.clipnorm > 0))
    return plx_die("--clipnorm: the model was compiled without gradient "
                   "clipping (add 'clipnorm: X' to its optimizer)");
  init_hyper(p, o);
  /* The schedule is computed per epoch by the runtime: overrides apply to
   * the model's settings directly. */
  if (o->warmup >= 0)
    p->model.warmup = o->warmup;
  if (o->decay_every >= 0)
    p->model.schedule_every = o->decay_every;
  if (o->decay_factor >= 0)
    p->model.schedule_factor = o->decay_factor;
  if (o->min_lr >= 0)
    p->model.schedule_min_lr = o->min_lr;
  return 0;
}
