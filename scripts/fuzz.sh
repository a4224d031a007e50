#!/usr/bin/env bash
# Runs the libFuzzer targets of apiref-fuzz (Sources/apiref-fuzz, harnesses in
# Sources/APIRefKit/Fuzzing) for a bounded time each, one at a time.
#
#   scripts/fuzz.sh TARGET [SECONDS]   one target (default 60 s)
#   scripts/fuzz.sh all [SECONDS]      every target in turn
#   scripts/fuzz.sh smoke              every target for 10 s (for CI)
#   scripts/fuzz.sh build              only the sanitizer build
#
# Targets: json (the JSON reader), sample (a JSON sample through check and the sample rules;
# it starts from the json seeds), parameters, project, page, rst, microversion.
# Seeds come from Fuzz/corpus/TARGET (committed); what the fuzzer finds goes to a scratch
# corpus in .build-fuzz-san/corpus/TARGET (not committed). A crash, a hang (an input taking
# longer than FUZZ_TIMEOUT s) or running out of memory (FUZZ_RSS_MB) leaves its input in
# .build-fuzz-san/artifacts/TARGET/; after fixing, keep it under Fuzz/crashers/TARGET/, where
# FuzzRegressionTests replays it. Replay one input without a sanitizer build:
#   swift run --scratch-path .build-fuzz apiref-fuzz TARGET FILE
# Needs a Linux Swift toolchain (libFuzzer ships with it). Extra libFuzzer flags: FUZZ_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(json sample parameters project page rst microversion)
scratch=.build-fuzz-san
timeout_s=${FUZZ_TIMEOUT:-10}
rss_mb=${FUZZ_RSS_MB:-2048}

usage() {
  echo "usage: scripts/fuzz.sh {$(IFS='|'; echo "${targets[*]}")|all|smoke|build} [SECONDS]" >&2
  exit 2
}

build() {
  # -sanitize=fuzzer instruments the Swift code; `--sanitize fuzzer` also tells SwiftPM not
  # to rename the executable's entry point (libFuzzer brings main). -Onone: ASan and
  # optimised Swift misreport each other.
  swift build -c debug --scratch-path "$scratch" --product apiref-fuzz \
    --sanitize fuzzer --sanitize address \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
    -Xswiftc -DFUZZING -Xswiftc -Onone >&2
  binary="$(swift build -c debug --scratch-path "$scratch" --show-bin-path)/apiref-fuzz"
}

run() {
  local target=$1 seconds=$2
  local corpus="$scratch/corpus/$target" artifacts="$scratch/artifacts/$target" seeds="Fuzz/corpus/$target"
  [ "$target" = sample ] && seeds=Fuzz/corpus/json
  local log="$scratch/logs/$target.log"
  # Microversions are short; larger inputs only slow the parser targets down.
  local max_len=8192
  [ "$target" = microversion ] && max_len=128
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  echo "== $target: ${seconds}s (log: $log)"
  local status=0
  # The Swift runtime's backtracer would catch the crash signals before ASan does.
  APIREF_FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no \
    "$binary" "$corpus" "$seeds" \
      -max_total_time="$seconds" -timeout="$timeout_s" -rss_limit_mb="$rss_mb" \
      -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$artifacts/" \
      ${FUZZ_FLAGS:-} >"$log" 2>&1 || status=$?
  local runs rate
  runs=$(grep -o '^stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  rate=$(grep -o '^stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  echo "   executions: ${runs:-?}  exec/s: ${rate:-?}  exit: $status"
  if [ "$status" -ne 0 ]; then
    grep -E 'ERROR: libFuzzer|ERROR: AddressSanitizer|Fatal error|Precondition failed|SUMMARY' "$log" | head -5 | sed 's/^/   /'
    ls -1 "$artifacts" | sed 's/^/   artifact: /'
    failed+=("$target")
  fi
}

[ $# -ge 1 ] || usage
mode=$1
seconds=${2:-60}
case "$mode" in
  build) build; echo "$binary"; exit 0 ;;
  all) selected=("${targets[@]}") ;;
  smoke) selected=("${targets[@]}"); seconds=10 ;;
  *)
    [[ " ${targets[*]} " == *" $mode "* ]] || usage
    selected=("$mode") ;;
esac

build
failed=()
for target in "${selected[@]}"; do run "$target" "$seconds"; done
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]}"
  exit 1
fi
echo "no crashes"
