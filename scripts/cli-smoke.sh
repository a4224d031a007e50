#!/usr/bin/env bash
# End-to-end checks of the built CLI: exit codes and output formats on the demo and on a
# broken copy of it. Prints one line per check and a closing "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
APIREF=${APIREF:-.build/debug/apiref}
[ -x "$APIREF" ] || swift build >/dev/null
passed=0; failed=0
expect() { # expect NAME WANTED_STATUS COMMAND...
  local name=$1 wanted=$2; shift 2
  "$@" >/tmp/apiref-smoke.out 2>&1; local got=$?
  if [ "$got" = "$wanted" ]; then passed=$((passed+1)); echo "ok   $name"
  else failed=$((failed+1)); echo "FAIL $name: exit $got, wanted $wanted"; sed 's/^/     /' /tmp/apiref-smoke.out | head -20; fi
}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp -r api-ref "$work/broken"
printf '{"broken": ' > "$work/broken/samples/$(cd api-ref/samples && find . -name '*.json' | head -1)"

expect "demo checks clean"                 0 "$APIREF" check api-ref
expect "demo checks clean with --strict"   0 "$APIREF" check api-ref --strict
expect "default input is ./api-ref"        0 "$APIREF" check
expect "broken copy fails"                 1 "$APIREF" check "$work/broken"
expect "missing folder is exit 2"          2 "$APIREF" check "$work/nope"
expect "folder without apiref.yaml is 2"   2 "$APIREF" check "$work"
expect "unknown option is exit 2"          2 "$APIREF" check --no-such-option
expect "json output parses"                1 bash -c "$APIREF check '$work/broken' --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(1 if d[\"summary\"][\"errors\"] else 0)'"
expect "sarif output parses"               0 bash -c "$APIREF check '$work/broken' --format sarif | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"version\"]==\"2.1.0\"; assert d[\"runs\"][0][\"results\"]'"
expect "github output annotates"           0 bash -c "$APIREF check '$work/broken' --format github | grep -q '^::error file='"
expect "explain prints a rule"             0 bash -c "$APIREF explain AR026 | grep -q 'What it checks'"
expect "explain of unknown rule is 2"      2 "$APIREF" explain AR999
expect "build --verbose times its stages"  0 bash -c "$APIREF build api-ref -o '$work/site' --verbose 2>&1 >/dev/null | grep -Eq '^stages: check [0-9]+ ms, render [0-9]+ ms \(beside the check; files written as they are made\), publish [0-9]+ ms$'"
# A build with errors renders beside the check, then publishes nothing: the previous site is
# as it was, and no temporary folder is left beside it.
before=$(cd "$work/site" && find . -type f -exec sha256sum {} + | sort)
expect "build with errors is exit 1"        1 "$APIREF" build "$work/broken" -o "$work/site"
expect "  and leaves the previous site"     0 bash -c "[ \"\$(cd '$work/site' && find . -type f -exec sha256sum {} + | sort)\" = \"\$1\" ]" _ "$before"
expect "  and no temporary folder"          0 bash -c "! ls -a '$work' | grep -q '^\.site\.apiref-'"
expect "build --allow-errors publishes"    0 bash -c "$APIREF build '$work/broken' -o '$work/site' --allow-errors >/dev/null && [ -f '$work/site/index.html' ] && ! ls -a '$work' | grep -q '^\.site\.apiref-'"
# check and build start reading while their command line is parsed (ReadAhead): every option
# of theirs, given on its own, must leave that early read taken. A new option fails here until
# it has a value below and a place in InputOptions.readAheadShape.
read_ahead_cases=$("$APIREF" --experimental-dump-help | python3 -c '
import json, sys
values = {"input-format": "native", "min-version": "1.0", "max-version": "9.9", "format": "json",
          "severity": "AR030=off", "color": "never", "changed": "HEAD", "output": "SITE",
          "base-url": "/docs/", "templates": "templates"}
skip = {"help", "h", "version", "limit"}  # --limit reads with other limits: parsed first, on purpose
for command in json.load(sys.stdin)["command"]["subcommands"]:
    if command["commandName"] not in ("check", "build"): continue
    for argument in command.get("arguments", []):
        for name in argument.get("names", []):
            if name["name"] in skip or argument["kind"] == "positional": continue
            dash = "--" if name["kind"] == "long" else "-"
            if argument["kind"] == "flag":
                print(command["commandName"], dash + name["name"])
            elif name["name"] in values or name["name"] == "o":
                print(command["commandName"], dash + name["name"], values.get(name["name"], "SITE"))
            else:
                print(command["commandName"], dash + name["name"], "MISSING-VALUE")
')
while read -r command option value; do
  [ "$value" = MISSING-VALUE ] && { failed=$((failed+1)); echo "FAIL read ahead: no value for $command $option in cli-smoke.sh"; continue; }
  value=${value//SITE/$work/ra-site}
  expect "read ahead taken: $command $option${value:+ $value}" 0 bash -c \
    "cd '$PWD' && APIREF_TRACE=1 '$APIREF' $command api-ref $option $value 2>&1 >/dev/null | grep -q 'read ahead: taken'"
done <<< "$read_ahead_cases"
expect "read ahead not started for --limit" 0 bash -c \
  "APIREF_TRACE=1 '$APIREF' check api-ref --limit files=100000 2>&1 >/dev/null | grep -q 'read ahead' && exit 1 || exit 0"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
