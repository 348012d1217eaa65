/*===- schedule.c - Learning-rate schedules -------------------------------===*/

#include "model.h"

#include <math.h>
#include <string.h>

double plx_schedule_lr(const plx_model_info *m, double base, int64_t epoch,
                       int64_t epochs) {
  double lr = base;
  int64_t e = epoch > 0 ? epoch - 1 : 0; /* completed epochs */
  if (strcmp(m->schedule, "step_decay") == 0 && m->schedule_every > 0)
    lr = base * pow(m->schedule_factor, (double)(e / m->schedule_every));
  else if (strcmp(m->schedule, "exponential") == 0)
    lr = base * pow(m->schedule_factor, (double)e);
  else if (strcmp(m->schedule, "cosine") == 0 && epochs > 0)
    lr = m->schedule_min_lr +
         (base - m->schedule_min_lr) * 0.5 *
             (1.0 + cos(3.14159265358979323846 * (double)e / (double)epochs));
  if (m->warmup > 0 && epoch <= m->warmup)
    lr *= (double)epoch / (double)m->warmup;
  return lr;
}
