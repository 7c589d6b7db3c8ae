#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ and runs them (Fuzz/README.md).
#
#   scripts/fuzz.sh                      brief run (CI): build, then every target for
#                                        BRIEF_SECONDS (default 10) from the committed corpus
#                                        (its finds are not kept)
#   scripts/fuzz.sh --runs 10000000      long run: every target for that many executions
#   scripts/fuzz.sh --time 600           long run: every target for that many seconds
#   scripts/fuzz.sh --merge              minimise Fuzz/Corpus/<target> with what long runs found
#   scripts/fuzz.sh --seed               (re)write the seed inputs into Fuzz/Corpus/<target>
#
# Options: --target NAME (repeatable; default all), --jobs N (targets run at once, default 1),
# --no-build. Exit status 1 when any target found a crash, trap, timeout or memory blow-up.
#
# A long run's found inputs go to Fuzz/.work/corpus/<target> (ignored by git), crash artifacts to
# Fuzz/.work/artifacts/<target>/, logs to Fuzz/.work/logs/<target>.log; the committed corpus is
# only read, except by --merge and --seed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FUZZ=$ROOT/Fuzz
WORK=${FUZZ_WORK:-$FUZZ/.work}
BIN=$FUZZ/.build/release
# Swift's own crash backtracer would catch the signal first, and libFuzzer would save no input.
export SWIFT_BACKTRACE=enable=no

ALL_TARGETS=(
  GossipMessageFuzz LogEntryFuzz ContactMessageFuzz VersionVectorFuzz ScreenRequestFuzz WebFormFuzz OrderCSVFuzz NormalizerFuzz
  NodeConfigurationFuzz NodeFilesFuzz JoinBundleFuzz MembershipRequestFuzz MemberCertificateFuzz
)

# Targets run in libFuzzer's fork mode (-fork=1): each child process runs a share of the inputs,
# then a fresh one takes over. TOMLKit keeps a small allocation per parsed document for good, so
# one process running ten million of them would reach the memory limit without any input being
# at fault; forked children start clean.
FORK_TARGETS=" NodeConfigurationFuzz "

# The largest input each target is given (bytes): a few times its largest real input.
max_len() {
  case $1 in
    VersionVectorFuzz|NormalizerFuzz|MemberCertificateFuzz) echo 2048 ;;
    OrderCSVFuzz|JoinBundleFuzz|NodeConfigurationFuzz) echo 8192 ;;
    *) echo 4096 ;;
  esac
}

