#!/usr/bin/env bash
# Renders REPORT_DIR/report.html in headless Chromium and saves a full-page screenshot (default
# REPORT_DIR/report.png), to check by eye that the self-contained report displays. Not part of the tests.
# Chromium runs with networking features off and a throw-away profile; the report needs no network.
set -euo pipefail
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 REPORT_DIR [OUT.png]" >&2
  exit 2
fi
dir="$(cd "$1" && pwd)"
out="${2:-$dir/report.png}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
if [ ! -f "$dir/report.html" ]; then
  echo "$0: no report.html in $dir" >&2
  exit 2
fi
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  echo "$0: chromium not found; install it with: apt-get install -y chromium" >&2
  exit 1
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars \
  --screenshot="$out" --window-size=${WIDTH:-1280},4000 "file://$dir/report.html" >/dev/null 2>&1
if [ ! -s "$out" ]; then
  echo "$0: chromium wrote no screenshot" >&2
  exit 1
fi
echo "$out"
