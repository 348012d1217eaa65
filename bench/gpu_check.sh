#!/usr/bin/env bash
# The GPU checks, for a machine with an NVIDIA GPU and driver (docs/gpu.md):
#   1. builds Plexus if build/bin/plexc is missing (tools/bootstrap.sh),
#   2. runs the GPU tests (test/gpu: with a GPU, cuda-device.test trains on
#      it and compares losses and parameters with the CPU build to 1e-4),
#   3. benchmarks Plexus --target=cuda against PyTorch CUDA on W1-W3 of
#      bench/run.py, if a CUDA-enabled torch is importable (by
#      bench/.venv/bin/python or python3; nothing is downloaded).
# Sized to finish within 5 minutes on an H100/H200 once built.
#
#   bash bench/gpu_check.sh [--json results.json]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PLEXUS_BUILD_DIR:-$root/build}
cd "$root"

if ! command -v nvidia-smi > /dev/null || ! nvidia-smi -L; then
  echo "gpu_check: no NVIDIA GPU here (nvidia-smi -L fails); nothing to do" >&2
  exit 1
fi
if [[ ! -x "$build/bin/plexc" ]]; then
  echo "==> building Plexus"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
  cmake --build "$build" -j"$(nproc)"
fi

echo "==> GPU tests"
lit=$(command -v lit || echo /usr/lib/llvm-22/bin/lit)
# -a: also the figures of the passing tests (how closely GPU and CPU agree).
"$lit" -a "$build/test/gpu" "$build/test/codegen/gpu"

echo "==> W1-W3: Plexus --target=cuda and PyTorch CUDA"
# bench/run.py runs a peer with --venv's bin/python: the system's python3
# gets a directory of its own that holds it under that name.
venv="$root/bench/.venv"
if [[ ! -x "$venv/bin/python" ]]; then
  venv=$(mktemp -d)
  mkdir "$venv/bin"
  ln -s "$(command -v python3)" "$venv/bin/python"
fi
peers=torch
if ! "$venv/bin/python" -c "import torch, sys; sys.exit(not torch.cuda.is_available())" 2> /dev/null; then
  echo "gpu_check: no CUDA-enabled torch for $venv/bin/python: Plexus alone" >&2
  peers=""
fi
python3 "$root/bench/run.py" --target cuda --peers "$peers" --no-install \
  --venv "$venv" --steps 500 --repeats 2 "$@"
