#!/usr/bin/env bash
# Time and peak memory of a release mailsift on each pathological input of issue 7.
#
#   scripts/hostile-bench.sh            # build release into .build-bench, generate, measure, print a table
#   HOSTILE_KEEP=1 scripts/hostile-bench.sh   # keep the generated inputs (path printed)
#   HOSTILE_BIN=/path/to/mailsift scripts/hostile-bench.sh   # measure another build instead
#
# Inputs are generated (streaming, with python3) into a temporary folder that is removed at the
# end; nothing is written next to the repository. Each is scanned once with
#   /usr/bin/time -v mailsift scan --all --format ndjson --quiet INPUT > /dev/null
# (GNU time: `apt-get install -y time`), and the table shows wall time, peak RSS, exit status,
# the number of records and the warning codes of the limits that were hit.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
[ -x /usr/bin/time ] || { echo "hostile-bench.sh: GNU time missing (apt-get install -y time)" >&2; exit 2; }
cd "$here"
if [ -n "${HOSTILE_BIN:-}" ]; then
  bin=$HOSTILE_BIN   # another build to compare with (e.g. one from before a fix)
else
  nice -n 5 swift build -c release --scratch-path .build-bench --product mailsift 2>&1 | tail -1 >&2
  bin=$(swift build -c release --scratch-path .build-bench --show-bin-path)/mailsift
fi
work=$(mktemp -d /tmp/mailsift-hostile.XXXXXX)
if [ "${HOSTILE_KEEP:-0}" != 1 ]; then trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT; fi

python3 - "$work" <<'PY'
import os, sys, random
d = sys.argv[1]
H = b"From: a@example.com\r\nTo: b@example.com\r\nDate: Wed, 26 Nov 2025 10:00:00 +0700\r\n"
def w(name, *chunks):
    with open(os.path.join(d, name), "wb") as f:
        for c in chunks:
            f.write(c)
w("comments-10k.eml", b"From: " + b"(" * 10000 + b"x" + b")" * 10000 + b" <a@example.com>\r\nSubject: c\r\n\r\nbody\r\n")
w("header-line-1mb.eml", H, b"Subject: " + b"A" * (1 << 20) + b"\r\n\r\nbody\r\n")
body = b"text\r\n"
for level in reversed(range(1000)):
    b_ = b"b%d" % level
    body = b"Content-Type: multipart/mixed; boundary=\"" + b_ + b"\"\r\n\r\n--" + b_ + b"\r\n" + body + b"\r\n--" + b_ + b"--\r\n"
