#!/usr/bin/env python3
"""Turns the raw measurements of scripts/bench.sh into the markdown summary for BENCHMARKS.md.

usage: bench_report.py OUT_DIR

Reads, from OUT_DIR (written by bench.sh):
  runs.tsv    one line per timed run: group, key, label, bytes, messages, wall s, peak RSS KiB,
              peak heap KiB (-1: not sampled)
  checks.tsv  one line per check: name, ok|FAIL, text (score_run.py lines, cmp)
  env.tsv     name, value (date, machine, commit, versions, load)
Prints markdown on stdout. Exits 1 when a check failed (a score that is not perfect, outputs that
differ): the figures of a wrong run mean nothing. A target that is not met is reported, not an error. Python 3 standard library only.
"""
import csv, os, statistics, sys
from collections import OrderedDict, defaultdict

# Targets from the issue. The RSS ones are on peak RSS as /usr/bin/time reports it.
RSS_LIMIT_MIB = 64
RSS_GROWTH_LIMIT = 0.10
GROUP_TITLES = {
    "mbox": "mbox, 4,800 messages",
    "mbox4x": "mbox 4x, 19,200 messages",
    "maildir": "Maildir, 4,800 files",
    "emldir": "folder of .eml, 4,800 files",
}
MAILSIFT_KEYS = ("default", "all-1", "all-n")


def read_tsv(path, width):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return [row for row in csv.reader(f, delimiter="\t") if len(row) == width]


class Series:
    """Every timed run of one command on one corpus."""

    def __init__(self, label, size, messages):
        self.label, self.size, self.messages = label, size, messages
        self.walls, self.rss, self.heap = [], [], []

    @property
    def wall(self):
        return statistics.median(self.walls)

    @property
    def rss_mib(self):
        return max(self.rss) / 1024

    @property
    def heap_mib(self):
        known = [h for h in self.heap if h >= 0]
        return max(known) / 1024 if known else None


def load(out):
    groups = OrderedDict()
    for group, key, label, size, msgs, wall, rss, heap in read_tsv(os.path.join(out, "runs.tsv"), 8):
        s = groups.setdefault(group, OrderedDict()).setdefault(key, Series(label, int(size), int(msgs)))
        s.walls.append(float(wall))
        s.rss.append(int(rss))
        s.heap.append(int(heap))
    checks = read_tsv(os.path.join(out, "checks.tsv"), 3)
    env = OrderedDict(read_tsv(os.path.join(out, "env.tsv"), 2))
    return groups, checks, env


def fmt_mib(x):
    return "—" if x is None else "%.0f" % x


