#!/usr/bin/env bash
# l-inf PGD adversarial training, the project's loop against a bare DJL loop of the same CNN and
# attack (issue 12, item 4; anchor: benchmarks/src/main/java/tradeoffs/benchmarks/anchors/BareDjlPgdTraining.java).
#
# For each image size the two sides run in turn, ROUNDS times (project, bare, project, bare, ...),
# each as its own JVM (tradeoffs.benchmarks.deep.PgdTrainingRun) on one PyTorch thread: EPOCHS
# epochs over IMAGES images, the first epoch not counted (JIT and native warm-up). Prints each
# side's median images per second of wall time and per second of process CPU time, the throughput
# ratios project/bare per round and their medians (above 1: the project is faster), and the
# machine load before each size. On a loaded machine the CPU-time ratio is the steadier one: the
# wall time also measures how much of a core the scheduler gave each run.
#
# The project's process keeps the C heap for reuse (tradeoffs.deep.device.NativeHeap: glibc's
# mallopt, M_MMAP_THRESHOLD 32 MB and M_TRIM_THRESHOLD 128 MB); the bare loop's process runs with
# glibc's defaults, as a DJL user's would, unless BARE_HEAP=tuned gives it the same two settings
# through the environment (MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_): the ratio of the two
# loops alone, the allocator aside.
#
# Usage: benchmarks/compare/pgd_training.sh [SIZE ...]   (e.g. 16 24 32, or one quoted list)
#   defaults: "16 24 32"; ROUNDS=3 STEPS=3 IMAGES=512 EPOCHS=4 in the environment (JAR: another
#   benchmarks jar, e.g. a copy that a rebuild will not replace mid-run: copy benchmarks.jar with
#   the lib/ folder beside it, which its manifest lists; BARE_HEAP=tuned: see above).
# Needs: the benchmarks jar (mvn -B -ntp -pl benchmarks -am package -DskipTests).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="${JAR:-$here/benchmarks/target/benchmarks.jar}"
[ -f "$jar" ] || { echo "pgd_training.sh: build the benchmarks jar first (mvn -B -ntp -pl benchmarks -am package -DskipTests)" >&2; exit 2; }
sizes="${*:-16 24 32}"
rounds="${ROUNDS:-3}"; steps="${STEPS:-3}"; images="${IMAGES:-512}"; epochs="${EPOCHS:-4}"
bare_heap="${BARE_HEAP:-default}"
case "$bare_heap" in
  default) bare_env=() ;;
  tuned) bare_env=(MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=134217728) ;;
  *) echo "pgd_training.sh: BARE_HEAP must be default or tuned (got '$bare_heap')" >&2; exit 2 ;;
esac
run() {
  local envs=()
  [ "$1" = bare ] && envs=("${bare_env[@]}")
  env "${envs[@]}" java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
    -cp "$jar" tradeoffs.benchmarks.deep.PgdTrainingRun "$1" "$2" "$steps" "$images" "$epochs" 2>/dev/null \
    | sed -n 's/.*: \([0-9.]*\) images\/s, \([0-9.]*\) images\/cpu-s/\1 \2/p'
}
med() { python3 -c "import statistics,sys; print('%.4g' % statistics.median(map(float, sys.argv[1:])))" "$@"; }
ratio() { python3 -c "print('%.3f' % ($1/$2))"; }
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -n) $(nproc) cpus; java $(java -version 2>&1 | head -1); steps=$steps images=$images epochs=$epochs rounds=$rounds bare_heap=$bare_heap"
printf '%-4s | %-8s %-8s %-16s %-6s | %-8s %-8s %-16s %-6s | %s\n' size proj_w bare_w wall_ratios median \
  proj_cpu bare_cpu cpu_ratios median load
for size in $sizes; do
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  pw=(); bw=(); rw=(); pc=(); bc=(); rc=()
  for r in $(seq "$rounds"); do
    read -r p1 p2 <<<"$(run tradeoffs "$size")"
    read -r b1 b2 <<<"$(run bare "$size")"
    pw+=("$p1"); bw+=("$b1"); rw+=("$(ratio "$p1" "$b1")")
    pc+=("$p2"); bc+=("$b2"); rc+=("$(ratio "$p2" "$b2")")
  done
  printf '%-4s | %-8s %-8s %-16s %-6s | %-8s %-8s %-16s %-6s | %s\n' "$size" "$(med "${pw[@]}")" "$(med "${bw[@]}")" \
    "${rw[*]}" "$(med "${rw[@]}")" "$(med "${pc[@]}")" "$(med "${bc[@]}")" "${rc[*]}" "$(med "${rc[@]}")" "$load"
done
