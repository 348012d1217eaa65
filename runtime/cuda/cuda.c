/*===- cuda.c - The GPU runtime of --target=cuda binaries -----------------===*
 *
 * The `mgpu*` entry points that MLIR's gpu-to-llvm lowering calls, over the
 * CUDA driver API. `libcuda.so.1` is opened with dlopen on first use, not at
 * program start, so a binary built for CUDA starts (and answers --help) on a
 * machine without a GPU, and says in one line why it cannot train there.
 * Every failing driver call is reported by name with CUDA's error name, and
 * the program exits with status 1: the generated code has no error path.
 *
 * No CUDA header is needed to build this file: the few driver types and
 * constants it uses are declared below, as the driver's ABI defines them.
 *
 * Memory:
 *   - parameters and optimizer state (plx_device_alloc) are CUDA managed
 *     memory: they stay on the GPU across steps, and the runtime's host
 *     code (initialization, checkpoints) reaches them without copies;
 *   - the generated code's temporaries (mgpuMemAlloc) are device memory
 *     from a pool of freed blocks, so the steady state allocates nothing;
 *   - batches go up and metrics come down with mgpuMemcpy.
 * All work goes to one stream; the generated entry points synchronize it
 * before they return.
 *
 *===----------------------------------------------------------------------===*/

#include "device.h"
#include "model.h"

#include <stdbool.h>

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;
typedef struct CUctx_st *CUcontext;
typedef struct CUmod_st *CUmodule;
typedef struct CUfunc_st *CUfunction;
typedef struct CUstream_st *CUstream;
typedef struct CUevent_st *CUevent;

enum {
  CU_STREAM_NON_BLOCKING = 1,
  CU_EVENT_DISABLE_TIMING = 2,
  CU_MEM_ATTACH_GLOBAL = 1,
  CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75,
  CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76,
  CU_JIT_ERROR_LOG_BUFFER = 5,
  CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6,
};

/* The driver functions, resolved by name (the versioned names that cuda.h
 * maps the plain ones to). */
