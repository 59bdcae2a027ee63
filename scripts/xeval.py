#!/usr/bin/env python3
"""scripts/xeval.py — precision and recall of the rules across reports (issue 15) on scripts/xseries.py's
test bed, and the copy detector's precision and recall at each similarity threshold (from which the
defaults of --copy-last-year and --copy-other-agency were chosen).

    scripts/xeval.py --nianbao ./nianbao --dir DIR [--jobs N]

A finding matches the truth by report and place: YEAR-CARRYOVER by (file, column), YEAR-IN-FORCE by (file,
row), ROSTER-MISSING by (year, agency), the others by file.
"""
import argparse
import csv
import os
import subprocess
import sys
import time

RULES = ["YEAR-CARRYOVER", "YEAR-IN-FORCE", "YEAR-DUPLICATE", "COPY-LAST-YEAR", "COPY-OTHER-AGENCY",
         "ROSTER-MISSING", "ROSTER-UNLISTED"]


def key(rule, file, table, row, col):
    if rule == "YEAR-CARRYOVER":
        return (rule, file, col)
    if rule == "YEAR-IN-FORCE":
        return (rule, file, row)
    if rule == "ROSTER-MISSING":
        return (rule, row, col)
    return (rule, file)


def run(nianbao, d, out, extra, jobs):
    t = time.time()
    subprocess.run([nianbao, "audit", "-q", "-j", str(jobs), "--lang", "en", "--today", "2026-12-01", "-o", out,
                    "--roster", os.path.join(d, "roster.csv")] + extra + [os.path.join(d, "docs")],
                   stdout=subprocess.DEVNULL)
    found = []
    with open(os.path.join(out, "findings.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["rule"] in RULES:
                found.append(r)
    return found, time.time() - t


def score(truth, got):
    tp = len(truth & got)
    p = tp / len(got) if got else 1.0
    r = tp / len(truth) if truth else 1.0
    return tp, p, r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nianbao", default="./nianbao")
    ap.add_argument("--dir", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    truth = set()
    with open(os.path.join(a.dir, "truth", "xfindings.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            truth.add(key(r["rule"], r["file"], r["table"], r["row"], r["col"]))
    found, secs = run(a.nianbao, a.dir, os.path.join(a.dir, "out"), [], a.jobs)
    got = {key(r["rule"], r["file"], r["table"], r["row"], r["col"]) for r in found}
    ndocs = len(os.listdir(os.path.join(a.dir, "docs")))
    print("cross-report rules on %d generated reports (scripts/xseries.py), default thresholds:" % ndocs)
    print("| rule | owed | found | correct | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|")
    for rule in RULES:
        t = {k for k in truth if k[0] == rule}
        g = {k for k in got if k[0] == rule}
        tp, p, r = score(t, g)
        print("| %s | %d | %d | %d | %.3f | %.3f |" % (rule, len(t), len(g), tp, p, r))
    # the copy detector at each threshold: one run with low thresholds, the similarity of each finding
    low, _ = run(a.nianbao, a.dir, os.path.join(a.dir, "out-low"), ["--copy-last-year", "0.4", "--copy-other-agency", "0.4"], a.jobs)
    print("\ncopy detector by threshold (a finding at similarity s is raised at every threshold <= s):")
    print("| threshold | COPY-LAST-YEAR P | R | COPY-OTHER-AGENCY P | R |")
    print("|---:|---:|---:|---:|---:|")
    for th in [x / 100 for x in range(50, 100, 3)]:
        cells = []
        for rule in ("COPY-LAST-YEAR", "COPY-OTHER-AGENCY"):
            t = {k for k in truth if k[0] == rule}
            g = {key(r["rule"], r["file"], r["table"], r["row"], r["col"]) for r in low
                 if r["rule"] == rule and float(r["actual"]) >= th}
            _, p, r = score(t, g)
            cells += ["%.3f" % p, "%.3f" % r]
        print("| %.2f | %s |" % (th, " | ".join(cells)))
    print("\naudit of %d reports: %.1f s" % (ndocs, secs))


if __name__ == "__main__":
    sys.exit(main())
