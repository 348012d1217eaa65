# -*- Python -*-
import os
import subprocess
import sys

import lit.formats
from lit.llvm import llvm_config

config.name = "Plexus"
# External bash: tests check exact exit codes with `$?`.
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".plx", ".mlir", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py",
                   "lit.site.cfg.py", "unittests"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.plexus_obj_root, "test")

config.substitutions.append(("%examples", os.path.join(config.plexus_src_root, "examples")))
config.substitutions.append(("%src_root", config.plexus_src_root))
config.substitutions.append(("%python", sys.executable))
config.substitutions.append(("%plexus_obj_root", config.plexus_obj_root))
config.substitutions.append(("%plexus_libs", os.path.join(config.plexus_obj_root, "lib")))

llvm_config.with_system_environment(["HOME", "TMPDIR"])
llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.add_tool_substitutions(
    ["plexc", "plexus-opt", "plexus-gradcheck"], [config.plexus_tools_dir])
llvm_config.add_tool_substitutions(
    ["FileCheck", "not", "count", "split-file", "mlir-runner"],
    [config.llvm_tools_dir])
# MLIR's C runner utilities (vector.print) for the tests that execute
# lowered MLIR with mlir-runner.
config.substitutions.append(
    ("%mlir_c_runner_utils",
     os.path.join(os.path.dirname(config.llvm_tools_dir), "lib",
                  "libmlir_c_runner_utils.so")))

# Python with safetensors and numpy (tools/bootstrap.sh test installs them
# into build/pyenv): the checkpoint interoperability tests need it.
venv_python = os.path.join(config.plexus_obj_root, "pyenv", "bin", "python")
if os.path.exists(venv_python) and subprocess.call(
        [venv_python, "-c", "import safetensors.numpy, numpy"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0:
    config.available_features.add("safetensors")
    config.substitutions.append(("%st_python", venv_python))
else:
    lit_config.note("Python's safetensors is not installed in build/pyenv: "
                    "the checkpoint interoperability test is unsupported "
                    "(tools/bootstrap.sh test installs it)")

# NVIDIA tools and devices (docs/gpu.md). `ptxas` (the CUDA toolkit's, e.g.
# /usr/local/cuda/bin) assembles the generated PTX; the toolkit's stub
# libcuda exercises the runtime's driver errors; `cuda-device` is a working
# driver with a GPU, for the tests that run kernels.
import ctypes
import shutil

cuda_home = os.environ.get("CUDA_HOME", "/usr/local/cuda")
ptxas = shutil.which("ptxas") or os.path.join(cuda_home, "bin", "ptxas")
if os.access(ptxas, os.X_OK):
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", ptxas))
cuda_stub = os.path.join(cuda_home, "lib64", "stubs", "libcuda.so")
if os.path.exists(cuda_stub):
    config.available_features.add("cuda-stub")
    config.substitutions.append(("%cuda_stub", cuda_stub))


def has_cuda_device():
    try:
        cuda = ctypes.CDLL("libcuda.so.1")
        count = ctypes.c_int(0)
        return (cuda.cuInit(0) == 0 and
                cuda.cuDeviceGetCount(ctypes.byref(count)) == 0 and
                count.value > 0)
    except OSError:
        return False


if has_cuda_device():
    config.available_features.add("cuda-device")
