#!/usr/bin/env bash
# Load and latency check of `apiref serve` on loopback, bounded in time:
#   1. wrk with 20 connections for N seconds (default 30) against two pages: zero errors wanted;
#   2. five one-file edits of a copy of the demo: the server's verbose timings, save to reload.
# Usage: scripts/serve-load.sh [SECONDS]      Env: APIREF (binary; default .build/debug/apiref)
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
APIREF=${APIREF:-.build/debug/apiref}
[ -x "$APIREF" ] || swift build --product apiref >/dev/null
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
work=$(mktemp -d); server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cp -r api-ref "$work/api-ref"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$APIREF" serve "$work/api-ref" --port "$port" --verbose >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "^Serving" "$work/serve.log" && break; sleep 0.1; done
grep -q "^Serving" "$work/serve.log" || { echo "serve-load: FAIL: server did not start"; cat "$work/serve.log"; exit 1; }

failed=0
for page in index.html instances.html; do
  wrk -t2 -c20 -d"${seconds}s" --latency "http://127.0.0.1:$port/$page" >"$work/wrk.txt" 2>&1
  requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
  rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p99=$(awk '/ 99%/ {print $2}' "$work/wrk.txt")
  errors=$(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' "$work/wrk.txt"); errors=${errors:-0}
  non2xx=$(awk '/Non-2xx/ {print $5}' "$work/wrk.txt"); non2xx=${non2xx:-0}
  echo "serve-load: /$page: $requests requests in ${seconds}s at 20 connections, $rate req/s, p99 $p99, socket errors $errors, non-2xx $non2xx"
  [ "$errors" = 0 ] && [ "$non2xx" = 0 ] && [ -n "$requests" ] || failed=1
done

sample=$(cd "$work/api-ref" && find samples -name '*.json' | sort | head -1)
for i in 1 2 3 4 5; do
  before=$(grep -c '^\[serve\] change' "$work/serve.log")
  python3 - "$work/api-ref/pages/flavors.md" "$i" <<'PY'
import sys; p=sys.argv[1]; open(p,'a').write(f"\nEdit number {sys.argv[2]}.\n")
PY
  for _ in $(seq 100); do [ "$(grep -c '^\[serve\] change' "$work/serve.log")" -gt "$before" ] && break; sleep 0.05; done
  sleep 0.3
done
grep '^\[serve\] change' "$work/serve.log" | sed 's/^/serve-load: /'
still_up=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")
echo "serve-load: server still answering after the edits: HTTP $still_up"
[ "$still_up" = 200 ] || failed=1
[ $failed = 0 ] && echo "serve-load: OK" || echo "serve-load: FAIL"
exit $failed