mode=brief runs="" seconds="" jobs=1 build=1 targets=()
while [ $# -gt 0 ]; do
  case $1 in
    --brief) mode=brief ;;
    --runs) mode=long runs=$2; shift ;;
    --time) mode=long seconds=$2; shift ;;
    --merge) mode=merge ;;
    --seed) mode=seed ;;
    --target) targets+=("$2"); shift ;;
    --jobs) jobs=$2; shift ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ ${#targets[@]} -gt 0 ] || targets=("${ALL_TARGETS[@]}")

if [ "$build" = 1 ]; then
  echo "== building the fuzz targets (release, -sanitize=fuzzer)"
  start=$(date +%s)
  # -parse-as-library: the targets have no top-level code; libFuzzer supplies main.
  mkdir -p "$WORK/logs"
  if ! nice -n 10 swift build -c release --package-path "$FUZZ" \
      -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library >"$WORK/logs/build.log" 2>&1; then
    tail -40 "$WORK/logs/build.log" >&2
    echo "fuzz.sh: the build failed (log: $WORK/logs/build.log)" >&2
    exit 1
  fi
  echo "== built in $(( $(date +%s) - start )) s"
fi

mkdir -p "$WORK/logs"
# Where a run keeps the inputs it finds (a brief run uses a throw-away directory instead).
FOUND=$WORK/corpus
# Common libFuzzer options: 30 s per input is a hang (wall time: generous, the machine may be
# shared and the run niced), 2 GiB is a memory blow-up.
common() {
  echo -max_len="$(max_len "$1")" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$WORK/artifacts/$1/"
}

# Runs one target (its corpus: the found inputs first, so new ones go there; then the committed).
run_one() {
  local t=$1; shift
  mkdir -p "$FOUND/$t" "$WORK/artifacts/$t"
  local log=$WORK/logs/$t.log start rc=0 fork=()
  [[ $FORK_TARGETS == *" $t "* ]] && fork=(-fork=1)
  start=$(date +%s)
  # shellcheck disable=SC2046
  nice -n 10 "$BIN/$t" $(common "$t") "${fork[@]}" "$@" "$FOUND/$t" "$FUZZ/Corpus/$t" >"$log" 2>&1 || rc=$?
  local wall=$(( $(date +%s) - start ))
  local execs speed cov state
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
  if [ ${#fork[@]} -gt 0 ]; then
    # Fork mode prints no final stats: its progress lines say "#N: cov: … exec/s: …".
    execs=$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$log" | tail -1)
    speed=$(sed -n 's/^#[0-9]*: cov:.* exec\/s: \([0-9]*\).*/\1/p' "$log" | tail -1)
    [ -n "$execs" ] && [ "$wall" -gt 0 ] && speed=$(( execs / wall ))
  fi
  if [ "$rc" = 0 ] || [ "$rc" = 72 ]; then
    # 72: libFuzzer's exit status when interrupted (Ctrl-C): what ran so far found nothing.
    [ "$rc" = 0 ] && state=ok || state=stopped
    printf '%-24s %-7s runs %-10s exec/s %-7s %3ss  %s\n' "$t" "$state" "${execs:-?}" "${speed:-?}" "$wall" "$cov"
    [ "$rc" = 0 ]
  else
    printf '%-24s FAILED (exit %s) after %ss: see %s\n' "$t" "$rc" "$wall" "$log"
    grep -E '^(==[0-9]+==|SUMMARY|artifact_prefix|Test unit written|Fatal error|.*fuzz property failed)' "$log" | head -20 || true
    echo "   artifacts: $WORK/artifacts/$t/"
    return 1
  fi
}

# Runs every target, at most $jobs at once; fails if any did.
run_all() {
  local failed=0 pids=() t
  for t in "${targets[@]}"; do
    run_one "$t" "$@" &
    pids+=($!)
    if [ ${#pids[@]} -ge "$jobs" ]; then
      wait "${pids[0]}" || failed=1
      pids=("${pids[@]:1}")
    fi
  done
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  return $failed
}

case $mode in
  brief)
    echo "== brief run: ${BRIEF_SECONDS:-10} s per target, $jobs at once (uptime: $(uptime))"
    start=$(date +%s)
    # The brief run's finds are thrown away: each run starts from the committed corpus.
    FOUND=$WORK/brief-corpus
    rm -rf "$FOUND"
    if run_all -max_total_time="${BRIEF_SECONDS:-10}"; then
      echo "== brief run: no crash in $(( $(date +%s) - start )) s"
    else
      echo "== brief run FAILED: crash inputs in $WORK/artifacts/<target>/" >&2; exit 1
    fi ;;
  long)
    if [ -n "$runs" ]; then limit=(-runs="$runs"); else limit=(-max_total_time="$seconds"); fi
    echo "== long run: ${limit[*]} per target, $jobs at once (uptime: $(uptime))"
    if run_all "${limit[@]}"; then
      echo "== long run: no crash (uptime: $(uptime)); minimise with: scripts/fuzz.sh --merge"
    else
      echo "== long run FAILED: crash inputs in $WORK/artifacts/<target>/" >&2; exit 1
    fi ;;
  merge)
    for t in "${targets[@]}"; do
      new=$WORK/merged/$t
      rm -rf "$new"; mkdir -p "$new" "$WORK/corpus/$t"
      # shellcheck disable=SC2046
      nice -n 10 "$BIN/$t" $(common "$t") -merge=1 "$new" "$FUZZ/Corpus/$t" "$WORK/corpus/$t" >"$WORK/logs/$t.merge.log" 2>&1
      rm -rf "$FUZZ/Corpus/$t"; mv "$new" "$FUZZ/Corpus/$t"
      echo "$t: $(ls "$FUZZ/Corpus/$t" | wc -l) inputs, $(du -sk "$FUZZ/Corpus/$t" | cut -f1) KiB"
    done ;;
  seed)
    python3 "$FUZZ/seed-corpus.py"
    for t in "${targets[@]}"; do
      mkdir -p "$FUZZ/Corpus/$t"
      mkdir -p "$WORK/empty"
      MIBARAI_FUZZ_SEEDS="$FUZZ/Corpus/$t" "$BIN/$t" -runs=0 "$WORK/empty" >"$WORK/logs/$t.seed.log" 2>&1
      echo "$t: $(ls "$FUZZ/Corpus/$t" | wc -l) seeds"
    done ;;
esac
