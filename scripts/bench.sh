#!/usr/bin/env bash
# Throughput and memory of `mailsift scan` against the baselines in ../shared/bench/baselines
# (GMime 3 + libxml2 in C; Python email + lxml), on the shared generator's corpus. Not a test:
# its summary goes into BENCHMARKS.md.
#
#   scripts/bench.sh                   # everything: ~5 minutes on 2 cores
#   BENCH_RUNS=5 scripts/bench.sh      # median of 5 runs instead of 3
#   BENCH_QUICK=1 scripts/bench.sh     # only the 217 MB mbox (no 4x corpus, Maildir, eml-dir)
#
# Writes everything under /tmp/bench (corpora are generated once and reused), logs progress on
# stderr and prints a markdown summary on stdout (also kept in /tmp/bench/summary.md).
# Exit status 1 when a check fails (a score that is not perfect, --jobs 1 and all-jobs outputs
# that differ); a target that is not met is reported, not an error.
set -euo pipefail
export LC_ALL=C  # EPOCHREALTIME and awk must use '.' as the decimal point

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=$(cd "$root/../shared" 2>/dev/null && pwd) || { echo "bench.sh: ../shared not found beside $root" >&2; exit 1; }
baselines=$shared/bench/baselines
out=/tmp/bench
runs=${BENCH_RUNS:-3}
now=2026-11-28T00:00:00Z  # fixed, so that outputs are comparable from one run to the next
jobs=$(nproc)
mailsift=$root/.build-bench/release/mailsift
gmime=/tmp/gmime_baseline

# What the generator writes with --seed 1 (bytes of the mbox, or of all files of a folder). A
# corpus on disk of another size is incomplete or stale, and is generated again.
declare -A expected_bytes=(
  [mbox:4800]=217433154 [mbox:19200]=911549429 [maildir:4800]=252700945 [eml-dir:4800]=210492493
)
declare -A group_bytes group_messages

