/*===- device.h - Where the model's buffers live --------------------------===*
 *
 * Internal to the runtime. A binary built with --target=cuda links the GPU
 * runtime (cuda/cuda.c), which defines `plx_cuda_device`; in CPU binaries
 * the weak reference stays null and the buffers are plain heap memory.
 *
 *===----------------------------------------------------------------------===*/

#ifndef PLEXUS_RUNTIME_DEVICE_H
#define PLEXUS_RUNTIME_DEVICE_H

#include <stddef.h>

typedef struct {
  const char *name;
  /* Zeroed memory that the device and the runtime's host code both reach,
   * for the parameters and the optimizer state; exits with a message when
   * the device cannot be used. */
  void *(*alloc)(size_t bytes);
  void (*free)(void *ptr);
} plx_device;

extern const plx_device plx_cuda_device __attribute__((weak));

#endif /* PLEXUS_RUNTIME_DEVICE_H */
