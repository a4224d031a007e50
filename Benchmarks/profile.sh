#!/usr/bin/env bash
# Counts instructions per function with callgrind (repeatable where wall time is noisy) for
# `apiref check` or `apiref build` on nova, and prints the top inclusive entries.
#
# Usage: Benchmarks/profile.sh [check|build] [--nova DIR] [--top N]
# Needs valgrind. The release build keeps DWARF 4 line tables: valgrind 3.19 cannot read the
# DWARF 5 that Swift 6 emits by default. Output: .build-bench/callgrind.MODE (for
# callgrind_annotate or kcachegrind).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
mode=check top=40
nova=${NOVA_DIR:-$here/../shared/corpora/nova}
while [ $# -gt 0 ]; do
    case $1 in
        check|build) mode=$1 ;;
        --nova) nova=$2; shift ;;
        --top) top=$2; shift ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
    shift
done
[ -d "$nova/api-ref/source" ] || { echo "profile: skipped: no nova corpus at $nova"; exit 0; }
command -v valgrind >/dev/null || { echo "profile: needs valgrind (apt-get install -y valgrind)" >&2; exit 2; }

scratch=${PROFILE_SCRATCH:-$here/.build-profile}
. "$here/Benchmarks/release-flags.sh"   # the release binary's flags (dynamic Swift libraries here)
swift build -c release "${metadata_flags[@]}" --package-path "$here" --scratch-path "$scratch" --product apiref \
    -Xswiftc -g -Xswiftc -debug-info-format=dwarf -Xswiftc -dwarf-version=4 -Xcc -gdwarf-4 >&2
apiref=$scratch/release/apiref
work=$here/.build-bench; mkdir -p "$work"
out=$work/callgrind.$mode
args=(check --input-format os-api-ref "$nova/api-ref/source")
[ "$mode" = build ] && { rm -rf "$work/profile-site"; args=(build --input-format os-api-ref "$nova/api-ref/source" -o "$work/profile-site" --allow-errors); }
valgrind --tool=callgrind --callgrind-out-file="$out" "$apiref" "${args[@]}" >/dev/null 2>"$work/callgrind.$mode.log" || true
grep -E "Collected" "$work/callgrind.$mode.log" || { tail -5 "$work/callgrind.$mode.log"; exit 1; }
callgrind_annotate --inclusive=yes "$out" 2>/dev/null | grep -v '^-' | sed -n "1,$((top + 20))p" | cut -c1-220