log() { printf '==> %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Tools the measurements need, installed only when missing.
install_missing() {
  local pkgs=()
  [ -x /usr/bin/time ] || pkgs+=(time)
  command -v cc >/dev/null || pkgs+=(gcc)
  command -v pkg-config >/dev/null || pkgs+=(pkg-config)
  pkg-config --exists gmime-3.0 2>/dev/null || pkgs+=(libgmime-3.0-dev)
  pkg-config --exists libxml-2.0 2>/dev/null || pkgs+=(libxml2-dev)
  if [ ${#pkgs[@]} -gt 0 ]; then
    log "installing ${pkgs[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >&2
  fi
  if ! python3 -c 'import lxml' 2>/dev/null; then
    log "installing lxml"
    python3 -m pip install -q lxml >&2
  fi
}

# Release build in a scratch path of its own: other people build debug in .build at the same time,
# and a shared build directory would make them wait for each other or rebuild each other's work.
build() {
  log "building mailsift (release, .build-bench)"
  if ! (cd "$root" && swift build -c release --scratch-path .build-bench) > "$out/logs/build.log" 2>&1; then
    tail -30 "$out/logs/build.log" >&2
    exit 1
  fi
  log "building the GMime baseline into $gmime"
  local flags
  read -r -a flags <<< "$(pkg-config --cflags --libs gmime-3.0 libxml-2.0)"
  cc -O2 -o "$gmime" "$baselines/gmime_baseline.c" "${flags[@]}"
}

# Bytes of an mbox, or of every file under a folder.
corpus_bytes() {
  if [ -d "$1" ]; then find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'
  else stat -c %s "$1"; fi
}

# ensure_corpus FORMAT MESSAGES PATH: generates PATH and PATH.truth.jsonl unless both are there
# already, with the expected size and one truth line per message (generating 19,200 messages
# takes minutes).
ensure_corpus() {
  local format=$1 n=$2 path=$3 want=${expected_bytes[$1:$2]:-} got
  if [ -e "$path" ] && [ -s "$path.truth.jsonl" ] && [ "$(wc -l < "$path.truth.jsonl")" -eq "$n" ] \
     && { [ -z "$want" ] || [ "$(corpus_bytes "$path")" = "$want" ]; }; then
    log "reusing $path"
  else
    log "generating $path ($format, $n messages, seed 1)"
    rm -rf "$path" "$path.truth.jsonl"
    python3 "$shared/bench/gen_corpus.py" --messages "$n" --format "$format" --out "$path" --seed 1 > "$out/logs/gen.log"
    got=$(corpus_bytes "$path")
    if [ -n "$want" ] && [ "$got" != "$want" ]; then
      log "warning: $path has $got bytes, not $want: did gen_corpus.py change? update expected_bytes in bench.sh"
    fi
  fi
}

# register GROUP PATH MESSAGES: a corpus the runs of GROUP read; the page cache is warmed so that
# the first round does not pay for the disk and the later ones not.
register() {
  group_bytes[$1]=$(corpus_bytes "$2")
  group_messages[$1]=$3
  if [ -d "$2" ]; then find "$2" -type f -exec cat {} + > /dev/null; else cat "$2" > /dev/null; fi
}

# sample_heap PID: peak of the summed RssAnon (heap, stacks: what the memory is really spent on,
# as the mapped mbox's pages count in RSS too) of PID's descendants, printed on each new peak.
# Shell builtins only, and a 20 ms tick that forks nothing, so that it costs next to no CPU on
# a machine where the command under test uses every core.
exec {tick_fd}<> <(:)
sample_heap() {
  local top=$1 peak=0 sum p k v _ queue kids
  while kill -0 "$top" 2>/dev/null; do
    sum=0 queue=()
    { read -r -a queue < "/proc/$top/task/$top/children"; } 2>/dev/null || true
    while [ ${#queue[@]} -gt 0 ]; do
      p=${queue[0]} queue=("${queue[@]:1}") kids=()
      { read -r -a kids < "/proc/$p/task/$p/children"; } 2>/dev/null || true
      queue+=("${kids[@]}")
      { while read -r k v _; do
          if [ "$k" = RssAnon: ]; then sum=$((sum + v)); break; fi
        done < "/proc/$p/status"; } 2>/dev/null || true
    done
    if [ "$sum" -gt "$peak" ]; then peak=$sum; echo "$peak"; fi
    read -r -t 0.02 -u "$tick_fd" _ || true
  done
}

# timed GROUP KEY LABEL RESULT CMD...: one run of CMD with its stdout in RESULT. Appends the wall
# time (measured here, to the microsecond: /usr/bin/time's is to 10 ms), peak RSS (/usr/bin/time -v)
# and peak heap to runs.tsv. A command that fails stops the benchmark: its figures would be void.
timed() {
  local group=$1 key=$2 label=$3 result=$4; shift 4
  local base=$out/logs/$group-$key t0 t1 us rc=0 tpid spid rss heap
  t0=$EPOCHREALTIME
  /usr/bin/time -v -o "$base.time" "$@" > "$result" 2> "$base.err" &
  tpid=$!
  sample_heap "$tpid" > "$base.heap" &
  spid=$!
  wait "$tpid" || rc=$?
  t1=$EPOCHREALTIME
  wait "$spid" || true
  if [ "$rc" -ne 0 ]; then
    log "$label on $group failed (exit $rc):"
    tail -20 "$base.err" >&2
    exit 1
  fi
  us=$(( ${t1/./} - ${t0/./} ))
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$base.time")
  heap=$(tail -n 1 "$base.heap"); heap=${heap:--1}
  printf '%s\t%s\t%s\t%s\t%s\t%d.%06d\t%s\t%s\n' "$group" "$key" "$label" "${group_bytes[$group]}" \
    "${group_messages[$group]}" $((us / 1000000)) $((us % 1000000)) "$rss" "$heap" >> "$out/runs.tsv"
  printf '    %-8s %-48s %8.3f s  RSS %4d MiB\n' "$group" "$label" "$(awk -v u="$us" 'BEGIN { print u / 1e6 }')" \
    $((rss / 1024)) >&2
}

# The three mailsift modes of the issue, one run each, outputs in $out/GROUP-KEY.ndjson.
mailsift_round() {
  local group=$1 input=$2
  timed "$group" default "mailsift default" "$out/$group-default.ndjson" \
    "$mailsift" scan --format ndjson --now "$now" "$input"
  timed "$group" all-1 "mailsift --all --jobs 1" "$out/$group-all-1.ndjson" \
    "$mailsift" scan --all --jobs 1 --format ndjson --now "$now" "$input"
  timed "$group" all-n "mailsift --all --jobs $jobs" "$out/$group-all-n.ndjson" \
    "$mailsift" scan --all --jobs "$jobs" --format ndjson --now "$now" "$input"
}

# The baselines read an mbox only.
baseline_round() {
  local input=$1
  timed mbox gmime-1 "GMime+libxml2, 1 process" "$out/logs/gmime-1.stdout" \
    "$gmime" "$input" "$out/gmime.jsonl"
  # Two shards of the file's byte range, side by side: the baseline's own way to use 2 cores.
  timed mbox gmime-2 "GMime+libxml2, 2 processes" "$out/logs/gmime-2.stdout" \
    bash -c '"$1" "$2" "$3" 0/2 & a=$!; "$1" "$2" "$4" 1/2 & b=$!; wait $a; ra=$?; wait $b; exit $((ra | $?))' \
    _ "$gmime" "$input" "$out/gmime-shard0.jsonl" "$out/gmime-shard1.jsonl"
  timed mbox python "Python email+lxml, 1 process" "$out/logs/python.stdout" \
    python3 "$baselines/py_email.py" "$input" "$out/python.jsonl"
}

# check NAME CMD...: runs a check, records ok/FAIL and its output (one line) in checks.tsv.
check() {
  local name=$1 text status=ok; shift
  text=$("$@" 2>&1) || status=FAIL
  text=$(printf '%s' "$text" | tr '\n' ' ' | tr -s ' ')
  printf '%s\t%s\t%s\n' "$name" "$status" "$text" >> "$out/checks.tsv"
  printf '    %-28s %-4s %s\n' "$name" "$status" "$text" >&2
}

same_output() {  # the parallel pipeline must not change a byte of the output
  if cmp "$1" "$2"; then echo "--jobs 1 and --jobs $jobs outputs are byte-identical"; else return 1; fi
}

# score GROUP TRUTH: score_run.py on every mailsift output of GROUP, then the jobs comparison.
score() {
  local group=$1 truth=$2 key
  for key in default all-1 all-n; do
    check "$group $key" python3 "$shared/bench/score_run.py" "$truth" "$out/$group-$key.ndjson"
  done
  check "$group cmp" same_output "$out/$group-all-1.ndjson" "$out/$group-all-n.ndjson"
}

# score_files GROUP CORPUS_DIR: in the Maildir and eml-dir forms every message is a file of its own,
# so every report says source.index 0 and score_run.py (which matches by index, then line order)
# would pile all of them on message 0. reindex_by_file.py maps each report's source.path to the
# message number through the truth's `file` field first.
score_files() {
  local group=$1 dir=$2 key
  for key in default all-1 all-n; do
    check "$group $key" score_reindexed "$dir" "$out/$group-$key.ndjson"
  done
  check "$group cmp" same_output "$out/$group-all-1.ndjson" "$out/$group-all-n.ndjson"
}

score_reindexed() {  # DIR RUN
  python3 "$root/scripts/reindex_by_file.py" "$1" "$1.truth.jsonl" "$2" > "${2%.ndjson}.reindexed.ndjson" &&
    python3 "$shared/bench/score_run.py" "$1.truth.jsonl" "${2%.ndjson}.reindexed.ndjson"
}

env_line() { printf '%s\t%s\n' "$1" "$2" >> "$out/env.tsv"; }

describe_machine() {
  local cpu dirty=""
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  if [ -n "$(git -C "$root" --no-optional-locks status --porcelain -- Sources Package.swift 2>/dev/null)" ]; then
    dirty=" + uncommitted changes in Sources/"
  fi
  env_line date "$(date -u '+%Y-%m-%d %H:%M UTC')"
  env_line machine "$jobs cores ($cpu), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
  env_line command "\`${BENCH_RUNS:+BENCH_RUNS=$BENCH_RUNS }${BENCH_QUICK:+BENCH_QUICK=$BENCH_QUICK }scripts/bench.sh\`, median of $runs runs, interleaved"
  env_line commit "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$dirty"
  env_line toolchain "$(swift --version 2>&1 | grep -o 'Swift version [^ ]*' | head -1), libxml2 $(pkg-config --modversion libxml-2.0), GMime $(pkg-config --modversion gmime-3.0), Python $(python3 -c 'import sys, lxml; print(sys.version.split()[0], "+ lxml", lxml.__version__)')"
  load_start=$(cut -d' ' -f1-3 /proc/loadavg)
}

main() {
  mkdir -p "$out/logs"
  : > "$out/runs.tsv"; : > "$out/checks.tsv"; : > "$out/env.tsv"
  install_missing
  build
  describe_machine

  local corpus=$out/corpus.mbox i
  ensure_corpus mbox 4800 "$corpus"
  register mbox "$corpus" 4800
  # Rounds, not N runs of one command then N of the next: when a neighbour on the shared machine
  # gets busy, it slows every command alike and the ratios hold.
  for i in $(seq "$runs"); do
    log "mbox round $i/$runs"
    mailsift_round mbox "$corpus"
    baseline_round "$corpus"
  done
  score mbox "$corpus.truth.jsonl"

  if [ -z "${BENCH_QUICK:-}" ]; then
    # Peak memory must not follow the input's size.
    ensure_corpus mbox 19200 "$out/corpus4x.mbox"
    register mbox4x "$out/corpus4x.mbox" 19200
    for i in $(seq "$runs"); do
      log "4x mbox round $i/$runs"
      mailsift_round mbox4x "$out/corpus4x.mbox"
    done
    score mbox4x "$out/corpus4x.mbox.truth.jsonl"

    local form dir group
    for form in maildir eml-dir; do
      group=${form/-/}; dir=$out/$group
      ensure_corpus "$form" 4800 "$dir"
      register "$group" "$dir" 4800
      for i in $(seq "$runs"); do
        log "$form round $i/$runs"
        mailsift_round "$group" "$dir"
      done
      score_files "$group" "$dir"
    done
  fi

  env_line "load average (start → end)" "$load_start → $(cut -d' ' -f1-3 /proc/loadavg)"
  log "summary (also in $out/summary.md)"
  local rc=0
  python3 "$root/scripts/bench_report.py" "$out" > "$out/summary.md" || rc=$?
  cat "$out/summary.md"
  return "$rc"
}

main "$@"
