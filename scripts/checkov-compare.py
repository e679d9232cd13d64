#!/usr/bin/env python3
"""Compares shiplint's Kubernetes findings on the shared corpus with checkov's counts.

checkov's summary (`../shared/corpus/reference/checkov-summary.json`) counts failed objects per
check: a Deployment with three failing containers is one failure. This script runs shiplint on
`../shared/corpus/k8s` with every rule selected, maps each finding to the YAML document it is in,
and counts distinct failing documents per concern, over the kinds checkov checks workloads of
(Pod, PodTemplate, Deployment, DeploymentConfig, DaemonSet, StatefulSet, ReplicaSet,
ReplicationController, Job, CronJob) for the workload checks and over Role/ClusterRole for the
RBAC one. Differences over 20% are flagged; scripts/README.md explains each.

Usage: scripts/checkov-compare.py [--shiplint PATH] [--corpus DIR]
"""

import argparse
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

WORKLOADS = {
    "Pod", "PodTemplate", "Deployment", "DeploymentConfig", "DaemonSet", "StatefulSet",
    "ReplicaSet", "ReplicationController", "Job", "CronJob",
}
ROLES = {"Role", "ClusterRole"}

# (checkov id, our code, text the message must contain or None, kinds checkov checks)
CONCERNS = [
    ("CKV_K8S_23", "SL3001", None, WORKLOADS),
    ("CKV_K8S_14", "SL3002", None, WORKLOADS),
    ("CKV_K8S_8", "SL3004", "`livenessProbe`", WORKLOADS),
    ("CKV_K8S_9", "SL3004", "`readinessProbe`", WORKLOADS),
    ("CKV_K8S_16", "SL3101", None, WORKLOADS),
    ("CKV_K8S_20", "SL3102", None, WORKLOADS),
    ("CKV_K8S_39", "SL3103", "SYS_ADMIN", WORKLOADS),
    ("CKV_K8S_25", "SL3103", None, WORKLOADS),
    ("CKV_K8S_37", "SL3104", None, WORKLOADS),
    ("CKV_K8S_28", "SL3104", None, WORKLOADS),
    ("CKV_K8S_19", "SL3105", "hostNetwork", WORKLOADS),
    ("CKV_K8S_17", "SL3105", "hostPID", WORKLOADS),
    ("CKV_K8S_18", "SL3105", "hostIPC", WORKLOADS),
    ("CKV_K8S_27", "SL3107", None, WORKLOADS),
    ("CKV_K8S_22", "SL3109", None, WORKLOADS),
    ("CKV_K8S_11", "SL3112", "CPU", WORKLOADS),
    ("CKV_K8S_13", "SL3112", "memory", WORKLOADS),
    ("CKV_K8S_10", "SL3113", "CPU", WORKLOADS),
    ("CKV_K8S_12", "SL3113", "memory", WORKLOADS),
    ("CKV_K8S_26", "SL3114", None, WORKLOADS),
    ("CKV_K8S_38", "SL3117", None, WORKLOADS),
    ("CKV_K8S_15", "SL3118", None, WORKLOADS),
    ("CKV_K8S_49", "SL3120", None, ROLES),
]

DOC_START = re.compile(r"^---")
KIND = re.compile(r"^kind:\s*['\"]?([A-Za-z]+)")


def documents(path):
    """The first line and kind of each top-level document of a file."""
    docs = [[1, None]]
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            if DOC_START.match(line):
                docs.append([number, None])
            elif docs[-1][1] is None and (m := KIND.match(line)):
                docs[-1][1] = m.group(1)
    return docs


def document_of(docs, line):
    index = 0
    for i, (start, _) in enumerate(docs):
        if start <= line:
            index = i
    return index, docs[index][1]


def shiplint_findings(binary, corpus):
    cmd = [binary, "check", "--isolated", "--select", "all", "--format", "json",
           "--failure-threshold", "none", corpus]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads(out)["diagnostics"]


def failing_objects(findings):
    """(code, message filter) -> set of (path, document index), with the document's kind."""
    cache = {}
    by_code = defaultdict(list)
    for d in findings:
        path = d["path"]
        if path not in cache:
            cache[path] = documents(path)
        index, kind = document_of(cache[path], d["line"])
        by_code[d["code"]].append(((path, index), kind, d["message"]))
    return by_code


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--shiplint", default=os.path.join(root, "target/release/shiplint"))
    parser.add_argument("--corpus", default=os.path.join(root, "../shared/corpus"))
    args = parser.parse_args()

    summary_path = os.path.join(args.corpus, "reference/checkov-summary.json")
    if not os.path.isfile(summary_path):
        print(f"skipped: {summary_path} not found", file=sys.stderr)
        return 0
    checks = json.load(open(summary_path))["kubernetes"]["checks"]
    by_code = failing_objects(shiplint_findings(args.shiplint, os.path.join(args.corpus, "k8s")))

    print(f"{'checkov':<11} {'ours':<7} {'filter':<17} {'checkov':>7} {'shiplint':>8} {'diff':>6}")
    for check, code, needle, kinds in CONCERNS:
        theirs = checks.get(check, {}).get("failed", 0)
        ours = {
            obj for obj, kind, message in by_code.get(code, [])
            if kind in kinds and (needle is None or needle in message)
        }
        diff = (len(ours) - theirs) / max(theirs, 1)
        flag = "  *" if abs(diff) > 0.20 and abs(len(ours) - theirs) > 2 else ""
        print(f"{check:<11} {code:<7} {needle or '':<17} {theirs:>7} {len(ours):>8} "
              f"{diff:>+6.0%}{flag}")
    print("\n* differs by more than 20% (and by more than 2 objects): see scripts/README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
