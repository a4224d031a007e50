#!/usr/bin/env bash
# Measures `apiref serve` rebuilds after one-file edits (issues 5 and 6): starts serve --verbose
# on a scratch copy of the demo and of nova, edits a sample, parameters.yaml and a page (three
# times each by default) and prints the server's own lines: rebuild time, time from the change
# being seen to the reload event, pages rendered and files parsed; then, per file edited, the
# median, min and max of "reload sent after the change was seen" and "after the save". Figures
# only, no assertions.
#
# Usage: Benchmarks/serve-rebuild.sh [--nova DIR] [--edits N]   (N edits of each file, default 3;
# release build, static Swift libraries, as `make release` and Benchmarks/run.sh build it;
# BENCH_SCRATCH picks the build folder)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
nova=${NOVA_DIR:-$here/../shared/corpora/nova}
edits=3
while [ $# -gt 0 ]; do
    case $1 in
        --nova) nova=$2; shift ;;
        --edits) edits=$2; shift ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
    shift
done
scratch=${BENCH_SCRATCH:-$here/.build-perf-static}
. "$here/Benchmarks/release-flags.sh"
swift build -c release "${release_flags[@]}" --package-path "$here" --scratch-path "$scratch" --product apiref >&2
apiref=$scratch/release/apiref
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# run NAME INPUT PORT EDIT...: serve INPUT, call each EDIT function $edits times (with 1, 2, ...).
run() {
    local name=$1 input=$2 port=$3; shift 3
    "$apiref" serve "$input" --port "$port" --verbose --allow-errors >"$work/$name.log" 2>&1 &
    local pid=$!
    for _ in $(seq 100); do grep -q "^\[serve\] build" "$work/$name.log" 2>/dev/null && break; sleep 0.1; done
    for edit in "$@"; do
        for i in $(seq "$edits"); do "$edit" "$i"; sleep 1; done
    done
    kill $pid; wait $pid 2>/dev/null || true
    echo "== $name"
    grep '^\[serve\]' "$work/$name.log" | sed 's/^\[serve\] //'
    # Per file: median, min and max of the time from the change being seen (the event that
    # completed the file's write: for sed -i, the rename) to the reload, and from the save
    # (the file's modification time, ms) to the reload.
    summarize "$name" 'reload sent \([0-9.]*\) ms after the change was seen' 'after the change was seen'
    summarize "$name" '(\([0-9.]*\) ms after the save)' 'after the save (mtime)'
}

# summarize NAME PATTERN LABEL: per file edited, median, min and max of the figure PATTERN captures.
summarize() {
    grep '^\[serve\] change to' "$work/$1.log" \
        | sed -n "s/^\[serve\] change to \([^:]*\):.*$2.*/\1 \2/p" \
        | sort -k1,1 -k2,2n \
        | awk -v label="$3" '{ n[$1]++; v[$1, n[$1]] = $2 }
               END { for (f in n) printf "   %-28s %2d edits: reload sent %s: median %.1f ms, min %.1f, max %.1f\n",
                         f, n[f], label, v[f, int((n[f] + 1) / 2)], v[f, 1], v[f, n[f]] }'
}

demo=$work/demo
demo_sample() { sed -i "s/\"ram\": 384[0-9]*/\"ram\": 384$1/" "$demo/samples/flavors/flavors-list-resp.json"; }
demo_parameters() { sed -i "s/The memory of the flavor.*/The memory of the flavor, in MiB ($1)./" "$demo/parameters.yaml"; }
demo_page() { sed -i "s/^A \*\*backup\*\* is .*/A **backup** is ($1) a consistent copy of the data of one instance, kept in object/" "$demo/pages/backups.md"; }
cp -r "$here/api-ref" "$demo"
run demo "$demo" 8791 demo_sample demo_parameters demo_page

if [ -d "$nova/api-ref/source" ]; then
    mkdir -p "$work/nova"; cp -r "$nova/api-ref" "$nova/doc" "$work/nova/"
    src=$work/nova/api-ref/source
    nova_sample() { sed -i "s/\"name\": \"m1.small.description[0-9]*\"/\"name\": \"m1.small.description$1\"/" "$work/nova/doc/api_samples/flavors/v2.102/flavor-get-resp.json"; }
    nova_parameters() { sed -i "s/^    The ID of the flavor\\..*/    The ID of the flavor. ($1)/" "$src/parameters.yaml"; }
    nova_page() { sed -i "s/^Shows details for a flavor.*/Shows details for a flavor ($1)./" "$src/flavors.inc"; }
    run nova "$src" 8792 nova_sample nova_parameters nova_page
else
    echo "== nova: skipped (no corpus at $nova)"
fi