#define PLX_CUDA_FUNCTIONS(X)                                                  \
  X(cuInit, "cuInit", (unsigned))                                              \
  X(cuGetErrorName, "cuGetErrorName", (CUresult, const char **))               \
  X(cuDeviceGetCount, "cuDeviceGetCount", (int *))                             \
  X(cuDeviceGet, "cuDeviceGet", (CUdevice *, int))                             \
  X(cuDeviceGetAttribute, "cuDeviceGetAttribute", (int *, int, CUdevice))      \
  X(cuDeviceGetName, "cuDeviceGetName", (char *, int, CUdevice))               \
  X(cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain",                      \
    (CUcontext *, CUdevice))                                                   \
  X(cuCtxSetCurrent, "cuCtxSetCurrent", (CUcontext))                           \
  X(cuModuleLoadDataEx, "cuModuleLoadDataEx",                                  \
    (CUmodule *, const void *, unsigned, int *, void **))                      \
  X(cuModuleUnload, "cuModuleUnload", (CUmodule))                              \
  X(cuModuleGetFunction, "cuModuleGetFunction",                                \
    (CUfunction *, CUmodule, const char *))                                    \
  X(cuLaunchKernel, "cuLaunchKernel",                                          \
    (CUfunction, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned,   \
     unsigned, CUstream, void **, void **))                                    \
  X(cuStreamCreate, "cuStreamCreate", (CUstream *, unsigned))                  \
  X(cuStreamSynchronize, "cuStreamSynchronize", (CUstream))                    \
  X(cuStreamWaitEvent, "cuStreamWaitEvent", (CUstream, CUevent, unsigned))     \
  X(cuEventCreate, "cuEventCreate", (CUevent *, unsigned))                     \
  X(cuEventDestroy, "cuEventDestroy_v2", (CUevent))                            \
  X(cuEventRecord, "cuEventRecord", (CUevent, CUstream))                       \
  X(cuEventSynchronize, "cuEventSynchronize", (CUevent))                       \
  X(cuMemAlloc, "cuMemAlloc_v2", (CUdeviceptr *, size_t))                      \
  X(cuMemAllocManaged, "cuMemAllocManaged", (CUdeviceptr *, size_t, unsigned)) \
  X(cuMemFree, "cuMemFree_v2", (CUdeviceptr))                                  \
  X(cuMemcpyAsync, "cuMemcpyAsync",                                            \
    (CUdeviceptr, CUdeviceptr, size_t, CUstream))                              \
  X(cuMemsetD32Async, "cuMemsetD32Async",                                      \
    (CUdeviceptr, unsigned, size_t, CUstream))                                 \
  X(cuMemsetD16Async, "cuMemsetD16Async",                                      \
    (CUdeviceptr, unsigned short, size_t, CUstream))

#define PLX_DECLARE(name, symbol, params) static CUresult(*name) params;
PLX_CUDA_FUNCTIONS(PLX_DECLARE)
#undef PLX_DECLARE

static CUcontext context;
static CUstream stream;

static void fatal(const char *fmt, const char *a, const char *b) {
  fprintf(stderr, "%s: error: ", plx_program_name());
  fprintf(stderr, fmt, a, b);
  fprintf(stderr, "\n");
  exit(1);
}

/* CUDA's name for `result`: the driver's own, else ours for the errors a
 * machine without a usable GPU gives (the stub library has no names). */
static const char *error_name(CUresult result) {
  const char *name = NULL;
  if (cuGetErrorName && cuGetErrorName(result, &name) == 0 && name)
    return name;
  switch (result) {
  case 3:
    return "CUDA_ERROR_NOT_INITIALIZED";
  case 34:
    return "CUDA_ERROR_STUB_LIBRARY (the CUDA toolkit's stub libcuda, "
           "not a driver)";
  case 35:
    return "CUDA_ERROR_INSUFFICIENT_DRIVER (the driver is older than the "
           "CUDA runtime needs)";
  case 46:
    return "CUDA_ERROR_DEVICES_UNAVAILABLE";
  case 100:
    return "CUDA_ERROR_NO_DEVICE (no NVIDIA GPU)";
  case 999:
    return "CUDA_ERROR_UNKNOWN";
  }
  static char buffer[32];
  snprintf(buffer, sizeof buffer, "CUDA error %d", result);
  return buffer;
}

/* Exits with the call's name and CUDA's error when `result` is not 0. */
static void check(CUresult result, const char *call) {
  if (result != 0)
    fatal("CUDA call %s failed: %s", call, error_name(result));
}
#define CHECK(call) check(call, #call)

/* Opens the driver and makes the primary context of the default device
 * current; every entry point calls it first. */
static int default_device = 0;
static void ensure_context(void) {
  if (context) {
    CHECK(cuCtxSetCurrent(context));
    return;
  }
  const char *path = getenv("PLEXUS_LIBCUDA");
  if (!path || !*path)
    path = "libcuda.so.1";
  void *driver = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!driver)
    fatal("this program was compiled for NVIDIA GPUs (--target=cuda), but "
          "the CUDA driver cannot be loaded: %s%s",
          dlerror(), " (no NVIDIA GPU or driver on this machine?)");
#define PLX_RESOLVE(name, symbol, params)                                      \
  *(void **)&name = dlsym(driver, symbol);                                     \
  if (!name)                                                                   \
    fatal("the CUDA driver '%s' has no %s", path, symbol);
  PLX_CUDA_FUNCTIONS(PLX_RESOLVE)
#undef PLX_RESOLVE
  CHECK(cuInit(0));
  int count = 0;
  CHECK(cuDeviceGetCount(&count));
  if (count <= default_device)
    fatal("this program was compiled for NVIDIA GPUs (--target=cuda), but "
          "the CUDA driver finds no GPU%s%s",
          count ? " with the requested number" : "", "");
  CUdevice device;
  CHECK(cuDeviceGet(&device, default_device));
  int major = 0, minor = 0;
  CHECK(cuDeviceGetAttribute(
      &major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device));
  CHECK(cuDeviceGetAttribute(
      &minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device));
  if (major < 8) {
    char name[256] = "", capability[32];
    cuDeviceGetName(name, sizeof name, device);
    snprintf(capability, sizeof capability, "%d.%d", major, minor);
    fatal("the GPU '%s' has compute capability %s; Plexus needs 8.0 "
          "(sm_80) or newer",
          name, capability);
  }
  CHECK(cuDevicePrimaryCtxRetain(&context, device));
  CHECK(cuCtxSetCurrent(context));
  CHECK(cuStreamCreate(&stream, CU_STREAM_NON_BLOCKING));
}

