#!/usr/bin/env bash
# Runs the libFuzzer targets of apiref-fuzz (Sources/apiref-fuzz, harnesses in
# Sources/APIRefKit/Fuzzing) for a bounded time each, one at a time.
#
#   scripts/fuzz.sh TARGET [SECONDS]   one target (default 60 s)
#   scripts/fuzz.sh all [SECONDS]      every target in turn
#   scripts/fuzz.sh smoke              every target, briefly and repeatably (for CI): a fixed
#                                      seed and FUZZ_SMOKE_RUNS inputs (default 500), at most 60 s
#   scripts/fuzz.sh build              only the fuzzer build
#
# Targets: json (the JSON reader), sample (a JSON sample through check and the sample rules;
# it starts from the json seeds), parameters, project, page, rst (one file of a small
# description, checked whole), parameters-yaml, project-yaml, page-reader, rst-reader (the
# same files through their reader alone, 10-100 times faster; they start from the seeds of
# parameters, project, page and rst), microversion.
# Seeds come from Fuzz/corpus/SEEDS (committed); what the fuzzer finds goes to a scratch
# corpus in SCRATCH/corpus/TARGET (not committed). A crash, a hang (an input taking
# longer than FUZZ_TIMEOUT s) or running out of memory (FUZZ_RSS_MB) leaves its input in
# SCRATCH/artifacts/TARGET/; after fixing, keep it under Fuzz/crashers/TARGET/, where
# FuzzRegressionTests replays it. Replay one input without a sanitizer build:
#   swift run --scratch-path .build-fuzz apiref-fuzz TARGET FILE
#
# FUZZ_BUILD picks the build (SCRATCH is its scratch path):
#   san (default)  debug, -Onone, -sanitize=fuzzer,address        .build-fuzz-san
#   fast           release, -sanitize=fuzzer only, no ASan         .build-fuzz-fast
# `fast` runs 3-10 times more inputs a second, for the long runs; Swift's own checks (bounds,
# overflow, preconditions) still trap, but memory errors in the C parts (libyaml, cmark) are
# only caught by `san`. FUZZ_MAX_LEN overrides the largest input (default 8192; 128 for
# microversion). Needs a Linux Swift toolchain (libFuzzer ships with it). Extra libFuzzer
# flags: FUZZ_FLAGS (e.g. FUZZ_FLAGS=-runs=10000000). FUZZ_NO_BUILD=1 runs the last build.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(json sample parameters project page rst parameters-yaml project-yaml page-reader rst-reader microversion)
build_kind=${FUZZ_BUILD:-san}
case "$build_kind" in
  san) scratch=.build-fuzz-san; configuration=debug ;;
  fast) scratch=.build-fuzz-fast; configuration=release ;;
  *) echo "FUZZ_BUILD must be san or fast" >&2; exit 2 ;;
esac
timeout_s=${FUZZ_TIMEOUT:-10}
rss_mb=${FUZZ_RSS_MB:-2048}

usage() {
  echo "usage: scripts/fuzz.sh {$(IFS='|'; echo "${targets[*]}")|all|smoke|build} [SECONDS]" >&2
  exit 2
}

build() {
  # FUZZ_NO_BUILD=1 runs the binary built before (long runs while the sources are edited).
  if [ -n "${FUZZ_NO_BUILD:-}" ]; then
    binary="$(swift build -c "$configuration" --scratch-path "$scratch" --show-bin-path)/apiref-fuzz"
    [ -x "$binary" ] || { echo "FUZZ_NO_BUILD: no $binary yet" >&2; exit 2; }
    return
  fi
  # -sanitize=fuzzer instruments the Swift code; `--sanitize fuzzer` also tells SwiftPM not
  # to rename the executable's entry point (libFuzzer brings main). -Onone: ASan and
  # optimised Swift misreport each other.
  if [ "$build_kind" = san ]; then
    swift build -c debug --scratch-path "$scratch" --product apiref-fuzz \
      --sanitize fuzzer --sanitize address \
      -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
      -Xswiftc -DFUZZING -Xswiftc -Onone >&2
  else
    swift build -c release --scratch-path "$scratch" --product apiref-fuzz \
      --sanitize fuzzer \
      -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DFUZZING >&2
  fi
  binary="$(swift build -c "$configuration" --scratch-path "$scratch" --show-bin-path)/apiref-fuzz"
}

# The committed seed folder of a target (as FuzzHarness.Target.seedFolder).
seed_folder() {
  case "$1" in
    sample) echo json ;;
    parameters-yaml) echo parameters ;;
    project-yaml) echo project ;;
    page-reader) echo page ;;
    rst-reader) echo rst ;;
    *) echo "$1" ;;
  esac
}

run() {
  local target=$1 seconds=$2
  local corpus="$scratch/corpus/$target" artifacts="$scratch/artifacts/$target"
  # A smoke run starts from the committed seeds alone, as it does in CI.
  if [ "$mode" = smoke ]; then corpus="$scratch/smoke-corpus/$target"; rm -rf "$corpus"; fi
  local seeds="Fuzz/corpus/$(seed_folder "$target")"
  local log="$scratch/logs/$target.log"
  # Microversions are short; larger inputs only slow the parser targets down.
  local max_len=${FUZZ_MAX_LEN:-8192}
  [ "$target" = microversion ] && max_len=${FUZZ_MAX_LEN:-128}
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  echo "== $target ($build_kind build): ${seconds}s (log: $log)"
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
  local elapsed
  elapsed=$(grep -o '^Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || true)
  echo "   executions: ${runs:-?}  exec/s: ${rate:-?}  seconds: ${elapsed:-?}  exit: $status"
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
  smoke)
    selected=("${targets[@]}"); seconds=60
    # The same inputs on every run, so that CI is red only for a real finding, and the
    # finding can be reproduced with the same command.
    FUZZ_FLAGS="-seed=1 -runs=${FUZZ_SMOKE_RUNS:-500} ${FUZZ_FLAGS:-}" ;;
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
