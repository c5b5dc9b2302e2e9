#!/usr/bin/env bash
# Throughput and memory of mailsift against the baselines in ../shared/bench/baselines, on the
# shared generator's corpus. Not a test: figures go into BENCHMARKS.md with this command.
#
#   scripts/bench.sh            # 4800-message corpus (217 MB), 5 interleaved runs each, plus the 4x corpus
#   BENCH_RUNS=5 scripts/bench.sh
#   BENCH_QUICK=1 scripts/bench.sh   # skip the 4x corpus and the Maildir / eml-dir forms
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$here/../shared" && pwd)
out=/tmp/bench
runs=${BENCH_RUNS:-5}
now=2026-11-28T00:00:00Z
mkdir -p "$out"

need() { command -v "$1" >/dev/null 2>&1; }
install_missing() {
  local pkgs=()
  [ -x /usr/bin/time ] || pkgs+=(time)
  pkg-config --exists gmime-3.0 2>/dev/null || pkgs+=(libgmime-3.0-dev)
  pkg-config --exists libxml-2.0 2>/dev/null || pkgs+=(libxml2-dev)
  if [ ${#pkgs[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}"
  fi
  python3 -c 'import lxml' 2>/dev/null || python3 -m pip install -q lxml
}

build() {
  # A scratch path of its own, so a benchmark never fights a debug build for .build.
  (cd "$here" && swift build -c release --scratch-path .build-bench 2>&1 | tail -1)
  mailsift="$here/.build-bench/release/mailsift"
  cc -O2 -o "$out/gmime_baseline" "$shared/bench/baselines/gmime_baseline.c" \
     $(pkg-config --cflags --libs gmime-3.0 libxml-2.0)
}

# gen FORMAT MESSAGES NAME -> writes $out/NAME (+ .truth.jsonl) once.
gen() {
  local format=$1 n=$2 name=$3
  if [ ! -e "$out/$name" ] || [ ! -s "$out/$name.truth.jsonl" ]; then
    python3 "$shared/bench/gen_corpus.py" --messages "$n" --format "$format" --out "$out/$name" --seed 1 >/dev/null 2>&1
  fi
}

# One timed run of CMD: appends its wall seconds to times[LABEL] and keeps the peak RSS
# (/usr/bin/time: it counts the pages of a memory-mapped input too) and the peak anonymous
# memory (heap and stacks, sampled from /proc every 20 ms: the figure the memory target is
# about, since mailsift maps an mbox instead of reading it).
declare -A wall rss anon times
once() {
  local label=$1 outfile=$2; shift 2
  local apeak=${anon[$label]:-0} a
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" > "$outfile" 2>/dev/null &
  local tpid=$! cpid="" k v _
  # The sampler must not steal the CPU it measures: shell builtins only, every 100 ms.
  while kill -0 "$tpid" 2>/dev/null; do
    [ -z "$cpid" ] && cpid=$(pgrep -P "$tpid" 2>/dev/null | head -1 || true)
    if [ -n "$cpid" ] && [ -r "/proc/$cpid/status" ]; then
      while read -r k v _; do
        if [ "$k" = "RssAnon:" ]; then [ "$v" -gt "$apeak" ] && apeak=$v; break; fi
      done < "/proc/$cpid/status" 2>/dev/null || true
    fi
    sleep 0.1
  done
  wait "$tpid" || true
  local t m
  read -r t m < "$out/time.txt"
  times[$label]="${times[$label]:-} $t"
  [ "$m" -gt "${rss[$label]:-0}" ] && rss[$label]=$m
  anon[$label]=$apeak
  wall[$label]=$(printf '%s\n' ${times[$label]} | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
}

# measure LABEL OUTFILE CMD... : $runs runs of one command.
measure() {
  local label=$1 outfile=$2; shift 2
  for _ in $(seq "$runs"); do once "$label" "$outfile" "$@"; done
}

mb() { du -sb "$1" | awk '{print $1/1e6}'; }
row() {  # LABEL SIZE_MB MESSAGES
  awk -v l="$1" -v w="${wall[$1]}" -v r="${rss[$1]}" -v a="${anon[$1]}" -v s="$2" -v n="$3" \
    'BEGIN { printf "| %s | %.2f | %.0f | %.0f | %.0f | %.0f |\n", l, w, s / w, n / w, r / 1024, a / 1024 }'
}

install_missing
build
gen mbox 4800 corpus.mbox
corpus=$out/corpus.mbox
size=$(mb "$corpus"); msgs=4800
jobs=$(nproc)

# The runs that are compared are interleaved, round by round, so that a busy neighbour on a
# shared machine slows all of them alike instead of one of them.
for _ in $(seq "$runs"); do
  once "mailsift default" "$out/ms-default.ndjson" "$mailsift" scan --format ndjson --now $now -q "$corpus"
  once "mailsift --all --jobs 1" "$out/ms-all-1.ndjson" "$mailsift" scan --all --jobs 1 --format ndjson --now $now -q "$corpus"
  once "mailsift --all --jobs $jobs" "$out/ms-all-n.ndjson" "$mailsift" scan --all --jobs "$jobs" --format ndjson --now $now -q "$corpus"
  once "GMime+libxml2 (1 process)" "$out/gmime.out" "$out/gmime_baseline" "$corpus" "$out/gmime.jsonl"
  once "GMime+libxml2 (2 processes)" "$out/gmime2.out" bash -c "'$out/gmime_baseline' '$corpus' '$out/g0.jsonl' 0/2 & '$out/gmime_baseline' '$corpus' '$out/g1.jsonl' 1/2 & wait"
done
runs_saved=$runs; runs=1
measure "Python email+lxml (1 process)" "$out/py.out" python3 "$shared/bench/baselines/py_email.py" "$corpus" "$out/py.jsonl"
runs=$runs_saved

echo
echo "## $(date -u +%Y-%m-%d) — $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
echo "Corpus: \`gen_corpus.py --messages 4800 --format mbox --seed 1\`, $size MB; median of $runs runs."
echo
echo "| run | wall s | MB/s | msgs/s | peak RSS MiB (incl. mapped input) | peak heap MiB (RssAnon) |"
echo "|---|---:|---:|---:|---:|---:|"
for l in "mailsift default" "mailsift --all --jobs 1" "mailsift --all --jobs $jobs" "GMime+libxml2 (1 process)" "GMime+libxml2 (2 processes)" "Python email+lxml (1 process)"; do
  row "$l" "$size" "$msgs"
done

ratio() { awk -v a="${wall[$1]}" -v b="${wall[$2]}" 'BEGIN { printf "%.2f", b / a }'; }
verdict() { awk -v x="$1" -v t="$2" 'BEGIN { print (x >= t ? "PASS" : "FAIL") }'; }
r1=$(ratio "mailsift --all --jobs 1" "GMime+libxml2 (1 process)")
r2=$(ratio "mailsift --all --jobs $jobs" "mailsift --all --jobs 1")
r3=$(ratio "mailsift default" "GMime+libxml2 (1 process)")
echo
echo "| target | measured | |"
echo "|---|---:|---|"
echo "| --all --jobs 1 ≥ 1.5× GMime | ${r1}× | $(verdict "$r1" 1.5) |"
echo "| all jobs ≥ 1.8× --jobs 1 | ${r2}× | $(verdict "$r2" 1.8) |"
echo "| default ≥ 3× GMime | ${r3}× | $(verdict "$r3" 3) |"
peak=0
for l in "mailsift default" "mailsift --all --jobs 1" "mailsift --all --jobs $jobs"; do
  a=$(( ${anon[$l]} / 1024 )); [ $a -gt $peak ] && peak=$a
done
echo "| peak heap < 64 MiB (every mailsift run) | ${peak} MiB | $( [ $peak -lt 64 ] && echo PASS || echo FAIL ) |"

echo
echo "Scores (score_run.py; must be perfect):"
for f in ms-default ms-all-1 ms-all-n; do
  printf '%s: ' "$f"; python3 "$shared/bench/score_run.py" "$corpus.truth.jsonl" "$out/$f.ndjson" | tr '\n' ' '; echo
done
cmp -s "$out/ms-all-1.ndjson" "$out/ms-all-n.ndjson" && echo "--jobs 1 and --jobs $jobs outputs are byte-identical" \
  || echo "--jobs 1 and --jobs $jobs outputs DIFFER"

[ -n "${BENCH_QUICK:-}" ] && exit 0

# Memory stays flat on a corpus four times larger.
gen mbox 19200 corpus4x.mbox
measure "mailsift --all --jobs $jobs (4x corpus)" "$out/ms-4x.ndjson" "$mailsift" scan --all --jobs "$jobs" --format ndjson --now $now -q "$out/corpus4x.mbox"
big=${anon["mailsift --all --jobs $jobs (4x corpus)"]}; small=${anon["mailsift --all --jobs $jobs"]}
echo
echo "4x corpus ($(mb "$out/corpus4x.mbox") MB): peak heap $((big / 1024)) MiB vs $((small / 1024)) MiB: $(awk -v a=$big -v b=$small 'BEGIN { printf "%+.1f%%", (a - b) * 100 / b }') (target: at most +10%)"
printf 'score: '; python3 "$shared/bench/score_run.py" "$out/corpus4x.mbox.truth.jsonl" "$out/ms-4x.ndjson" | tr '\n' ' '; echo

# The other two forms of the same corpus; every file is message 0 of its own input, so the
# truth's file names map reports back to message numbers before scoring.
for form in maildir eml-dir; do
  gen "$form" 4800 "corpus-$form"
  measure "mailsift --all ($form)" "$out/ms-$form.ndjson" "$mailsift" scan --all --jobs "$jobs" --format ndjson --now $now -q "$out/corpus-$form"
  python3 "$here/scripts/reindex_by_file.py" "$out/corpus-$form" "$out/corpus-$form.truth.jsonl" "$out/ms-$form.ndjson" > "$out/ms-$form.reindexed.ndjson"
  echo
  row "mailsift --all ($form)" "$(mb "$out/corpus-$form")" 4800
  printf 'score: '; python3 "$shared/bench/score_run.py" "$out/corpus-$form.truth.jsonl" "$out/ms-$form.reindexed.ndjson" | tr '\n' ' '; echo
done
