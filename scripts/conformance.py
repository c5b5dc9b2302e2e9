#!/usr/bin/env python3
"""Compares `mailsift parts` with stalwart-mail-parser's published parses (first step of issue 4).

usage: scripts/conformance.py [MAILSIFT]   (default: .build/debug/mailsift)

For each ../shared/corpus/peers/stalwart-mail-parser/resources/eml/*/NAME.eml with NAME.json
(the expected parse of the LF-only version), feeds the LF-only bytes to `mailsift parts` and
compares: subject, from and to addresses, date (as an instant), the decoded text of every
text/* leaf in tree order (line endings and trailing blanks normalised), and attachment names
and decoded sizes. Prints agreement per field and every disagreement. Python stdlib only.
"""
import glob, json, os, subprocess, sys
from datetime import datetime, timedelta, timezone

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
corpus = os.path.join(os.path.dirname(root), "shared/corpus/peers/stalwart-mail-parser/resources/eml")
mailsift = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/debug/mailsift")


def header(part, name):
    for h in part["headers"]:
        if h["name"] == name:
            return h["value"]
    return None


def addresses(value):
    if not isinstance(value, dict) or "Address" not in value:
        return []
    a = value["Address"]
    out = []
    if "List" in a:
        out = [x.get("address") for x in a["List"]]
    elif "Group" in a:
        for g in a["Group"]:
            out += [x.get("address") for x in g.get("addresses") or []]
    return [x.lower() for x in out if x]


def instant(value):
    if not isinstance(value, dict) or "DateTime" not in value:
        return None
    d = value["DateTime"]
    try:
        off = timedelta(hours=d["tz_hour"], minutes=d["tz_minute"]) * (-1 if d["tz_before_gmt"] else 1)
        return datetime(d["year"], d["month"], d["day"], d["hour"], d["minute"], d["second"], tzinfo=timezone(off)).timestamp()
    except (ValueError, KeyError, OverflowError):
        return None


def norm(text):
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(l.rstrip() for l in lines).strip()


def expected_leaves(msg):
    """(kind, value, filename) for every leaf in tree order, nested messages flattened."""
    out = []
    for p in msg["parts"]:
        body = p["body"]
        (kind, value), = body.items() if isinstance(body, dict) else [(body, None)]
        if kind in ("Text", "Html"):
            out.append(("text", norm(value), None))
        elif kind in ("Binary", "InlineBinary"):
            name = None
            for hname in ("content_disposition", "content_type"):
                v = header(p, hname)
                if isinstance(v, dict) and "ContentType" in v:
                    for a in v["ContentType"].get("attributes") or []:
                        if a["name"] in ("filename", "name"):
                            name = name or a["value"]
            out.append(("binary", len(value), name))
        elif kind == "Message":
            out += expected_leaves(value)
    return out


def actual_leaves(report):
    out = []
    for p in report["parts"]:
        if "text" in p:
            out.append(("text", norm(p["text"]), None))
        elif "size" in p:
            out.append(("binary", p["size"], p["filename"]))
    return out


fields = ["subject", "from", "to", "date", "text parts", "attachments"]
agree = {f: 0 for f in fields}
total = {f: 0 for f in fields}
misses = []
for eml in sorted(glob.glob(os.path.join(corpus, "*/*.eml"))):
    exp_path = eml[:-4] + ".json"
    if not os.path.exists(exp_path):
        continue
    name = os.path.relpath(eml, corpus)
    expected = json.load(open(exp_path, encoding="utf-8"))
    data = open(eml, "rb").read().replace(b"\r", b"")
    run = subprocess.run([mailsift, "parts", "--format", "ndjson", "-"], input=data, capture_output=True, timeout=60)
    try:
        got = json.loads(run.stdout.decode("utf-8").splitlines()[0])
    except (IndexError, ValueError):
        misses.append((name, "all", "no report", run.stderr.decode(errors="replace")[:200]))
        for f in fields:
            total[f] += 1
        continue
    top = expected["parts"][0]
    subj = header(top, "subject")
    checks = {
        "subject": ((subj or {}).get("Text") if isinstance(subj, dict) else None, got["subject"]),
        "from": (addresses(header(top, "from")), [a["address"].lower() for a in got["from"]]),
        "to": (addresses(header(top, "to")), [a["address"].lower() for a in got["to"]]),
        "date": (instant(header(top, "date")),
                 datetime.fromisoformat(got["date"].replace("Z", "+00:00")).timestamp() if got["date"] else None),
    }
    exp_leaves, act_leaves = expected_leaves(expected), actual_leaves(got)
    checks["text parts"] = ([l[1] for l in exp_leaves if l[0] == "text"], [l[1] for l in act_leaves if l[0] == "text"])
    checks["attachments"] = ([(l[2], l[1]) for l in exp_leaves if l[0] == "binary"],
                             [(l[2], l[1]) for l in act_leaves if l[0] == "binary"])
    for f, (e, a) in checks.items():
        total[f] += 1
        if e == a:
            agree[f] += 1
        else:
            misses.append((name, f, repr(e)[:160], repr(a)[:160]))

for name, f, e, a in misses:
    print("  %-28s %-12s expected %s\n  %-28s %-12s got      %s" % (name, f, e, "", "", a))
print("stalwart-mail-parser: " + ", ".join("%s %d/%d (%.1f%%)" % (f, agree[f], total[f], 100.0 * agree[f] / max(1, total[f])) for f in fields))
