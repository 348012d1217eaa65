/*===- plan.c - The buffers of the generated code's memory plan -----------===*
 *
 * plexus-plan-buffers (codegen/CPU/PlanBuffers.cpp) gives every temporary
 * of the generated entry points a slot; buffers whose lives do not overlap
 * share one. Here each slot is one 64-byte aligned heap buffer, grown when
 * a larger batch needs it and kept for the next call, so that after the
 * first step of a given batch size a step allocates nothing.
 *
 * The generated code also keeps the weights it packs for its matmul
 * kernels between calls of plx_evaluate (codegen/CPU/PanelCache.h), and
 * packs them again when plx_params_version() has changed: the runtime
 * calls plx_params_changed() whenever it writes the parameters.
 *
 *===----------------------------------------------------------------------===*/

#include "model.h"
#include "program.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct {
  void *data;
  size_t capacity;
} plan_slot;

static plan_slot *slots;
static int64_t num_slots;

void _mlir_ciface_plx_buffer(plx_memref_bytes *out, int64_t slot,
                             int64_t bytes) {
  if (slot >= num_slots) {
    int64_t count = slot + 1 > 2 * num_slots ? slot + 1 : 2 * num_slots;
    plan_slot *grown = realloc(slots, (size_t)count * sizeof *grown);
    if (!grown) {
      plx_die("out of memory for the model's buffers");
      exit(1);
    }
    for (int64_t i = num_slots; i < count; ++i)
      grown[i] = (plan_slot){NULL, 0};
    slots = grown;
    num_slots = count;
  }
  plan_slot *s = &slots[slot];
  size_t need = bytes > 0 ? ((size_t)bytes + 63) / 64 * 64 : 64;
  if (need > s->capacity) {
    free(s->data);
    s->data = aligned_alloc(64, need);
    if (!s->data) {
      plx_die("out of memory: %zu bytes for a buffer of the model", need);
      exit(1);
    }
    s->capacity = need;
  }
  *out = (plx_memref_bytes){s->data, s->data, 0, bytes, 1};
}

/* Starts at 0: the generated code's "never packed" key is -1. */
static int64_t params_version;

int64_t plx_params_version(void) { return params_version; }

void plx_params_changed(void) { ++params_version; }
