/*===- plot.c - SVG plots of training curves and predictions --------------===*
 *
 * Self-contained SVG 1.1 (no scripts, no fonts to fetch) that any browser
 * shows: line charts of per-epoch metrics, and a scatter of two input
 * features coloured by predicted class.
 *
 *===----------------------------------------------------------------------===*/

#include "internal.h"

#include <math.h>
#include <string.h>

/* Tableau 10, readable for most forms of colour blindness. */
static const char *const kColors[] = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
enum { kNumColors = 10 };

enum {
  kWidth = 640,
  kPanelHeight = 300,
  kLeft = 70,
  kRight = 170,
  kTop = 40,
  kBottom = 45
};

static void range_of(const double *v, int64_t n, double *lo, double *hi) {
  *lo = INFINITY;
  *hi = -INFINITY;
  for (int64_t i = 0; i < n; ++i)
    if (isfinite(v[i])) {
      *lo = v[i] < *lo ? v[i] : *lo;
      *hi = v[i] > *hi ? v[i] : *hi;
    }
  if (!isfinite(*lo)) {
    *lo = 0;
    *hi = 1;
  }
  if (*hi - *lo < 1e-12) {
    *lo -= 0.5;
    *hi += 0.5;
  }
}

static void axes(FILE *f, double y0, double height, double xlo, double xhi,
                 double ylo, double yhi, const char *xlabel,
                 const char *title) {
  double plot_w = kWidth - kLeft - kRight;
  fprintf(f,
          "<rect x='%d' y='%.1f' width='%.1f' height='%.1f' fill='none' "
          "stroke='#888'/>\n",
          kLeft, y0, plot_w, height);
  fprintf(f,
          "<text x='%d' y='%.1f' font-size='14' font-weight='bold'>%s</text>\n",
          kLeft, y0 - 12, title);
  for (int t = 0; t <= 4; ++t) {
    double y = y0 + height - height * t / 4.0;
    double v = ylo + (yhi - ylo) * t / 4.0;
    fprintf(f,
            "<line x1='%d' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#eee'/>"
            "<text x='%d' y='%.1f' font-size='11' text-anchor='end'>%.4g"
            "</text>\n",
            kLeft, y, kLeft + plot_w, y, kLeft - 6, y + 4, v);
  }
  fprintf(f,
          "<text x='%d' y='%.1f' font-size='11'>%.4g</text>"
          "<text x='%.1f' y='%.1f' font-size='11' text-anchor='end'>%.4g"
          "</text><text x='%.1f' y='%.1f' font-size='12' "
          "text-anchor='middle'>%s</text>\n",
          kLeft, y0 + height + 16, xlo, kLeft + plot_w, y0 + height + 16, xhi,
          kLeft + plot_w / 2, y0 + height + 32, xlabel);
}

typedef struct {
  const char *title;
  int64_t epochs;
  const char *const *names;
  const double *values; /* names x epochs, row per series */
  int num_series;
} curves;

/* Losses and errors (lower is better) on the first panel, everything else
 * on the second. */
static void panel(FILE *f, const curves *c, int losses, double y0) {
  double height = kPanelHeight - kTop - kBottom;
  double lo = INFINITY, hi = -INFINITY;
  for (int s = 0; s < c->num_series; ++s) {
    if (plx_metric_lower_is_better(c->names[s]) != losses)
      continue;
    double a, b;
    range_of(c->values + s * c->epochs, c->epochs, &a, &b);
    lo = a < lo ? a : lo;
    hi = b > hi ? b : hi;
  }
  axes(f, y0, height, 1, (double)c->epochs, lo, hi, "epoch",
       losses ? "loss" : "metrics");
  double plot_w = kWidth - kLeft - kRight;
  int legend = 0;
  for (int s = 0; s < c->num_series; ++s) {
    if (plx_metric_lower_is_better(c->names[s]) != losses)
      continue;
    const char *color = kColors[s % kNumColors];
    int dashed = strncmp(c->names[s], "val_", 4) == 0;
    fprintf(f, "<polyline fill='none' stroke='%s' stroke-width='2'%s points='",
            color, dashed ? " stroke-dasharray='6,3'" : "");
    for (int64_t e = 0; e < c->epochs; ++e) {
      double v = c->values[s * c->epochs + e];
      if (!isfinite(v))
        continue;
      double x =
          kLeft + (c->epochs > 1 ? plot_w * (double)e / (double)(c->epochs - 1)
                                 : plot_w / 2);
      double y = y0 + height - height * (v - lo) / (hi - lo);
      fprintf(f, "%.1f,%.1f ", x, y);
    }
    fprintf(f,
            "'/>\n<text x='%.1f' y='%.1f' font-size='12' fill='%s'>%s"
            "</text>\n",
            kLeft + plot_w + 12, y0 + 14 + 18.0 * legend++, color, c->names[s]);
  }
}

