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
    ["FileCheck", "not", "count", "split-file"], [config.llvm_tools_dir])

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
