#!/usr/bin/env bash
# Coverage-guided fuzzing of mailsift's parsers with libFuzzer (+ AddressSanitizer).
#
#   scripts/fuzz.sh list                      # the targets, one a line, with what each covers
#   scripts/fuzz.sh TARGET SECONDS [ARGS...]  # build, seed, fuzz TARGET for SECONDS; ARGS go to libFuzzer
#   scripts/fuzz.sh build [TARGET...]         # only build (all targets when none is named)
#   scripts/fuzz.sh regress                   # run every Fuzz/Regressions/<target>-*.bin once (exit 1 if one fails)
#   scripts/fuzz.sh repro TARGET FILE...      # run TARGET once on FILEs (a crash artifact, a regression input)
#   scripts/fuzz.sh minimize TARGET FILE      # -minimize_crash=1 for 60 s; prints the smallest reproducer's path
#
# Environment: FUZZ_KEEP_GOING=1 keeps fuzzing past crashes, timeouts and OOMs (libFuzzer fork
# mode, -ignore_crashes=1), each one saved as an artifact; FUZZ_JOBS=N runs N fork-mode workers
# (implies keep-going); FUZZ_NICE (default 10) is the nice level.
#
# How it is built, and why outside Package.swift: SwiftPM builds the library modules (MailSift
# and everything below it, swift-crypto included) with `-sanitize=fuzzer,address -enable-testing`
# into .build-fuzz (release, so the fuzzer runs at -O with bounds and overflow checks kept).
# Only library targets are built there, so libFuzzer's `main` never meets the `mailsift`
# executable's or XCTest's. Each fuzz target is then one swiftc invocation:
# Fuzz/Common/*.swift + Fuzz/<Dir>/main.swift (with `-parse-as-library`: the entry point is
# `LLVMFuzzerTestOneInput`, `main` comes from libFuzzer), linked against the modules' object
# files. `@testable import` reaches the internal types (HeaderParser, BoundarySplitter,
# MboxSplitter...). A plain `swift build` / `swift test` never sees any of this.
#
# Everything it writes is under .build-fuzz/ (ignored by git): fuzz/bin (the fuzzers),
# fuzz/seeds/<target> (copied from Samples/ and ../shared/corpus, rebuilt each run; the sources
# are never written), fuzz/corpus/<target> (what libFuzzer found; kept between runs),
# fuzz/artifacts/<target> (crashes, timeouts, OOMs), fuzz/logs.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared_corpus=${FUZZ_SHARED_CORPUS:-$here/../shared/corpus}
scratch=$here/.build-fuzz
work=$scratch/fuzz
nice_level=${FUZZ_NICE:-10}
# Swift's own crash backtracer would race libFuzzer's handler (and trip ASan); let libFuzzer report.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}

# name | source folder under Fuzz/ | modules linked | -max_len | seed set | dictionary | what it covers
targets=(
  "headers|Headers|MailMIME|8192|messages|mime|HeaderParser + AddressParser, DateParser, HeaderParameters, encoded-word text of every field"
  "encodedword|EncodedWord|MailMIME|1024|encodedwords|mime|EncodedWordDecoder (RFC 2047) + exact B and Q round trips"
  "transfer|Transfer|MailMIME|8192|messages|mime|QuotedPrintableDecoder, Base64Decoder, PercentDecoding, FlowedText + exact round trips"
  "charset|Charset|MailMIME|8192|charsets|charset|CharsetDecoder: labels, iconv, UTF-16, EUC-JP, ISO-2022-JP, windows-1252, BOM"
  "mime|MIME|MailMIME|65536|messages|mime|MessageParser tree + BoundarySplitter + every part decoded (bytes and text)"
  "mbox|Mbox|MailInput|65536|mailboxes|mime|InputReader: detection, MboxSplitter, MessageBuilder; mapped vs streamed must agree"
  "html|HTML|MailHTML|65536|html|html|HTMLExtractor (libxml2 SAX) links and text + TextLinkScanner"
  "pipeline|Pipeline|all|65536|messages|mime|Pipeline.process bytes -> report JSON/pretty/text, and PartsReport JSON"
  "urls|URLs|MailTemplates MailMIME MailHTML|4096|urls|html|LinkUnwrapper (Safe Links, Proofpoint v1-v3, Google, Barracuda, Cisco, Mimecast; nested 0-8 layers), WrapperURL, LinkURL hosts, HostTrust"
)

