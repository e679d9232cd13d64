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
import re
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
    broken = {file for code in ("SL0001", "SL0003") for file, _ in ours.get(code, ())}

    print("reproduced: shiplint reports it too; explained: a named reason says hadolint is wrong")
    header = f"{'code':8} {'hadolint':>8} {'both':>6} {'explained':>9} {'open':>5} {'only-s':>6}"
    print(f"{header} {'reproduced':>10} {'with reasons':>12}")
    totals = collections.Counter()
    all_reasons = collections.defaultdict(collections.Counter)
    for code in codes:
        h, s = theirs.get(code, set()), ours.get(code, set())
        both = h & s
        reasons = {row: reason(args.corpus, code, *row, broken) for row in sorted(h - s)}
        explained = sum(1 for r in reasons.values() if r)
        for r in reasons.values():
            all_reasons[code][r or "unexplained"] += 1
        if code != "DL1000":
            totals.update(h=len(h), both=len(both), explained=explained)
        rate = f"{100 * len(both) / len(h):.1f}%" if h else "-"
        with_reasons = f"{100 * (len(both) + explained) / len(h):.1f}%" if h else "-"
        print(
            f"{code:8} {len(h):8} {len(both):6} {explained:9} {len(h - s) - explained:5} "
            f"{len(s - h):6} {rate:>10} {with_reasons:>12}"
        )
        for (file, line), why in list(reasons.items())[: args.show]:
            print(f"    only hadolint: {file}:{line}  ({why or 'unexplained'})")
        for file, line in sorted(s - h)[: args.show]:
            print(f"    only shiplint: {file}:{line}")
    if totals["h"]:
        reproduced = 100 * totals["both"] / totals["h"]
        with_reasons = 100 * (totals["both"] + totals["explained"]) / totals["h"]
        print(f"all {args.prefix} codes but DL1000: {totals['h']} hadolint findings, {reproduced:.1f}% reproduced, "
              f"{with_reasons:.1f}% reproduced or explained")
    print("reasons for hadolint findings shiplint does not report:")
    for code, counter in sorted(all_reasons.items()):
        for why, count in counter.most_common():
            print(f"  {code} {count:4}  {why}")
    print(f"files linted: {files}")
    return 0


def instruction_text(corpus, file, line):
    """The instruction that starts at `line`, continuation lines joined."""
    with open(os.path.join(corpus, file), encoding="utf-8", errors="replace") as handle:
        lines = handle.read().split("\n")
    text = []
    for current in lines[line - 1 :]:
        text.append(current)
        stripped = current.strip()
        continued = stripped.endswith(("\\", "`")) or stripped.startswith("#") or not stripped
        if not continued and len(text) > 1 or not continued and not stripped.endswith(("\\", "`")):
            break
    return "\n".join(text)


def without_substitutions(text):
    """The text with every `$(…)` and backtick substitution taken out."""
    out, depth, at, tick = [], 0, 0, False
    while at < len(text):
        if text.startswith("$(", at):
            depth += 1
            at += 2
            continue
        char = text[at]
        if char == "`" and depth == 0:
            tick = not tick
        elif char == ")" and depth > 0:
            depth -= 1
        elif depth == 0 and not tick:
            out.append(char)
        at += 1
    return "".join(out)


def variables(text):
    """The names of the `$NAME` and `${NAME…}` references in a word."""
    return re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", text)


def has_default(corpus, file, line, name):
    """Whether an `ARG NAME=value` comes before `line`."""
    before = "\n".join(file_text(corpus, file).split("\n")[: line - 1])
    return re.search(rf"^\s*ARG\s+(.*\s)?{name}=\S", before, re.M | re.I) is not None


def numeric_variable(corpus, file, line, text):
    """Whether every variable of a USER is set to a number by an ENV or ARG before `line`."""
    before = "\n".join(file_text(corpus, file).split("\n")[: line - 1])
    # Continuation lines, and the comment lines between them, joined into their instruction
    before = re.sub(r"\\[ \t]*\n(\s*#[^\n]*\n)*", " ", before)
    names = variables(text.split(None, 1)[1] if len(text.split()) > 1 else "")
    pattern = r"^\s*(ENV|ARG)\s+(.*\s)?{}[= ]\"?\d+\"?(\s|$)"
    return bool(names) and all(re.search(pattern.format(n), before, re.M | re.I) for n in names)