w("multipart-1000-deep.eml", H, b"Subject: deep\r\nMIME-Version: 1.0\r\n", body)
# 200 MB of base64 (150 MB decoded) in one text part, written in 1 MB chunks.
with open(os.path.join(d, "base64-200mb.eml"), "wb") as f:
    f.write(H + b"Subject: big\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
    line = b"QUJD" * 19 + b"\r\n"
    chunk = line * ((1 << 20) // len(line) + 1)
    for _ in range(200 * (1 << 20) // len(chunk)):
        f.write(chunk)
with open(os.path.join(d, "parts-100k.eml"), "wb") as f:
    f.write(H + b"Subject: parts\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n")
    f.write(b"--x\r\n\r\na\r\n" * 100000 + b"--x--\r\n")
w("mbox-100k-empty.mbox", b"From MAILER-DAEMON Wed Nov 26 10:00:00 2025\n\n" * 100000)
w("nul-bytes.eml", b"From: \0Eve\0 <e@example.com>\r\nSubject: a\0b\r\n\r\n", b"\0" * (1 << 20))
rnd = random.Random(7)
w("invalid-utf8.eml", b"From: \xff\xfe <x@example.com>\r\nSubject: \xc0\xaf\xed\xa0\x80\r\nContent-Type: text/html; charset=utf-8\r\n\r\n",
  bytes(rnd.randrange(0x80, 0x100) for _ in range(4 << 20)))
w("zip-named.eml", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(rnd.randrange(256) for _ in range(1 << 20)))
w("html-link-1000-deep.eml", H, b"Subject: h\r\nContent-Type: text/html\r\n\r\n", b"<div>" * 1000, b'<a href="https://example.com/x">x</a>', b"</div>" * 1000)
w("html-link-100k-deep.eml", H, b"Subject: h\r\nContent-Type: text/html\r\n\r\n", b"<div>" * 100000, b'<a href="https://example.com/x">x</a>', b"</div>" * 100000)
w("html-100k-links.eml", H, b"Subject: h\r\nContent-Type: text/html\r\n\r\n", b"".join(b'<a href="https://example.com/%d">l</a>\n' % i for i in range(100000)))
w("html-shown-urls-10k.eml", H, b"Subject: h\r\nContent-Type: text/html\r\n\r\n",
  b"".join(b'<a href="https://t.example/%d">https://shown.example/%d</a>\n' % (i, i) for i in range(10000)),
  b"".join(b"<p>https://text.example/%d</p>\n" % i for i in range(10000)))
w("html-shown-urls-5k.eml", H, b"Subject: h\r\nContent-Type: text/html\r\n\r\n",
  b"".join(b'<a href="https://t.example/%d">https://shown.example/%d</a>\n' % (i, i) for i in range(5000)),
  b"".join(b"<p>https://text.example/%d</p>\n" % i for i in range(4999)))
w("html-24mb.eml", H, b"Subject: h\r\nContent-Type: text/html\r\n\r\n<p>", b"word " * ((24 << 20) // 5), b"</p>")
w("unwrap-10-layers.eml", H, b"Subject: u\r\n\r\n" + b"https://www.google.com/url?q=" * 10 + b"https://example.com/\r\n")
os.makedirs(os.path.join(d, "loop/a"))
w("loop/a/m.eml", H, b"Subject: in loop\r\n\r\nx\r\n")
os.symlink("..", os.path.join(d, "loop/a/up"))
os.symlink(".", os.path.join(d, "loop/a/self"))
w("locked.eml", H, b"Subject: locked\r\n\r\nx\r\n")
os.chmod(os.path.join(d, "locked.eml"), 0)
PY

[ "$(id -u)" = 0 ] && echo "note: running as root, so locked.eml (mode 000) is readable" >&2
printf '| input | size | wall s | max RSS MiB | exit | records | limit warnings / errors |\n|---|---:|---:|---:|---:|---:|---|\n'
# Input, then extra options for that run (the 200 MB part once more with the message limit raised,
# so that the per-part limit is what cuts it; the shown-URL case with the link limit raised, so
# that all 20,000 URLs go through the anchor matching that used to be quadratic).
runs=(
  "comments-10k.eml|" "header-line-1mb.eml|" "multipart-1000-deep.eml|" "base64-200mb.eml|"
  "base64-200mb.eml|--max-message-bytes 256M" "parts-100k.eml|" "mbox-100k-empty.mbox|" "nul-bytes.eml|"
  "invalid-utf8.eml|" "zip-named.eml|" "html-link-1000-deep.eml|" "html-link-100k-deep.eml|"
  "html-100k-links.eml|" "html-shown-urls-5k.eml|" "html-shown-urls-10k.eml|--max-links 100000" "html-24mb.eml|" "unwrap-10-layers.eml|"
  "loop|" "locked.eml|"
)
for run in "${runs[@]}"; do
  f=${run%%|*}
  extra=${run#*|}
  path=$work/$f
  size=$(du -sh --apparent-size "$path" | cut -f1)
  rc=0
  # shellcheck disable=SC2086
  /usr/bin/time -v -o "$work/time.txt" "$bin" scan --all --format ndjson --quiet $extra "$path" >"$work/out.ndjson" 2>"$work/err.txt" || rc=$?
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; printf "%.2f", s}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/time.txt")
  records=$(wc -l <"$work/out.ndjson")
  codes=$(python3 -c '
import json, sys, collections
c = collections.Counter()
for line in open(sys.argv[1], encoding="utf-8"):
    for w in json.loads(line)["warnings"]:
        if w["code"] in ("header-line-too-long","too-many-headers","header-too-large","too-deep","too-many-parts","part-too-large",
                         "message-decoded-too-large","message-too-large","html-too-large","html-too-deep","too-many-links","unwrap-depth-limit"):
            c[w["code"]] += 1
print(" ".join(f"{k}" + (f" ×{v}" if v > 1 else "") for k, v in sorted(c.items())))
' "$work/out.ndjson")
  err=$(grep -c '^mailsift: ' "$work/err.txt" || true)
  [ "$err" != 0 ] && codes="$codes${codes:+; }$err named on stderr ($(head -1 "$work/err.txt" | sed 's/.*: \(not mail\|cannot read\)/\1/' | cut -c1-40))"
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$f${extra:+ \`$extra\`}" "$size" "$wall" "$rss" "$rc" "$records" "${codes:--}"
done
[ "${HOSTILE_KEEP:-0}" = 1 ] && echo "inputs kept in $work" >&2
exit 0
