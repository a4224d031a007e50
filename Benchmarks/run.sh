#!/usr/bin/env bash
# Benchmarks apiref on nova's api-ref (issue 6): check and build timings, peak RSS, the scaling
# curve on synthetic copies of nova, and (with --sphinx) sphinx-build + os-api-ref side by side.
# Prints figures only; it never asserts timings (machines differ, CI is noisy).
#
# Usage: Benchmarks/run.sh [--smoke] [--sphinx] [--runs N] [--repeat K] [--nova DIR] [--dynamic]
#   --runs    rounds (default 5): with --sphinx, one Sphinx run each
#   --repeat  runs of each apiref command per round (default 3)
#   --smoke   quick version for CI: 3 rounds of one run, scaling at 1x and 2x only
#   --sphinx  set up sphinx + os-api-ref + openstackdocstheme in .build-bench/venv and compare
#   --nova    nova checkout holding api-ref/source and doc/api_samples
#   --dynamic measure a release build linked against the shared Swift libraries instead of
#             the static one (`--static-swift-stdlib`, what `make release` builds: it starts
#             ~4 ms faster, with no shared libraries to load and bind)
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
runs=5 repeat=3 smoke=0 sphinx=0 scales="1 2 5 10" linking=static
nova=${NOVA_DIR:-$here/../shared/corpora/nova}
while [ $# -gt 0 ]; do
    case $1 in
        --smoke) smoke=1; runs=3; repeat=1; scales="1 2" ;;
        --sphinx) sphinx=1 ;;
        --runs) runs=$2; shift ;;
        --repeat) repeat=$2; shift ;;
        --nova) nova=$2; shift ;;
        --dynamic) linking=dynamic ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
    shift
done

if [ ! -d "$nova/api-ref/source" ]; then
    echo "benchmark: skipped: no nova corpus at $nova (../shared is absent; give --nova DIR)"
    exit 0
fi

work=$here/.build-bench
mkdir -p "$work"
. "$here/Benchmarks/release-flags.sh"
if [ $linking = static ]; then
    scratch=${BENCH_SCRATCH:-$here/.build-perf-static}
    link_flags=("${release_flags[@]}")
else
    scratch=${BENCH_SCRATCH:-$here/.build-perf-rel}
    link_flags=("${metadata_flags[@]}")
fi
echo "== building release, $linking Swift libraries ($scratch)"
swift build -c release "${link_flags[@]}" --package-path "$here" --scratch-path "$scratch" --product apiref >&2
apiref=$scratch/release/apiref

# Stage nova in a git repository (openstackdocstheme reads the git history).
tree=$work/nova
if [ ! -d "$tree/.git" ]; then
    rm -rf "$tree"; mkdir -p "$tree/doc"
    cp -r "$nova/api-ref" "$tree/"; cp -r "$nova/doc/api_samples" "$tree/doc/"
    (cd "$tree" && git init -q && git add -A && git -c user.name=bench -c user.email=bench@localhost commit -qm nova)
fi
source_dir=$tree/api-ref/source

if [ $sphinx = 1 ] && [ ! -x "$work/venv/bin/sphinx-build" ]; then
    echo "== setting up the Sphinx baseline in $work/venv"
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q sphinx os-api-ref openstackdocstheme >&2
fi

# measure NAME CMD...: runs CMD once, appends "wall_s user_s sys_s maxrss_kb" to $work/NAME.times
# (Benchmarks/measure.py: timed around the spawn and wait4 of CMD itself, without the exec of
# a /usr/bin/time in between).
measure() {
    local name=$1; shift
    python3 "$here/Benchmarks/measure.py" "$work/$name.times" "$work/$name.stderr" "$@"
}

# stats NAME: median min max (ms), median user+sys (ms), max RSS (MiB).
stats() {
    python3 - "$work/$1.times" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
wall = [r[0] * 1000 for r in rows]; cpu = [(r[1] + r[2]) * 1000 for r in rows]
print(f"{statistics.median(wall):9.1f} {min(wall):7.1f} {max(wall):7.1f} {statistics.median(cpu):9.0f} {max(r[3] for r in rows) / 1024:9.1f} {len(rows):5d}")
PY
}

median_ms() { python3 -c "import statistics,sys; print(statistics.median(float(l.split()[0]) for l in open(sys.argv[1]) if l.strip())*1000)" "$1"; }

rm -f "$work"/*.times
echo "== uptime: $(uptime)"
echo "== $runs rounds, alternating: sphinx once (with --sphinx), then each apiref command $repeat times"
# Rounds: Sphinx once, then apiref's commands `repeat` times each, all of them timed. The
# first apiref run after a Sphinx run is slower (nova, check: ~66 ms against ~47 for the
# next ones: Sphinx leaves the caches cold); with several per round, the median is the
# typical run, and that first one still counts.
for i in $(seq "$runs"); do
    if [ $sphinx = 1 ]; then
        rm -rf "$work/out-sphinx"
        measure sphinx "$work/venv/bin/sphinx-build" -E -q -b html "$source_dir" "$work/out-sphinx"
    fi
    for j in $(seq "$repeat"); do
        measure startup "$apiref" --version
        measure check "$apiref" check "$source_dir"
        rm -rf "$work/out-apiref"
        measure build "$apiref" build --input-format os-api-ref "$source_dir" -o "$work/out-apiref" --allow-errors
        # Again into the site just built, as a developer's next build goes: the unchanged
        # files are linked from it, not written (not what the ratio to Sphinx is taken on).
        measure rebuild "$apiref" build --input-format os-api-ref "$source_dir" -o "$work/out-apiref" --allow-errors
    done
done

printf "\n%-34s %9s %7s %7s %9s %9s %5s\n" "command (nova, ms)" median min max "cpu med" "RSS MiB" runs
printf "%-34s %s\n" "apiref --version (start-up)" "$(stats startup)"
printf "%-34s %s\n" "apiref check" "$(stats check)"
printf "%-34s %s\n" "apiref build (new output folder)" "$(stats build)"
printf "%-34s %s\n" "apiref build (into the last site)" "$(stats rebuild)"
if [ $sphinx = 1 ]; then
    printf "%-34s %s\n" "sphinx-build -E -b html" "$(stats sphinx)"
    python3 -c "import sys; print(f'ratio sphinx/apiref build (median wall): {float(sys.argv[1])/float(sys.argv[2]):.1f}x')" \
        "$(median_ms "$work/sphinx.times")" "$(median_ms "$work/build.times")"
fi

echo
printf "%-10s %9s %7s %7s %9s %9s %5s %12s\n" "scale" median min max "cpu med" "RSS MiB" runs "ms per 1x"
for n in $scales; do
    syn=$work/synthetic-$n
    [ -d "$syn" ] || python3 "$here/Benchmarks/make-synthetic-osapiref.py" "$n" "$tree" "$syn" >/dev/null
    rm -f "$work/scale$n.times"
    for i in $(seq "$runs"); do
        rm -rf "$work/out-scale"
        measure "scale$n" "$apiref" build --input-format os-api-ref "$syn/api-ref/source" -o "$work/out-scale" --allow-errors
    done
    printf "%-10s %s %12.0f\n" "${n}x build" "$(stats "scale$n")" "$(python3 -c "import sys; print(float(sys.argv[1])/int(sys.argv[2]))" "$(median_ms "$work/scale$n.times")" "$n")"
done
rm -rf "$work/out-scale"
echo "== uptime: $(uptime)"