def file_text(corpus, file):
    with open(os.path.join(corpus, file), encoding="utf-8", errors="replace") as handle:
        return handle.read()


PIN_CODES = {"DL3008", "DL3013", "DL3016", "DL3018", "DL3028", "DL3033", "DL3037", "DL3041", "DL3062"}
WINDOWS = re.compile(r"nanoserver|servercore|windows|escape=`", re.I)


def reason(corpus, code, file, line, broken=frozenset()):
    """Why hadolint's finding is a mistake, when a known reason applies; None otherwise.

    Each reason is a named pattern, not a blanket excuse: anything it does not match stays
    "unexplained". A random sample of each was checked by hand (scripts/audit/agreement-reasons.tsv).
    `broken` holds the files where shiplint reports a syntax or image-reference error.
    """
    if code == "DL1000" and file in broken:
        return "the file is broken for BuildKit too: shiplint reports the line (SL0001 or SL0003)"
    if code == "DL1000":
        return "hadolint cannot parse the file, which BuildKit accepts (heredocs, newer syntax)"
    if code.startswith("SC") and WINDOWS.search(file_text(corpus, file)):
        return "a Windows image: hadolint runs ShellCheck on its PowerShell or cmd scripts"
    text = instruction_text(corpus, file, line)
    keyword = text.split(None, 1)[0].upper() if text.strip() else ""
    if code in ("DL3006", "DL3007") and keyword == "FROM":
        image = text.split()[1] if len(text.split()) > 1 else ""
        if "$" in image and all(has_default(corpus, file, line, n) for n in variables(image)):
            return "the image comes from an ARG, which shiplint resolves (a stage or a tagged image)"
        if "$" in image:
            return "the image comes from an ARG without a default: unknown until the build, and no rule fires on an unknown"
        if re.search(r"[A-Z<>\[\]]|//", image):
            return "not a valid image reference: shiplint reports SL0003 instead"
    if code == "DL3062" and re.search(r"\bgo\s+run\b|\bgo\s+install\b[^&;|]*\s\.(/\S*)?(\s|$)", text):
        return "a local package (`go run file.go`, `go install .` or `./cmd/…`): hadolint takes flag values or paths for modules"
    if code in PIN_CODES and "$" in text:
        return "the packages or versions come from a variable, whose value is unknown"
    if code in PIN_CODES and "go " in text and ("git clone" in text or "go run" in text):
        return "a local package built from a clone, not a module download"
    if code == "DL3009" and "dist-clean" in text:
        return "`apt-get dist-clean` removes the lists (apt 2.7+)"
    if code == "DL3009":
        return "the stage is not shipped: a build stage the final image does not derive from"
    if code == "DL3019" and "--no-network" in text:
        return "`apk add --no-network` fetches no index, so there is no cache to keep"
    if code == "DL3022" and re.search(r"--from=\S*[:/@]", text):
        return "`--from` names an image, not a stage"
    if code == "DL3025" and keyword == "HEALTHCHECK":
        return "`HEALTHCHECK CMD` is not the CMD instruction"
    if code == "DL3064" and re.search(r"USER(NAME)?\b", text.split("=")[0], re.I):
        return "a user name is not a secret"
    if code == "DL3066" and WINDOWS.search(file_text(corpus, file)):
        return "Windows image: Windows users have no numeric ids"
    if code == "DL3066" and "$" in text and numeric_variable(corpus, file, line, text):
        return "the user comes from a variable the stage sets to a numeric id"
    if code == "DL3066" and "$" in text:
        return "the user comes from a variable the Dockerfile never sets (unknown value)"
    if code == "DL3000":
        return "a relative WORKDIR after an absolute one is well defined (BuildKit's reading)"
    if code == "DL3040" and re.search(r"microdnf\s+clean\s+all", text):
        return "`microdnf clean all` follows the last install of the RUN"
    if code == "DL4006" and not re.search(r"(?<!\|)\|(?!\|)", without_substitutions(text)):
        return "the only pipes are in a `$(…)` or backticks that is an argument (of `cd`, `export`, …), whose failure pipefail cannot surface"
    if code == "DL3059":
        return "hadolint does not count a command whose name is an expansion"
    return None


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
