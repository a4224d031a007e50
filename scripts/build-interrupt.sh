#!/usr/bin/env bash
# A killed build must leave the previous site intact: build a site, then start builds of a
# larger description into the same folder and SIGKILL them at different moments. After each,
# the folder must still be the complete previous site (same files, same bytes).
# Usage: scripts/build-interrupt.sh [KILLS]     Env: APIREF (default .build/debug/apiref)
set -uo pipefail
cd "$(dirname "$0")/.."
APIREF=${APIREF:-.build/debug/apiref}
kills=${1:-8}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 scripts/make-synthetic.py 20 "$work/big" >/dev/null
"$APIREF" build api-ref -o "$work/site" >/dev/null || { echo "build-interrupt: FAIL: first build"; exit 1; }
fingerprint() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16); }
before=$(fingerprint "$work/site")
start=$(date +%s%N); "$APIREF" build "$work/big" -o "$work/probe" >/dev/null 2>&1; full=$(( ($(date +%s%N) - start) / 1000000 ))
failed=0
for i in $(seq "$kills"); do
  delay_ms=$(( full * i / (kills + 1) ))
  "$APIREF" build "$work/big" -o "$work/site" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '0.%03d' "$delay_ms")" 2>/dev/null || sleep "$(python3 -c "print($delay_ms/1000)")"
  kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  now=$(fingerprint "$work/site")
  if [ "$now" = "$before" ]; then
    echo "build-interrupt: killed after ${delay_ms} ms of ${full} ms: previous site intact"
  elif [ -f "$work/site/.apiref-site" ] && [ "$(ls "$work/site" | wc -l)" -gt 5 ]; then
    echo "build-interrupt: killed after ${delay_ms} ms: the new site had already been swapped in whole"
    before=$now
  else
    echo "build-interrupt: FAIL: killed after ${delay_ms} ms: the site is damaged"; failed=1
  fi
done
leftovers=$(ls -a "$work" | grep -c '\.apiref-' || true)
echo "build-interrupt: temporary folders left beside the site by killed builds: $leftovers"
"$APIREF" build api-ref -o "$work/site" >/dev/null || failed=1
leftovers=$(ls -a "$work" | grep -c '\.apiref-' || true)
echo "build-interrupt: after one more complete build: $leftovers"
[ "$leftovers" = 0 ] || failed=1
[ $failed = 0 ] && echo "build-interrupt: OK" || echo "build-interrupt: FAIL"
exit $failed
