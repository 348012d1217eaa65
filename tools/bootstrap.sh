#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Plexus, and then either runs the
# founding example (`example`) or the whole test suite (`test`).
#
#   bash tools/bootstrap.sh example
#   bash tools/bootstrap.sh test
#
# Idempotent: installs only missing packages and rebuilds incrementally.
# Fails loudly: any failing step stops the script with a non-zero exit code.
set -euo pipefail

mode=${1:-}
if [[ "$mode" != example && "$mode" != test ]]; then
  echo "usage: $0 example|test" >&2
  exit 2
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PLEXUS_BUILD_DIR:-$root/build}

packages=(
  build-essential cmake ninja-build ccache git python3 python3-venv
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools clang-22 lld-22
  antlr4 libantlr4-runtime-dev uuid-dev
  libgtest-dev zlib1g-dev libomp-22-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> installing: ${missing[*]}"
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi

jobs=$(nproc)
echo "==> configuring and building in $build"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" -j"$jobs"

if [[ "$mode" == test ]]; then
  # Python's safetensors reads the checkpoints in one test (from PyPI, in a
  # virtual environment inside the build directory).
  venv="$build/pyenv"
  if ! "$venv/bin/python" -c "import safetensors.numpy" 2>/dev/null; then
    echo "==> installing Python's safetensors and numpy into $venv"
    { python3 -m venv "$venv" &&
      "$venv/bin/pip" install --quiet --disable-pip-version-check \
        safetensors numpy; } ||
      echo "==> warning: could not install safetensors; the checkpoint" \
        "interoperability test will be reported as unsupported"
  fi
  echo "==> running the test suite"
  cmake --build "$build" --target check-plexus
  exit 0
fi

out="$build/examples"
mkdir -p "$out"
echo "==> compiling the founding example: plexc examples/keras_mlp.plx -o $out/keras_mlp"
"$build/bin/plexc" "$root/examples/keras_mlp.plx" -o "$out/keras_mlp"
echo "==> running it: keras_mlp train (in $out)"
cd "$out"
./keras_mlp train