def run_table(title, series):
    first = next(iter(series.values()))
    n = len(first.walls)
    lines = [
        "### %s (%.1f MB)" % (title, first.size / 1e6),
        "",
        "| run | wall s (median of %d) | min–max s | MB/s | msgs/s | peak RSS MiB | peak heap MiB |" % n,
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in series.values():
        lines.append("| %s | %.2f | %.2f–%.2f | %.0f | %.0f | %s | %s |" % (
            s.label, s.wall, min(s.walls), max(s.walls), s.size / 1e6 / s.wall, s.messages / s.wall,
            fmt_mib(s.rss_mib), fmt_mib(s.heap_mib)))
    return lines


def main(out):
    groups, checks, env = load(out)
    failed = False
    md = []
    md.append("## %s — %s" % (env.get("date", "?"), env.get("machine", "?")))
    md.append("")
    for name in ("command", "commit", "toolchain", "load average (start → end)"):
        if name in env:
            md.append("- %s: %s" % (name, env[name]))
    md.append("")
    md.append("Throughput is the input's size (bytes of the mbox, or of all message files) over the "
              "median wall time; MB = 10^6 bytes. Peak RSS is `/usr/bin/time -v`'s maximum resident set "
              "(for a memory-mapped mbox it counts the pages of the input that are resident; for the "
              "2-process GMime run it is the larger process). Peak heap is RssAnon of the command's "
              "processes, summed, sampled every 20 ms: indicative, it can miss short peaks.")
    md.append("")

    for group, series in groups.items():
        md += run_table(GROUP_TITLES.get(group, group), series)
        md.append("")

    mbox = groups.get("mbox", {})
    targets = []  # (name, measured text, pass)

    def ratio(fast, slow, group=mbox):
        # throughput ratio fast/slow == wall slow / wall fast: both ran on the same input
        if fast in group and slow in group:
            return group[slow].wall / group[fast].wall
        return None

    r_default = ratio("default", "gmime-1")
    r_all1 = ratio("all-1", "gmime-1")
    r_scale = ratio("all-n", "all-1")
    if mbox:
        md.append("### Ratios (throughput, mbox 4,800 messages)")
        md.append("")
        md.append("| ratio | value |")
        md.append("|---|---:|")
        for name, fast, slow in (
            ("mailsift default / GMime 1 process", "default", "gmime-1"),
            ("mailsift --all --jobs 1 / GMime 1 process", "all-1", "gmime-1"),
            ("mailsift --all all jobs / --all --jobs 1", "all-n", "all-1"),
            ("mailsift --all all jobs / GMime 2 processes", "all-n", "gmime-2"),
            ("GMime 2 processes / GMime 1 process", "gmime-2", "gmime-1"),
            ("mailsift --all --jobs 1 / Python email+lxml", "all-1", "python"),
        ):
            r = ratio(fast, slow)
            if r is not None:
                md.append("| %s | %.2f× |" % (name, r))
        md.append("")
        for name, r, goal in (
            ("`--all --jobs 1` ≥ 1.5× GMime (1 process)", r_all1, 1.5),
            ("`--all` all jobs ≥ 1.8× `--all --jobs 1`", r_scale, 1.8),
            ("default mode ≥ 3× GMime (1 process)", r_default, 3.0),
        ):
            if r is not None:
                targets.append((name, "%.2f×" % r, r >= goal))

    # Peak RSS of every mailsift run, on every corpus.
    ms_runs = [(g, k, s) for g, series in groups.items() for k, s in series.items() if k in MAILSIFT_KEYS]
    if ms_runs:
        g, k, worst = max(ms_runs, key=lambda t: t[2].rss_mib)
        heaps = [s.heap_mib for _, _, s in ms_runs if s.heap_mib is not None]
        targets.append(("peak RSS < %d MiB (every mailsift run)" % RSS_LIMIT_MIB,
                        "%.0f MiB (%s, %s)" % (worst.rss_mib, worst.label, GROUP_TITLES.get(g, g)),
                        worst.rss_mib < RSS_LIMIT_MIB))
        if heaps:
            md_heap = max(heaps)
            targets.append(("(for reference, not the target) peak heap < %d MiB" % RSS_LIMIT_MIB,
                            "%.0f MiB" % md_heap, md_heap < RSS_LIMIT_MIB))

    big = groups.get("mbox4x", {})
    if big and mbox:
        md.append("### Memory on the 4x corpus (mbox %.0f MB → %.0f MB)" % (
            next(iter(mbox.values())).size / 1e6, next(iter(big.values())).size / 1e6))
        md.append("")
        md.append("| run | peak RSS MiB 1x | 4x | change | peak heap MiB 1x | 4x | change |")
        md.append("|---|---:|---:|---:|---:|---:|---:|")
        worst = None
        for k in MAILSIFT_KEYS:
            if k not in big or k not in mbox:
                continue
            a, b = mbox[k], big[k]
            growth = (b.rss_mib - a.rss_mib) / a.rss_mib
            hg = "—"
            if a.heap_mib and b.heap_mib is not None:
                hg = "%+.1f %%" % ((b.heap_mib - a.heap_mib) * 100 / a.heap_mib)
            md.append("| %s | %.0f | %.0f | %+.1f %% | %s | %s | %s |" % (
                a.label, a.rss_mib, b.rss_mib, growth * 100, fmt_mib(a.heap_mib), fmt_mib(b.heap_mib), hg))
            if worst is None or growth > worst[1]:
                worst = (a.label, growth)
        md.append("")
        if worst:
            targets.append(("peak RSS on the 4x corpus ≤ +10 % (every mode)",
                            "%+.1f %% (worst: %s)" % (worst[1] * 100, worst[0]), worst[1] <= RSS_GROWTH_LIMIT))

    md.append("### Targets")
    md.append("")
    md.append("| target | measured | |")
    md.append("|---|---:|---|")
    for name, measured, ok in targets:
        md.append("| %s | %s | %s |" % (name, measured, "PASS" if ok else "**FAIL**"))
    md.append("")

    if checks:
        md.append("### Scores and checks (score_run.py must be perfect)")
        md.append("")
        md.append("```")
        for name, status, text in checks:
            md.append("%-28s %-4s %s" % (name, status, text))
            failed |= status != "ok"
        md.append("```")
    print("\n".join(md))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/bench"))