/*--- Modules and kernels ---------------------------------------------------*/

/* gpu-module-to-binary embeds each GPU module as PTX, and a global
 * constructor "loads" it at program start: the handle only records the PTX
 * until a kernel of the module is first launched. */
typedef struct {
  const char *ptx;
  size_t size;
  CUmodule module;
} lazy_module;

static lazy_module *register_module(const void *data, size_t size) {
  lazy_module *m = calloc(1, sizeof *m);
  if (!m)
    fatal("out of memory registering a GPU module%s%s", "", "");
  m->ptx = data;
  m->size = size;
  return m;
}

void *mgpuModuleLoad(void *data, size_t size) {
  return register_module(data, size);
}

/* gpu-module-to-binary{format=isa} embeds PTX text with a terminating NUL
 * and loads it with this call. */
void *mgpuModuleLoadJIT(void *data, int optLevel) {
  (void)optLevel;
  return register_module(data, strlen(data));
}

void mgpuModuleUnload(void *handle) {
  lazy_module *m = handle;
  if (!m)
    return;
  if (m->module)
    cuModuleUnload(m->module);
  free(m);
}

static CUmodule load_module(lazy_module *m) {
  if (m->module)
    return m->module;
  ensure_context();
  /* The driver wants NUL-terminated PTX; the embedded blob may not be. */
  char *ptx = malloc(m->size + 1);
  if (!ptx)
    fatal("out of memory loading a GPU module%s%s", "", "");
  memcpy(ptx, m->ptx, m->size);
  ptx[m->size] = '\0';
  char log[4096] = "";
  int options[] = {CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES};
  void *values[] = {log, (void *)(uintptr_t)sizeof log};
  CUresult result = cuModuleLoadDataEx(&m->module, ptx, 2, options, values);
  free(ptx);
  if (result != 0)
    fatal("CUDA call cuModuleLoadDataEx (JIT of the program's PTX) failed: "
          "%s %s",
          error_name(result), log);
  return m->module;
}

void *mgpuModuleGetFunction(void *handle, const char *name) {
  CUfunction function;
  CUmodule module = load_module(handle);
  CUresult result = cuModuleGetFunction(&function, module, name);
  if (result != 0)
    fatal("CUDA call cuModuleGetFunction failed for kernel '%s': %s", name,
          error_name(result));
  return function;
}

void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t smem, void *s, void **params,
                      void **extra, size_t paramsCount) {
  (void)paramsCount;
  ensure_context();
  if (gridX == 0 || gridY == 0 || gridZ == 0)
    return; /* an empty batch: nothing to do */
  CHECK(cuLaunchKernel(function, (unsigned)gridX, (unsigned)gridY,
                       (unsigned)gridZ, (unsigned)blockX, (unsigned)blockY,
                       (unsigned)blockZ, (unsigned)smem, s, params, extra));
}

/*--- Streams and events ----------------------------------------------------*/

void *mgpuStreamCreate(void) {
  ensure_context();
  return stream;
}

void mgpuStreamDestroy(void *s) { (void)s; }

void mgpuStreamSynchronize(void *s) {
  ensure_context();
  CHECK(cuStreamSynchronize(s));
}

void mgpuStreamWaitEvent(void *s, void *event) {
  CHECK(cuStreamWaitEvent(s, event, 0));
}