static int write_curves(FILE *f, void *context) {
  const curves *c = context;
  int others = 0;
  for (int s = 0; s < c->num_series; ++s)
    others |= !plx_metric_lower_is_better(c->names[s]);
  int height = kPanelHeight * (others ? 2 : 1);
  fprintf(f,
          "<?xml version='1.0' encoding='UTF-8'?>\n"
          "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' "
          "font-family='sans-serif'>\n<title>%s</title>\n"
          "<rect width='100%%' height='100%%' fill='white'/>\n",
          kWidth, height, c->title);
  panel(f, c, 1, kTop);
  if (others)
    panel(f, c, 0, kPanelHeight + kTop);
  return fprintf(f, "</svg>\n") < 0;
}

int plx_plot_curves(const char *path, const char *title, int64_t epochs,
                    const char *const *names, const double *values,
                    int num_series, char *error, size_t error_size) {
  if (epochs < 1 || num_series < 1)
    return plx_fail(error, error_size, "%s: nothing to plot", path);
  curves c = {title, epochs, names, values, num_series};
  return plx_write_atomically(path, write_curves, &c, error, error_size);
}

typedef struct {
  const float *features; /* rows x cols */
  int64_t rows, cols, fx, fy;
  const int64_t *classes;
  int64_t num_classes;
  const char *title;
} scatter;

static int write_scatter(FILE *f, void *context) {
  const scatter *s = context;
  double xs[2], ys[2];
  xs[0] = ys[0] = INFINITY;
  xs[1] = ys[1] = -INFINITY;
  for (int64_t r = 0; r < s->rows; ++r) {
    double x = s->features[r * s->cols + s->fx];
    double y = s->features[r * s->cols + s->fy];
    xs[0] = x < xs[0] ? x : xs[0];
    xs[1] = x > xs[1] ? x : xs[1];
    ys[0] = y < ys[0] ? y : ys[0];
    ys[1] = y > ys[1] ? y : ys[1];
  }
  if (xs[1] - xs[0] < 1e-12) {
    xs[0] -= 0.5;
    xs[1] += 0.5;
  }
  if (ys[1] - ys[0] < 1e-12) {
    ys[0] -= 0.5;
    ys[1] += 0.5;
  }
  int height = 480;
  double plot_w = kWidth - kLeft - kRight, plot_h = height - kTop - kBottom;
  char xlabel[32];
  snprintf(xlabel, sizeof xlabel, "feature %lld", (long long)s->fx);
  fprintf(f,
          "<?xml version='1.0' encoding='UTF-8'?>\n"
          "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' "
          "font-family='sans-serif'>\n<title>%s</title>\n"
          "<rect width='100%%' height='100%%' fill='white'/>\n",
          kWidth, height, s->title);
  axes(f, kTop, plot_h, xs[0], xs[1], ys[0], ys[1], xlabel, s->title);
  fprintf(f,
          "<text x='16' y='%.1f' font-size='12' text-anchor='middle' "
          "transform='rotate(-90 16 %.1f)'>feature %lld</text>\n",
          kTop + plot_h / 2, kTop + plot_h / 2, (long long)s->fy);
  for (int64_t r = 0; r < s->rows; ++r) {
    double x = s->features[r * s->cols + s->fx];
    double y = s->features[r * s->cols + s->fy];
    double px = kLeft + plot_w * (x - xs[0]) / (xs[1] - xs[0]);
    double py = kTop + plot_h - plot_h * (y - ys[0]) / (ys[1] - ys[0]);
    fprintf(f,
            "<circle cx='%.1f' cy='%.1f' r='3.5' fill='%s' "
            "fill-opacity='0.8'/>\n",
            px, py, kColors[s->classes[r] % kNumColors]);
  }
  for (int64_t c = 0; c < s->num_classes && c < 20; ++c)
    fprintf(f,
            "<circle cx='%.1f' cy='%.1f' r='5' fill='%s'/>"
            "<text x='%.1f' y='%.1f' font-size='12'>class %lld</text>\n",
            kLeft + plot_w + 16, kTop + 10 + 18.0 * (double)c,
            kColors[c % kNumColors], kLeft + plot_w + 26,
            kTop + 14 + 18.0 * (double)c, (long long)c);
  return fprintf(f, "</svg>\n") < 0;
}

int plx_plot_scatter(const char *path, const char *title, const float *features,
                     int64_t rows, int64_t cols, int64_t fx, int64_t fy,
                     const int64_t *classes, int64_t num_classes, char *error,
                     size_t error_size) {
  if (fx < 0 || fy < 0 || fx >= cols || fy >= cols)
    return plx_fail(error, error_size,
                    "%s: features %lld and %lld do not exist (the data has "
                    "%lld)",
                    path, (long long)fx, (long long)fy, (long long)cols);
  scatter s = {features, rows, cols, fx, fy, classes, num_classes, title};
  return plx_write_atomically(path, write_scatter, &s, error, error_size);
}
