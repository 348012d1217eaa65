//===- CudaRuntimeTest.cpp - The GPU runtime without a GPU ----------------===//
//
// runtime/cuda/cuda.c on machines without a working driver: registering
// the program's GPU module (a global constructor at program start) must not
// open the driver; the first real use must fail with one clear line and
// exit code 1. PLEXUS_LIBCUDA points the runtime at a missing library, or
// at the CUDA toolkit's stub where one is installed.
//
//===----------------------------------------------------------------------===//

#include "device.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <unistd.h>

extern "C" {
const char *plx_program_name(void) { return "model"; }
void *mgpuModuleLoadJIT(void *data, int optLevel);
void mgpuModuleUnload(void *module);
void *mgpuModuleGetFunction(void *module, const char *name);
void *mgpuMemAlloc(uint64_t size, void *stream, bool hostShared);
}

namespace {

const char kPTX[] = ".version 8.0\n.target sm_90\n.address_size 64\n";

class CudaRuntimeWithoutDriver : public ::testing::Test {
protected:
  void SetUp() override {
    setenv("PLEXUS_LIBCUDA", "/nonexistent/libcuda.so.1", 1);
  }
};

TEST_F(CudaRuntimeWithoutDriver, RegisteringAModuleNeedsNoDriver) {
  void *module = mgpuModuleLoadJIT(const_cast<char *>(kPTX), 3);
  ASSERT_NE(module, nullptr);
  mgpuModuleUnload(module);
}

TEST_F(CudaRuntimeWithoutDriver, FirstKernelLookupSaysWhy) {
  void *module = mgpuModuleLoadJIT(const_cast<char *>(kPTX), 3);
  EXPECT_EXIT(mgpuModuleGetFunction(module, "kernel"),
              ::testing::ExitedWithCode(1),
              "^model: error: this program was compiled for NVIDIA GPUs "
              "\\(--target=cuda\\), but the CUDA driver cannot be loaded: "
              ".*/nonexistent/libcuda.so.1.*\n$");
  mgpuModuleUnload(module);
}

TEST_F(CudaRuntimeWithoutDriver, ModelBuffersSayWhy) {
  ASSERT_NE(&plx_cuda_device, nullptr);
  EXPECT_STREQ(plx_cuda_device.name, "cuda");
  EXPECT_EXIT(plx_cuda_device.alloc(64), ::testing::ExitedWithCode(1),
              "CUDA driver cannot be loaded");
  EXPECT_EXIT(mgpuMemAlloc(64, nullptr, false), ::testing::ExitedWithCode(1),
              "CUDA driver cannot be loaded");
}

TEST(CudaRuntimeWithStubDriver, NamesTheFailingCall) {
  const char *home = std::getenv("CUDA_HOME");
  std::string stub =
      std::string(home ? home : "/usr/local/cuda") + "/lib64/stubs/libcuda.so";
  if (access(stub.c_str(), R_OK) != 0)
    GTEST_SKIP() << "no CUDA toolkit stub at " << stub;
  setenv("PLEXUS_LIBCUDA", stub.c_str(), 1);
  EXPECT_EXIT(plx_cuda_device.alloc(64), ::testing::ExitedWithCode(1),
              "^model: error: CUDA call cuInit\\(0\\) failed: "
              "CUDA_ERROR_STUB_LIBRARY");
}

} // namespace
