/*===- checkpoint.c - safetensors checkpoints -----------------------------===*
 *
 * The layout Python's `safetensors` reads: an 8-byte little-endian header
 * length, a JSON header (padded with spaces to a multiple of 8) mapping each
 * tensor name to {"dtype", "shape", "data_offsets"}, then the raw data.
 * Parameters keep their model names ("h.weight"); the optimizer state is
 * "optimizer.state", normalization statistics "normalization.stats"; the
 * metadata records the format, the model, its source hash, the compiler,
 * and the step, epoch and seed that training had reached.
 *
 *===----------------------------------------------------------------------===*/

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* strdup, strtok_r, fileno */
#endif

#include "model.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  char *text;
  size_t length, capacity;
} buffer;

static int append(buffer *b, const char *fmt, ...) {
  for (;;) {
    va_list args;
    va_start(args, fmt);
    size_t room = b->capacity - b->length;
    int n = vsnprintf(b->text ? b->text + b->length : NULL, room, fmt, args);
    va_end(args);
    if (n < 0)
      return 1;
    if ((size_t)n < room) {
      b->length += (size_t)n;
      return 0;
    }
    size_t capacity = (b->capacity + (size_t)n + 1) * 2;
    char *p = realloc(b->text, capacity);
    if (!p)
      return 1;
    b->text = p;
    b->capacity = capacity;
  }
}

static int append_tensor(buffer *b, const char *name, const int64_t *dims,
                         int rank, int64_t *offset) {
  int64_t count = 1;
  for (int i = 0; i < rank; ++i)
    count *= dims[i];
  int rc = append(b, ",\"%s\":{\"dtype\":\"F32\",\"shape\":[", name);
  for (int i = 0; i < rank && !rc; ++i)
    rc = append(b, i ? ",%lld" : "%lld", (long long)dims[i]);
  rc |= append(b, "],\"data_offsets\":[%lld,%lld]}", (long long)*offset,
               (long long)(*offset + 4 * count));
  *offset += 4 * count;
  return rc;
}

static int write_all(FILE *f, const void *data, size_t bytes) {
  return bytes && fwrite(data, 1, bytes, f) != bytes;
}

int plx_checkpoint_save(const char *path, const plx_model_info *m,
                        const float *params, const float *state,
                        const float *norm_stats, int64_t norm_count,
                        const plx_checkpoint_meta *meta, char *error,
                        size_t size) {
  buffer header = {0};
  int64_t offset = 0;
  plx_checkpoint_meta none = {0, 0, 0};
  if (!meta)
    meta = &none;
  /* safetensors metadata values are strings. */
  int rc =
      append(&header,
             "{\"__metadata__\":{\"format\":\"plexus\",\"model\":\"%s\","
             "\"step\":\"%lld\",\"epoch\":\"%lld\",\"seed\":\"%llu\","
             "\"optimizer\":\"%s\",\"source_hash\":\"%s\",\"compiler\":\"%s\"}",
             m->name, (long long)meta->step, (long long)meta->epoch,
             (unsigned long long)meta->seed, m->optimizer, m->source_hash,
             m->compiler);
  for (int i = 0; i < m->num_params && !rc; ++i)
    rc = append_tensor(&header, m->params[i].name, m->params[i].dims,
                       m->params[i].rank, &offset);
  if (state && m->state_size && !rc)
    rc = append_tensor(&header, "optimizer.state", &m->state_size, 1, &offset);
  if (norm_stats && norm_count && !rc)
    rc = append_tensor(&header, "normalization.stats", &norm_count, 1, &offset);
  rc |= append(&header, "}");
  while (!rc && header.length % 8)
    rc = append(&header, " ");
  if (rc) {
    free(header.text);
    return plx_fail(error, size, "%s: out of memory", path);
  }

  size_t tmp_size = strlen(path) + 32;
  char *tmp = malloc(tmp_size);
  if (!tmp) {
    free(header.text);
    return plx_fail(error, size, "%s: out of memory", path);
  }
  snprintf(tmp, tmp_size, "%s.tmp.%ld", path, (long)getpid());
  FILE *f = fopen(tmp, "wb");
  if (!f) {
    rc = plx_fail(error, size, "%s: cannot write checkpoint: %s", path,
                  strerror(errno));
    free(tmp);
    free(header.text);
    return rc;
  }
  unsigned char length[8];
  for (int i = 0; i < 8; ++i)
    length[i] = (unsigned char)((uint64_t)header.length >> (8 * i));
  int bad = write_all(f, length, 8) || write_all(f, header.text, header.length);
  for (int i = 0; i < m->num_params && !bad; ++i) {
    const plx_param_info *p = &m->params[i];
    int64_t count = plx_param_count(p);
    bad = write_all(f, params + p->offset, (size_t)count * sizeof(float));
  }
  if (state && m->state_size && !bad)
    bad = write_all(f, state, (size_t)m->state_size * sizeof(float));
  if (norm_stats && norm_count && !bad)
    bad = write_all(f, norm_stats, (size_t)norm_count * sizeof(float));
  bad |= fflush(f) != 0 || fsync(fileno(f)) != 0;
  bad |= fclose(f) != 0;
  free(header.text);
  if (bad || rename(tmp, path) != 0) {
    rc = plx_fail(error, size, "%s: cannot write checkpoint: %s", path,
                  strerror(errno));
    remove(tmp);
    free(tmp);
    return rc;
  }
  free(tmp);
  return 0;
}

