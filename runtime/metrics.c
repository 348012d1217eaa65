/*===- metrics.c - Accuracy, top-k, precision/recall/F1, errors ----------===*/

#include "internal.h"

#include <math.h>
#include <string.h>

int64_t plx_argmax(const float *values, int64_t n) {
  int64_t best = 0;
  for (int64_t i = 1; i < n; ++i)
    if (values[i] > values[best])
      best = i;
  return best;
}

int plx_metric_lower_is_better(const char *name) {
  if (strncmp(name, "val_", 4) == 0)
    name += 4;
  return strcmp(name, "loss") == 0 || strcmp(name, "mse") == 0 ||
         strcmp(name, "mae") == 0;
}

double plx_metric_accuracy(const float *outputs, const float *labels,
                           int64_t rows, int64_t classes) {
  if (!outputs || !labels || rows <= 0 || classes <= 0)
    return 0;
  int64_t correct = 0;
  for (int64_t r = 0; r < rows; ++r) {
    int64_t best = plx_argmax(outputs + r * classes, classes);
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

double plx_metric_top_k(const float *outputs, const float *labels, int64_t rows,
                        int64_t classes, int64_t k) {
  if (!outputs || !labels || rows <= 0 || classes <= 0)
    return 0;
  int64_t hits = 0;
  for (int64_t r = 0; r < rows; ++r) {
    const float *o = outputs + r * classes;
    int64_t label = (int64_t)labels[r];
    if (label < 0 || label >= classes)
      continue;
    /* The label is among the top k if fewer than k classes score higher
     * (ties count for the label, as in Keras). */
    int64_t higher = 0;
    for (int64_t c = 0; c < classes; ++c)
      higher += o[c] > o[label];
    hits += higher < k;
  }
  return (double)hits / (double)rows;
}

void plx_confusion_add(int64_t *counts, const float *outputs,
                       const float *labels, int64_t rows, int64_t classes) {
  for (int64_t r = 0; r < rows; ++r) {
    int64_t label = (int64_t)labels[r];
    if (label >= 0 && label < classes)
      ++counts[label * classes + plx_argmax(outputs + r * classes, classes)];
  }
}

double plx_metric_macro(const int64_t *counts, int64_t classes,
                        plx_macro_metric which) {
  /* Classes that never occur and are never predicted are left out, as
   * their precision and recall are undefined (scikit-learn warns and
   * counts them as 0; Plexus averages over the classes that appear). */
  double sum = 0;
  int64_t used = 0;
  for (int64_t c = 0; c < classes; ++c) {
    int64_t tp = counts[c * classes + c], actual = 0, predicted = 0;
    for (int64_t k = 0; k < classes; ++k) {
      actual += counts[c * classes + k];
      predicted += counts[k * classes + c];
    }
    if (actual == 0 && predicted == 0)
      continue;
    double precision = predicted ? (double)tp / (double)predicted : 0;
    double recall = actual ? (double)tp / (double)actual : 0;
    double f1 = precision + recall > 0
                    ? 2 * precision * recall / (precision + recall)
                    : 0;
    sum += which == PLX_MACRO_PRECISION ? precision
           : which == PLX_MACRO_RECALL  ? recall
                                        : f1;
    ++used;
  }
  return used ? sum / (double)used : 0;
}
