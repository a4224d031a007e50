#!/usr/bin/env bash
# Builds the demo site and tests it in headless Chromium (Tests/browser/test_site.py).
# Installs what it needs (Debian: chromium, chromium-driver; PyPI: selenium) and exits non-zero
# on failure. Screenshots land in $SCREENSHOT_DIR (default /tmp).
#   APIREF_BIN=path   use this apiref binary instead of building one
#   SCRATCH=path      swift build scratch path (default .build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "browser-test: installing chromium and chromium-driver" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! python3 -c "import selenium" 2>/dev/null; then
  echo "browser-test: installing selenium" >&2
  python3 -m pip install --quiet selenium
fi

if [ -z "${APIREF_BIN:-}" ]; then
  scratch="${SCRATCH:-.build}"
  swift build --scratch-path "$scratch" --product apiref >&2
  APIREF_BIN="$(swift build --scratch-path "$scratch" --show-bin-path)/apiref"
fi

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  if [ -n "${injection_server:-}" ]; then kill "$injection_server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$APIREF_BIN" build api-ref -o "$work/site"
"$APIREF_BIN" build Tests/APIRefKitTests/Fixtures/injection -o "$work/injection" >/dev/null

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/site" >"$work/server.log" 2>&1 &
server=$!
injection_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 -m http.server "$injection_port" --bind 127.0.0.1 --directory "$work/injection" >"$work/injection.log" 2>&1 &
injection_server=$!
for _ in $(seq 50); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/index.html', timeout=1)" 2>/dev/null; then break; fi
  sleep 0.1
done

SITE_URL="http://127.0.0.1:$port/" SCREENSHOT_DIR="${SCREENSHOT_DIR:-/tmp}" python3 Tests/browser/test_site.py
INJECTION_URL="http://127.0.0.1:$injection_port/" python3 -m unittest discover -s Tests/browser -p 'test_injection.py' -v