/* Finds `"name":{...}` in the header and reads its shape and offsets. */
static int find_tensor(const char *header, const char *name, int64_t *dims,
                       int *rank, int64_t *begin, int64_t *end, char *dtype) {
  size_t key_size = strlen(name) + 4;
  char *key = malloc(key_size);
  if (!key)
    return 1;
  snprintf(key, key_size, "\"%s\":", name);
  const char *p = strstr(header, key);
  free(key);
  if (!p)
    return 1;
  const char *d = strstr(p, "\"dtype\":\"");
  const char *s = strstr(p, "\"shape\":[");
  const char *o = strstr(p, "\"data_offsets\":[");
  if (!d || !s || !o)
    return 1;
  sscanf(d + 9, "%7[^\"]", dtype);
  *rank = 0;
  for (s += 9; *s && *s != ']' && *rank < 4;) {
    char *end = NULL;
    dims[(*rank)++] = strtoll(s, &end, 10);
    if (end == s)
      return 1;
    s = *end == ',' ? end + 1 : end;
  }
  long long b = 0, e = 0;
  if (sscanf(o + 16, "%lld,%lld", &b, &e) != 2)
    return 1;
  *begin = b;
  *end = e;
  return 0;
}

/* "[3, 3, 1, 16]" */
static void format_shape(char *out, size_t size, const int64_t *dims,
                         int rank) {
  size_t used = (size_t)snprintf(out, size, "[");
  for (int i = 0; i < rank && used < size; ++i)
    used += (size_t)snprintf(out + used, size - used, i ? ", %lld" : "%lld",
                             (long long)dims[i]);
  if (used < size)
    snprintf(out + used, size - used, "]");
}