void *mgpuEventCreate(void) {
  ensure_context();
  CUevent event;
  CHECK(cuEventCreate(&event, CU_EVENT_DISABLE_TIMING));
  return event;
}

void mgpuEventDestroy(void *event) { CHECK(cuEventDestroy(event)); }

void mgpuEventSynchronize(void *event) { CHECK(cuEventSynchronize(event)); }

void mgpuEventRecord(void *event, void *s) { CHECK(cuEventRecord(event, s)); }

void mgpuSetDefaultDevice(int32_t device) { default_device = device; }

/*--- Memory ----------------------------------------------------------------*/

/* Freed device blocks, by size: a step allocates the same sizes in the same
 * order every time, so after the first step every request is a hit. All
 * work is on one stream, so a block freed by a kernel's last user can be
 * handed to a later kernel without waiting. */
typedef struct block {
  struct block *next;
  CUdeviceptr ptr;
  size_t size;
  bool shared; /* managed memory, which the host reaches too */
} block;

static block *free_blocks, *used_blocks;

void *mgpuMemAlloc(uint64_t size, void *s, bool host_shared) {
  (void)s;
  ensure_context();
  if (size == 0)
    size = 1;
  block **link = &free_blocks;
  while (*link && ((*link)->size != size || (*link)->shared != host_shared))
    link = &(*link)->next;
  block *b = *link;
  if (b) {
    *link = b->next;
  } else {
    b = malloc(sizeof *b);
    if (!b)
      fatal("out of memory%s%s", "", "");
    b->size = size;
    b->shared = host_shared;
    if (host_shared)
      CHECK(cuMemAllocManaged(&b->ptr, size, CU_MEM_ATTACH_GLOBAL));
    else
      CHECK(cuMemAlloc(&b->ptr, size));
  }
  b->next = used_blocks;
  used_blocks = b;
  return (void *)(uintptr_t)b->ptr;
}

/* A temporary that host code reads too (plexus-gpu-stage-buffers): managed
 * memory from the pool. */
void _mlir_ciface_plx_cuda_shared_alloc(plx_memref_bytes *out, int64_t bytes) {
  void *ptr = mgpuMemAlloc((uint64_t)bytes, stream, true);
  *out = (plx_memref_bytes){ptr, ptr, 0, bytes, 1};
}

void mgpuMemFree(void *ptr, void *s) {
  (void)s;
  block **link = &used_blocks;
  while (*link && (*link)->ptr != (CUdeviceptr)(uintptr_t)ptr)
    link = &(*link)->next;
  block *b = *link;
  if (!b)
    return;
  *link = b->next;
  b->next = free_blocks;
  free_blocks = b;
}

void mgpuMemcpy(void *dst, void *src, size_t size, void *s) {
  CHECK(cuMemcpyAsync((CUdeviceptr)(uintptr_t)dst, (CUdeviceptr)(uintptr_t)src,
                      size, s));
}

void mgpuMemset32(void *dst, unsigned value, size_t count, void *s) {
  CHECK(cuMemsetD32Async((CUdeviceptr)(uintptr_t)dst, value, count, s));
}

void mgpuMemset16(void *dst, unsigned short value, size_t count, void *s) {
  CHECK(cuMemsetD16Async((CUdeviceptr)(uintptr_t)dst, value, count, s));
}

/*--- The runtime's model buffers
 * ---------------------------------------------*/

static void *managed_alloc(size_t bytes) {
  ensure_context();
  CUdeviceptr ptr;
  CHECK(cuMemAllocManaged(&ptr, bytes ? bytes : 1, CU_MEM_ATTACH_GLOBAL));
  memset((void *)(uintptr_t)ptr, 0, bytes);
  return (void *)(uintptr_t)ptr;
}

static void managed_free(void *ptr) {
  if (ptr && context)
    cuMemFree((CUdeviceptr)(uintptr_t)ptr);
}

const plx_device plx_cuda_device = {"cuda", managed_alloc, managed_free};
