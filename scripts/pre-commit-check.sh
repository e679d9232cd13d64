#!/usr/bin/env bash
# Runs this repository's pre-commit hooks with the real pre-commit (`pre-commit try-repo`) on a
# scratch git repository, and checks which files pass and which fail.
#
#   scripts/pre-commit-check.sh
#
# pre-commit is installed from PyPI into target/pre-commit-venv when it is not on PATH. The
# hooks are `language: rust`, so pre-commit runs `cargo install` on this checkout; it shares
# this checkout's target folder, so a release build already made is reused.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
export CARGO_TARGET_DIR=$repo/target
export PRE_COMMIT_HOME=$repo/target/pre-commit-home

if command -v pre-commit >/dev/null; then
    pre_commit=pre-commit
else
    if [ ! -x target/pre-commit-venv/bin/pre-commit ]; then
        python3 -m venv target/pre-commit-venv
        target/pre-commit-venv/bin/pip install --quiet pre-commit
    fi
    pre_commit=$repo/target/pre-commit-venv/bin/pre-commit
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
git init --quiet
git config user.email ci@example.com
git config user.name ci
mkdir -p good bad .github/workflows k8s
printf 'FROM alpine:3.22\nRUN adduser -D app\nUSER app\nHEALTHCHECK CMD true\nCMD ["true"]\n' > good/Dockerfile
printf 'FROM alpine:latest\nCMD ["true"]\n' > bad/Dockerfile
printf 'FROM node:latest\nCMD ["node"]\n' > api.dockerfile
printf 'services:\n  web:\n    image: nginx:latest\n' > compose.yaml
printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n' > k8s/pod.yaml
printf 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    container: node:latest\n    steps:\n      - run: "true"\n' > .github/workflows/ci.yml
git add -A
git commit --quiet -m scratch

failures=0
# expect HOOK FILE STATUS: the hook on that file alone passes (0) or fails (1).
expect() {
    local hook=$1 file=$2 want=$3 got=0
    "$pre_commit" try-repo "$repo" "$hook" --files "$file" >"$scratch/out.txt" 2>&1 || got=$?
    got=$((got == 0 ? 0 : 1))
    if [ "$got" -eq "$want" ]; then
        echo "ok: $hook on $file exits $got"
    else
        echo "FAIL: $hook on $file: wanted $want, got $got"
        cat "$scratch/out.txt"
        failures=$((failures + 1))
    fi
}
expect shiplint good/Dockerfile 0
expect shiplint bad/Dockerfile 1
expect shiplint api.dockerfile 1
expect shiplint compose.yaml 0
expect shiplint-yaml compose.yaml 1
expect shiplint-yaml k8s/pod.yaml 1
expect shiplint-yaml .github/workflows/ci.yml 0
expect shiplint-yaml good/Dockerfile 0
[ "$failures" -eq 0 ] || exit 1
