#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang, ASan + UBSan: the `fuzz` preset) and runs each
# for SECONDS; prints executions and crashes per target and exits 1 when any target crashed,
# leaked, hung or broke an invariant.
#   scripts/fuzz.sh                 60 s per target
#   scripts/fuzz.sh 12              12 s per target (what CI runs: a minute for the five)
#   scripts/fuzz.sh 600 quotes      one target, ten minutes
# Only fuzzing needs clang and its runtimes (libclang-rt-14-dev holds libFuzzer and clang's
# sanitizers), so this script installs them, not scripts/setup.sh.
# Each target's corpus grows in BUILD/corpus/<target> and is kept between runs; a crashing input
# lands in BUILD/crashes/<target>/: replay it with `BUILD/tests/fuzz/fuzz_<target> FILE`.
# BUILD is build/fuzz, or $DOSSIER_FUZZ_BUILD.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(date ingest query quotes segment)
build=${DOSSIER_FUZZ_BUILD:-build/fuzz}

packages=(clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    echo "fuzz: installing ${missing[*]}"
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cmake --preset fuzz -B "$build" >/dev/null
cmake --build "$build" --target dossier_fuzz

# Seeds: our own fixtures (never ../shared: third-party text stays out of the corpora we keep).
seeds_for() {
    case $1 in
        date|query) echo "tests/fuzz/seeds/$1" ;;
        *) echo "tests/data/articles tests/data/bad tests/data/quotes corpus/articles" ;;
    esac
}

failed=0
printf '%-10s %12s %8s\n' target executions crashes
for t in "${targets[@]}"; do
    corpus="$build/corpus/$t" crashes="$build/crashes/$t" log="$build/fuzz-$t.log"
    mkdir -p "$corpus" "$crashes"
    seed_dirs=()
    for d in $(seeds_for "$t"); do [ -d "$d" ] && seed_dirs+=("$d"); done
    set +e
    LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp:print_suppressions=0" \
    "$build/tests/fuzz/fuzz_$t" "$corpus" "${seed_dirs[@]}" -max_total_time="$seconds" \
        -timeout=10 -rss_limit_mb=2560 -max_len=8192 -print_final_stats=1 \
        -artifact_prefix="$crashes/" > "$log" 2>&1
    rc=$?
    set -e
    execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    crashed=0
    if [ "$rc" -ne 0 ]; then
        crashed=1
        failed=1
    fi
    printf '%-10s %12s %8s\n' "$t" "${execs:-0}" "$crashed"
    if [ "$crashed" -ne 0 ]; then
        echo "fuzz: fuzz_$t exited $rc; the log is $log, the input in $crashes/:" >&2
        grep -E 'ERROR|SUMMARY|Test unit written|ALARM|deadly signal' "$log" | head -5 >&2 || true
    fi
done
exit "$failed"
