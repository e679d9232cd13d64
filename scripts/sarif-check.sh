#!/usr/bin/env bash
# Validates a real SARIF report with the Microsoft SARIF Multitool, with GitHub's ingestion
# rules and SARIF's own (`--rule-kind "Gh;Sarif"`), and fails on any error or warning it prints:
# the Multitool exits 0 either way.
#
#   scripts/sarif-check.sh
#
# The Multitool comes from the npm registry into target/sarif-multitool. The report is
# shiplint's, with every rule selected, on every rule fixture, the clean set and the Compose
# project of testdata/, so that each kind of file and most rules have results.
set -euo pipefail
cd "$(dirname "$0")/.."

tool=target/sarif-multitool
multitool=$tool/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ ! -x "$multitool" ]; then
    mkdir -p "$tool"
    npm install --silent --prefix "$tool" @microsoft/sarif-multitool@5 >/dev/null
fi

report=target/sarif-check.sarif
status=0
cargo run --quiet -- check testdata/rules testdata/ok testdata/compose-project \
    --select all --format sarif --output-file "$report" >/dev/null 2>&1 || status=$?
if [ "$status" -ne 1 ]; then
    echo "FAIL: shiplint exited $status on testdata, not 1 (findings)"
    exit 1
fi
results=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"][0]["results"]))' "$report")

# The validator's own call, not the npm wrapper: that one hands its arguments to a shell,
# which would split "Gh;Sarif" at the semicolon.
out=$("$multitool" validate --rule-kind "Gh;Sarif" --max-file-size-in-kb 1000000 "$report" 2>&1)
problems=$(grep -E ': (error|warning) [A-Z]+[0-9]+' <<<"$out" || true)
if [ -n "$problems" ] || ! grep -q 'Analysis completed successfully' <<<"$out"; then
    echo "FAIL: the SARIF Multitool found problems in $report:"
    echo "$out"
    exit 1
fi
echo "ok: the SARIF Multitool passes $report ($results results, GitHub and SARIF rules)"