field() { # field TARGET INDEX
  local t
  for t in "${targets[@]}"; do
    IFS='|' read -r -a f <<<"$t"
    if [ "${f[0]}" = "$1" ]; then echo "${f[$2]}"; return 0; fi
  done
  echo "fuzz.sh: unknown target '$1' (try: scripts/fuzz.sh list)" >&2
  exit 2
}
all_targets() { local t; for t in "${targets[@]}"; do echo "${t%%|*}"; done; }

bin_path=""
build_modules() {
  cd "$here"
  echo "fuzz.sh: building the library modules with -sanitize=fuzzer,address into .build-fuzz" >&2
  nice -n "$nice_level" swift build -c release --scratch-path "$scratch" --target MailSift \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing 2>&1 | grep -E "error|warning: unre|Compiling|Build" | tail -3 >&2
  bin_path=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
}

objects_of() { # module names... -> object files
  local m
  for m in "$@"; do find "$bin_path/$m.build" -name '*.o'; done
}

build_target() {
  local name=$1 dir mods out
  dir=$(field "$name" 1)
  mods=$(field "$name" 2)
  out=$work/bin/$name
  mkdir -p "$work/bin"
  local modules=()
  case $mods in
    all) modules=(MailInput MailMIME MailHTML MailTemplates MailSift Crypto CryptoBoringWrapper CCryptoBoringSSL CCryptoBoringSSLShims) ;;
    *) read -r -a modules <<<"$mods" ;;
  esac
  local objs
  mapfile -t objs < <(objects_of "${modules[@]}")
  local crypto=$scratch/checkouts/swift-crypto/Sources
  echo "fuzz.sh: linking $name" >&2
  nice -n "$nice_level" swiftc -O -g -sanitize=fuzzer,address -parse-as-library -swift-version 6 \
    -module-name "Fuzz_$name" -module-cache-path "$bin_path/ModuleCache" -I "$bin_path/Modules" \
    -Xcc -fmodule-map-file="$here/Sources/CLibXML2/module.modulemap" -I/usr/include/libxml2 \
    -Xcc -fmodule-map-file="$crypto/CCryptoBoringSSLShims/include/module.modulemap" -Xcc -I -Xcc "$crypto/CCryptoBoringSSLShims/include" \
    -Xcc -fmodule-map-file="$crypto/CCryptoBoringSSL/include/module.modulemap" -Xcc -I -Xcc "$crypto/CCryptoBoringSSL/include" \
    "$here"/Fuzz/Common/*.swift "$here/Fuzz/$dir/main.swift" "${objs[@]}" \
    -use-ld=lld -lxml2 -lstdc++ -o "$out"
}

# Seeds: copies (cut to -max_len) of the files that suit the target, deduplicated by content.
seed_files() { # TARGET -> seed files on stdout, NUL-separated
  local s=$shared_corpus
  case $1 in
    messages)
      find "$here/Samples" -type f \( -name '*.eml' -o -name '*.mbox' -o -path '*maildir*' \) -print0
      [ -d "$s/peers" ] && find "$s/peers" -type f \( -name '*.eml' -o -name '*.msg' -o -name '*.raw' -o -name '*.txt' -o -name '*.bin' -o -name '*.mbox' \) \
        -not -path '*encoding_rs*' -not -path '*html5lib*' -print0
      # realworld/ is large: one file in four is plenty to start from.
      [ -d "$s/realworld" ] && find "$s/realworld" -type f -print0 | sort -z | awk 'BEGIN{RS="\0"; ORS="\0"} NR % 4 == 1'
      ;;
    mailboxes)
      find "$here/Samples" -type f \( -name '*.mbox' -o -path '*maildir*' -o -name '0*.eml' \) -print0
      [ -d "$s/peers" ] && find "$s/peers" -type f \( -iname '*mbox*' -o -name 'msg_*.txt' -o -name '*.eml' \) -print0
      [ -d "$s/realworld" ] && find "$s/realworld" -type f -print0 | sort -z | awk 'BEGIN{RS="\0"; ORS="\0"} NR % 16 == 1'
      ;;
    html)
      find "$here/Samples" -type f -name '*.eml' -print0
      [ -d "$s/peers" ] && find "$s/peers" -type f \( -name '*.html' -o -name '*.xhtml' -o -name '*.dat' -o -name '*.test' \) -print0
      ;;
  esac
}

prepare_seeds() { # TARGET
  local name=$1 set maxlen dest
  set=$(field "$name" 4)
  maxlen=$(field "$name" 3)
  dest=$work/seeds/$name
  rm -rf "$dest"
  mkdir -p "$dest"
  case $set in
    html)
      # HTML files as they are, and every text/html part of the message seeds, decoded.
      (seed_files html; seed_files messages) | python3 -c '
import email, email.policy, hashlib, os, sys
dest, maxlen = sys.argv[1], int(sys.argv[2])
def put(data):
    data = data[:maxlen]
    if data:
        with open(os.path.join(dest, hashlib.sha1(data).hexdigest()), "wb") as f: f.write(data)
for path in sys.stdin.buffer.read().split(b"\0"):
    if not path: continue
    try: data = open(path, "rb").read()
    except OSError: continue
    if not path.endswith((b".eml", b".msg", b".raw", b".txt", b".mbox")) or b"maildir" in path:
        put(data); continue
    try:
        for part in email.message_from_bytes(data, policy=email.policy.compat32).walk():
            if part.get_content_type() == "text/html":
                body = part.get_payload(decode=True)
                if body: put(body)
    except Exception:
        pass
' "$dest" "$maxlen"
      ;;
    messages|mailboxes)
      seed_files "$set" | python3 -c '
import hashlib, os, sys
dest, maxlen = sys.argv[1], int(sys.argv[2])
for path in sys.stdin.buffer.read().split(b"\0"):
    if not path: continue
    try:
        data = open(path, "rb").read(maxlen)
    except OSError:
        continue
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(dest, name), "wb") as f: f.write(data)
' "$dest" "$maxlen"
      ;;
    urls)
      # Every http(s) URL in the samples and the unwrapper's tests, one a file, behind a shape byte
      # (0x00: the URL as it is; see Fuzz/URLs/main.swift).
      (find "$here/Samples" -type f -name '*.eml' -print0
       find "$here/Tests/MailTemplatesTests" -type f -name '*.swift' -print0) | python3 -c '
import hashlib, os, re, sys
dest, maxlen = sys.argv[1], int(sys.argv[2])
url = re.compile(rb"https?://[^\s\"<>]+")
seen = set()
for path in sys.stdin.buffer.read().split(b"\0"):
    if not path: continue
    try: data = open(path, "rb").read()
    except OSError: continue
    for m in url.finditer(data):
        u = b"\0" + m.group(0)[: maxlen - 1]
        h = hashlib.sha1(u).hexdigest()
        if h in seen: continue
        seen.add(h)
        with open(os.path.join(dest, h), "wb") as f: f.write(u)
' "$dest" "$maxlen"
      ;;
    encodedwords|charsets)
      (find "$here/Samples" -type f -name '*.eml' -print0
       [ -d "$shared_corpus/peers" ] && find "$shared_corpus/peers" -type f \( -name '*.eml' -o -name '*.msg' -o -name '*.raw' -o -name 'msg_*.txt' -o -path '*encoding_rs*_in.txt' \) -print0) |
      python3 -c '
import base64, binascii, hashlib, os, re, sys
dest, maxlen, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3]
seen = set()
def put(data):
    data = data[:maxlen]
    h = hashlib.sha1(data).hexdigest()
    if h in seen or not data: return
    seen.add(h)
    with open(os.path.join(dest, h), "wb") as f: f.write(data)
# Label indexes in Fuzz/Charset/main.swift.
labels = {"utf-8": 1, "iso-8859-1": 3, "windows-1252": 4, "utf-16": 6, "utf-16le": 7, "utf-16be": 8,
          "euc-jp": 9, "iso-2022-jp": 10, "shift_jis": 11, "gb2312": 12, "gbk": 13, "gb18030": 14,
          "big5": 15, "euc-kr": 16, "koi8-r": 18}
files = {"jis0208": "euc-jp", "jis0212": "euc-jp", "euc_kr": "euc-kr", "iso_2022_jp": "iso-2022-jp",
         "big5": "big5", "shift_jis": "shift_jis", "gb18030": "gb18030"}
word = re.compile(rb"(?:=\?[^?\s]{1,64}\?[bBqQ]\?[^?]*\?=[ \t]*)+")
for path in sys.stdin.buffer.read().split(b"\0"):
    if not path: continue
    try: data = open(path, "rb").read()
    except OSError: continue
    base = os.path.basename(path).decode(errors="replace")
    if kind == "charsets":
        if "encoding_rs" in path.decode(errors="replace"):
            label = next((v for k, v in files.items() if base.startswith(k)), "utf-8")
            put(bytes([labels[label]]) + data)
        else:
            # Encoded words name their charset: seed each decoded text with that label.
            for m in re.finditer(rb"=\?([^?\s]{1,40})\?[bB]\?([A-Za-z0-9+/=]*)\?=", data):
                try: raw = base64.b64decode(m.group(2) + b"==="[: (4 - len(m.group(2)) % 4) % 4])
                except (binascii.Error, ValueError): continue
                label = m.group(1).decode(errors="replace").lower()
                put((bytes([labels[label]]) if label in labels else b"\xff" + label.encode() + b"\0") + raw)
    else:
        for m in word.finditer(data):
            put(m.group(0))
        for line in re.findall(rb"^(?:Subject|From|To):[^\n]*(?:\n[ \t][^\n]*)*", data, re.M):
            put(line)
' "$dest" "$maxlen" "$set"
      ;;
  esac
  echo "fuzz.sh: $(find "$dest" -type f | wc -l) seeds for $name in ${dest#$here/}" >&2
}

run_target() { # TARGET SECONDS ARGS...
  local name=$1 seconds=$2
  shift 2
  local maxlen dict
  maxlen=$(field "$name" 3)
  dict=$(field "$name" 5)
  build_modules
  build_target "$name"
  prepare_seeds "$name"
  local corpus=$work/corpus/$name artifacts=$work/artifacts/$name
  mkdir -p "$corpus" "$artifacts" "$work/logs"
  local log
  log=$work/logs/$name-$(date +%Y%m%d-%H%M%S).log
  local mode=()
  if [ -n "${FUZZ_JOBS:-}" ]; then
    mode=(-fork="$FUZZ_JOBS" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  elif [ "${FUZZ_KEEP_GOING:-0}" = 1 ]; then
    mode=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  fi
  echo "fuzz.sh: fuzzing $name for ${seconds}s (log: ${log#$here/})" >&2
  local rc=0
  # The first folder receives what libFuzzer finds; the seeds are only read.
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1} \
  nice -n "$nice_level" "$work/bin/$name" "$corpus" "$work/seeds/$name" \
    -max_total_time="$seconds" -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 \
    -dict="$here/Fuzz/Dictionaries/$dict.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
    "${mode[@]}" "$@" >"$log" 2>&1 || rc=$?
  summarize "$name" "$log" "$rc"
  return "$rc"
}

summarize() { # TARGET LOG RC
  local name=$1 log=$2 rc=$3
  local last execs eps rss crashes
  # Last status line: "#N DONE cov: C ft: F corp: K/S exec/s: E rss: R" (or a fork-mode "#N: cov: ...").
  last=$(grep -E '^#[0-9]+:? *(DONE|REDUCE|NEW|pulse|INITED)?.*cov: ' "$log" | tail -1 || true)
  execs=$(grep -E '^stat::number_of_executed_units:' "$log" | awk '{print $2}' | tail -1 || true)
  eps=$(grep -E '^stat::average_exec_per_sec:' "$log" | awk '{print $2}' | tail -1 || true)
  rss=$(grep -E '^stat::peak_rss_mb:' "$log" | awk '{print $2}' | tail -1 || true)
  crashes=$(grep -c 'Test unit written to' "$log" || true)
  echo "== $name: exit $rc"
  echo "   last line: ${last:-<none>}"
  [ -n "$execs" ] && echo "   execs: $execs  exec/s: ${eps:-?}  peak rss: ${rss:-?} MB"
  echo "   corpus: $(find "$work/corpus/$name" -type f | wc -l) files in ${work#$here/}/corpus/$name"
  echo "   findings in this run: $crashes; artifacts from all runs: $(find "$work/artifacts/$name" -type f 2>/dev/null | wc -l) in ${work#$here/}/artifacts/$name"
  grep -E 'Test unit written to|SUMMARY:|fuzz invariant violated' "$log" | head -5 | sed 's/^/   /' || true
  echo "   log: $log"
}

regress() {
  build_modules
  local failed=0 ran=0 f name
  declare -A built=()
  for f in "$here"/Fuzz/Regressions/*.bin; do
    [ -e "$f" ] || continue
    name=$(basename "$f"); name=${name%%-*}
    if [ -z "${built[$name]:-}" ]; then build_target "$name"; built[$name]=1; fi
    ran=$((ran + 1))
    if ASAN_OPTIONS=detect_leaks=0 "$work/bin/$name" -timeout=10 -rss_limit_mb=2048 "$f" >"$work/regress.log" 2>&1; then
      echo "ok      ${f#$here/}"
    else
      echo "FAILED  ${f#$here/}"; grep -E 'SUMMARY|invariant|Fatal error|ERROR' "$work/regress.log" | head -3 | sed 's/^/        /'
      failed=$((failed + 1))
    fi
  done
  echo "$((ran - failed)) passed, $failed failed"
  [ "$failed" = 0 ]
}

case ${1:-} in
  list)
    for t in "${targets[@]}"; do IFS='|' read -r -a f <<<"$t"; printf '%-12s %s (max_len %s)\n' "${f[0]}" "${f[6]}" "${f[3]}"; done
    ;;
  build)
    shift
    build_modules
    mkdir -p "$work"
    if [ $# -eq 0 ]; then set -- $(all_targets); fi
    for t in "$@"; do field "$t" 0 >/dev/null; build_target "$t"; done
    ;;
  regress)
    regress
    ;;
  repro)
    [ $# -ge 3 ] || { echo "usage: scripts/fuzz.sh repro TARGET FILE..." >&2; exit 2; }
    name=$2; shift 2
    build_modules; build_target "$name"
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$work/bin/$name" -timeout=10 -rss_limit_mb=2048 "$@"
    ;;
  minimize)
    [ $# -eq 3 ] || { echo "usage: scripts/fuzz.sh minimize TARGET FILE" >&2; exit 2; }
    name=$2; file=$3
    build_modules; build_target "$name"
    mkdir -p "$work/minimized"
    out=$work/minimized/$name-$(basename "$file")
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} nice -n "$nice_level" "$work/bin/$name" -minimize_crash=1 \
      -max_total_time=60 -timeout=10 -rss_limit_mb=2048 -exact_artifact_path="$out" "$file" >"$work/logs/minimize.log" 2>&1 || true
    echo "$out ($(stat -c %s "$out" 2>/dev/null || echo '?') bytes)"
    ;;
  ''|-h|--help|help)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    ;;
  *)
    [ $# -ge 2 ] || { echo "usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer args...]" >&2; exit 2; }
    field "$1" 0 >/dev/null
    run_target "$@"
    ;;
esac
