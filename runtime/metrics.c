/*===- metrics.c - Accuracy, mean squared and absolute error -------------===*/

#include "internal.h"

#include <math.h>

double plx_metric_accuracy(const float *outputs, const float *labels,
                           int64_t rows, int64_t classes) {
  if (!outputs || !labels || rows <= 0 || classes <= 0)
    return 0;
  int64_t correct = 0;
  for (int64_t r = 0; r < rows; ++r) {
    const float *o = outputs + r * classes;
    int64_t best = 0; /* the first of equal maxima */
    for (int64_t c = 1; c < classes; ++c)
      if (o[c] > o[best])
        best = c;
    correct += (float)best == labels[r];
  }
  return (double)correct / (double)rows;
}

double plx_metric_mse(const float *outputs, const float *targets,
                      int64_t count) {
  if (!outputs || !targets || count <= 0)
    return 0;
  double sum = 0;
  for (int64_t i = 0; i < count; ++i) {
    double d = (double)outputs[i] - targets[i];
    sum += d * d;
  }
  return sum / (double)count;
}

double plx_metric_mae(const float *outputs, const float *targets,
                      int64_t count) {
  if (!outputs || !targets || count <= 0)
    return 0;
  double sum = 0;
  for (int64_t i = 0; i < count; ++i)
    sum += fabs((double)outputs[i] - targets[i]);
  return sum / (double)count;
}
