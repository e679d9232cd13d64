#!/usr/bin/env bash
# Builds the Python wheel with maturin (binary bindings), installs it with pip into a fresh
# virtual environment, and runs the installed `shiplint` on the demo.
#
#   scripts/wheel-check.sh
#
# maturin comes from PyPI into target/wheel-venv; the wheel goes to target/wheels.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x target/wheel-venv/bin/maturin ]; then
    python3 -m venv target/wheel-venv
    target/wheel-venv/bin/pip install --quiet 'maturin>=1.7,<2'
fi
rm -rf target/wheels
target/wheel-venv/bin/maturin build --release --locked --quiet --out target/wheels
wheel=$(ls target/wheels/shiplint-*.whl)
echo "built: $wheel"

install=$(mktemp -d)
trap 'rm -rf "$install"' EXIT
python3 -m venv "$install"
"$install/bin/pip" install --quiet "$wheel"
"$install/bin/shiplint" --version
status=0
"$install/bin/shiplint" check examples/demo >/dev/null || status=$?
if [ "$status" -ne 1 ]; then
    echo "FAIL: the installed shiplint exited $status on examples/demo, not 1 (findings)"
    exit 1
fi
echo "ok: the wheel installs a working shiplint"
