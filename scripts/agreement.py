#!/usr/bin/env python3
"""Agreement of shiplint with hadolint 2.15.1 on the corpus Dockerfiles, per DL code.

hadolint reports a finding at the first line of the instruction; shiplint at the exact token.
Both are compared per (file, instruction): a shiplint finding counts for the instruction that
holds it. For each code the script prints how many of hadolint's findings shiplint reproduces,
how many it does not (with the reason when one is known), and how many shiplint adds.

With `--prefix SC` it compares ShellCheck's findings (SC codes) instead of the DL rules;
ShellCheck only runs then, since it takes most of the time.

Usage: scripts/agreement.py [--corpus ../shared/corpus] [--bin target/release/shiplint]
                            [--code DL3008] [--show N] [--prefix DL|SC]
"""

import argparse
import collections
import concurrent.futures
import json
import os
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.path.join("..", "shared", "corpus"))
    parser.add_argument("--bin", default=os.path.join("target", "release", "shiplint"))
    parser.add_argument("--code", action="append", help="only these codes")
    parser.add_argument("--show", type=int, default=0, help="examples to print per difference")
    parser.add_argument("--prefix", default="DL", help="compare the codes with this prefix")
    args = parser.parse_args()
    args.bin = os.path.abspath(args.bin)

    reference = os.path.join(args.corpus, "reference", "hadolint.json")
    if not os.path.exists(reference):
        print(f"skipped: {reference} not found")
        return 0
    theirs = hadolint_findings(reference)
    shellcheck = "on" if args.prefix.upper().startswith("S") else "off"
    ours, files = shiplint_findings(args.bin, args.corpus, shellcheck)
    codes = sorted(set(theirs) | set(ours))
    codes = [c for c in codes if c.startswith(args.prefix) and (not args.code or c in args.code)]

    print(f"{'code':8} {'hadolint':>8} {'both':>6} {'only-h':>6} {'only-s':>6} {'agree':>7}")
    total_h = total_both = 0
    for code in codes:
        h, s = theirs.get(code, set()), ours.get(code, set())
        both = h & s
        total_h += len(h)
        total_both += len(both)
        rate = f"{100 * len(both) / len(h):.1f}%" if h else "-"
        print(f"{code:8} {len(h):8} {len(both):6} {len(h - s):6} {len(s - h):6} {rate:>7}")
        for label, rows in (("only hadolint", h - s), ("only shiplint", s - h)):
            for file, line in sorted(rows)[: args.show]:
                print(f"    {label}: {file}:{line}")
    if total_h:
        print(f"{'all':8} {total_h:8} {total_both:6} {'':6} {'':6} {100 * total_both / total_h:6.1f}%")
    print(f"files linted: {files}")
    return 0


def hadolint_findings(path):
    """(file, line) per code, as hadolint reported them."""
    findings = collections.defaultdict(set)
    with open(path) as handle:
        for record in json.load(handle):
            findings[record["code"]].add((record["file"], record["line"]))
    return findings


def shiplint_findings(binary, corpus, shellcheck):
    """(file, first line of the instruction) per code, as shiplint reports them."""
    folder = os.path.join(corpus, "dockerfiles")
    run = subprocess.run(
        [binary, "check", "--format", "json", "--failure-threshold", "none",
         "--shellcheck", shellcheck, "dockerfiles"],
        cwd=corpus,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(run.stdout)
    paths = sorted({d["path"] for d in report["diagnostics"]})
    with concurrent.futures.ThreadPoolExecutor() as pool:
        starts = dict(zip(paths, pool.map(lambda p: instruction_starts(binary, corpus, p), paths)))

    findings = collections.defaultdict(set)
    for d in report["diagnostics"]:
        start = instruction_start(starts[d["path"]], d["line"])
        findings[d["code"]].add((d["path"], start))
    files = sum(len(names) for _, _, names in os.walk(folder))
    return findings, files


def instruction_starts(binary, corpus, path):
    """The (first, last) line of each instruction of a file."""
    run = subprocess.run(
        [binary, "debug", "ast", path], cwd=corpus, capture_output=True, text=True, check=False
    )
    try:
        ast = json.loads(run.stdout)
    except json.JSONDecodeError:
        return []
    return [(i["line"], i["end_line"]) for i in ast.get("instructions", [])]


def instruction_start(ranges, line):
    for first, last in ranges:
        if first <= line <= last:
            return first
    return line


if __name__ == "__main__":
    sys.exit(main())