static int read_tensor(FILE *f, const char *path, const char *header,
                       long data_start, const char *name,
                       const int64_t *want_dims, int want_rank, float *out,
                       int optional, char *error, size_t size) {
  int64_t dims[4];
  int rank;
  int64_t begin, end;
  char dtype[8] = {0};
  if (find_tensor(header, name, dims, &rank, &begin, &end, dtype))
    return optional ? 0
                    : plx_fail(error, size, "%s: no tensor '%s'", path, name);
  if (strcmp(dtype, "F32") != 0)
    return plx_fail(error, size, "%s: tensor '%s' has dtype %s, expected F32",
                    path, name, dtype);
  int same = rank == want_rank;
  for (int i = 0; same && i < rank; ++i)
    same = dims[i] == want_dims[i];
  if (!same) {
    char got[96], want[96];
    format_shape(got, sizeof got, dims, rank);
    format_shape(want, sizeof want, want_dims, want_rank);
    return plx_fail(error, size, "%s: tensor '%s' has shape %s, expected %s",
                    path, name, got, want);
  }
  int64_t count = 1;
  for (int i = 0; i < rank; ++i)
    count *= dims[i];
  if (end - begin != 4 * count)
    return plx_fail(error, size, "%s: tensor '%s' has inconsistent offsets",
                    path, name);
  if (fseek(f, data_start + (long)begin, SEEK_SET) != 0 ||
      fread(out, sizeof(float), (size_t)count, f) != (size_t)count)
    return plx_fail(error, size, "%s: truncated data for tensor '%s'", path,
                    name);
  return 0;
}

int plx_checkpoint_load(const char *path, const plx_model_info *m,
                        float *params, float *state, float *norm_stats,
                        int64_t *norm_count, plx_checkpoint_meta *meta,
                        char *error, size_t size) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return plx_fail(error, size, "%s: cannot open checkpoint: %s", path,
                    strerror(errno));
  unsigned char length_bytes[8];
  uint64_t length = 0;
  if (fread(length_bytes, 1, 8, f) != 8) {
    fclose(f);
    return plx_fail(error, size, "%s: not a safetensors file (too short)",
                    path);
  }
  for (int i = 0; i < 8; ++i)
    length |= (uint64_t)length_bytes[i] << (8 * i);
  if (length == 0 || length > (1u << 26)) {
    fclose(f);
    return plx_fail(error, size, "%s: not a safetensors file (bad header size)",
                    path);
  }
  char *header = malloc(length + 1);
  if (!header || fread(header, 1, length, f) != length) {
    free(header);
    fclose(f);
    return plx_fail(error, size, "%s: truncated safetensors header", path);
  }
  header[length] = '\0';
  long data_start = 8 + (long)length;
  int rc = 0;
  if (!strstr(header, "\"format\":\"plexus\""))
    rc = plx_fail(error, size, "%s: not a Plexus checkpoint", path);
  char model_key[PLX_MAX_NAME + 16];
  snprintf(model_key, sizeof model_key, "\"model\":\"%s\"", m->name);
  if (!rc && !strstr(header, model_key))
    rc = plx_fail(error, size, "%s: checkpoint is not of model '%s'", path,
                  m->name);
  for (int i = 0; i < m->num_params && !rc; ++i) {
    const plx_param_info *p = &m->params[i];
    rc = read_tensor(f, path, header, data_start, p->name, p->dims, p->rank,
                     params + p->offset, 0, error, size);
  }
  if (!rc && state && m->state_size)
    rc = read_tensor(f, path, header, data_start, "optimizer.state",
                     &m->state_size, 1, state, 1, error, size);
  if (!rc && norm_stats && norm_count) {
    int64_t dims[4], begin, end;
    int rank;
    char dtype[8];
    *norm_count = 0;
    if (!find_tensor(header, "normalization.stats", dims, &rank, &begin, &end,
                     dtype) &&
        rank == 1 && dims[0] == 2 * m->inputs) {
      rc = read_tensor(f, path, header, data_start, "normalization.stats", dims,
                       1, norm_stats, 0, error, size);
      *norm_count = dims[0];
    }
  }
  if (!rc && meta) {
    const char *s = strstr(header, "\"step\":\"");
    const char *e = strstr(header, "\"epoch\":\"");
    const char *d = strstr(header, "\"seed\":\"");
    meta->step = s ? strtoll(s + 8, NULL, 10) : 0;
    meta->epoch = e ? strtoll(e + 9, NULL, 10) : 0;
    meta->seed = d ? strtoull(d + 8, NULL, 10) : 0;
  }
  free(header);
  fclose(f);
  return rc;
}
