#!/usr/bin/env bash
# Renders a diagnose HTML report with headless Chromium and saves a PNG, to look at the page as
# an agent's browser shows it. Needs Debian's `chromium` package:
#   sudo apt-get install -y chromium
# usage: scripts/screenshot-diagnosis.sh [SAMPLE] [OUT.png] [--lang en]
#   SAMPLE defaults to Samples/diagnose/02-dewi-aktivasi-di-spam.mbox, OUT to docs/diagnose-report.png.
set -euo pipefail
cd "$(dirname "$0")/.."
sample=${1:-Samples/diagnose/02-dewi-aktivasi-di-spam.mbox}
out=${2:-docs/diagnose-report.png}
shift $(( $# > 2 ? 2 : $# )) || true
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "screenshot-diagnosis: no chromium found; install it with: sudo apt-get install -y chromium" >&2
    exit 2
fi
swift build -c release --product mailsift >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.build/release/mailsift diagnose --format html --now 2025-11-26T12:00:00+07:00 "$@" --output "$work/report.html" "$sample"
# No network: the page is self-contained, and the flags keep Chromium from reaching out anyway.
"$browser" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --window-size=1000,1400 --screenshot="$work/shot.png" "file://$work/report.html" >/dev/null 2>&1
mkdir -p "$(dirname "$out")"
cp "$work/shot.png" "$out"
echo "wrote $out"
