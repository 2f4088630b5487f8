#!/usr/bin/env bash
# l-inf PGD adversarial training, the project's loop against a bare DJL loop of the same CNN and
# attack (issue 12, item 4; anchor: benchmarks/src/main/java/tradeoffs/benchmarks/anchors/BareDjlPgdTraining.java).
#
# For each image size the two sides run in turn, ROUNDS times (project, bare, project, bare, ...),
# each as its own JVM (tradeoffs.benchmarks.deep.PgdTrainingRun) on one PyTorch thread: EPOCHS
# epochs over IMAGES images, the first epoch not counted (JIT and native warm-up). Prints each
# side's median images per second, the throughput ratio project/bare per round and its median
# (above 1: the project is faster), and the machine load before each size.
#
# Usage: benchmarks/compare/pgd_training.sh [SIZES]
#   defaults: "16 24 32"; ROUNDS=3 STEPS=3 IMAGES=512 EPOCHS=4 in the environment (JAR: another
#   benchmarks jar, e.g. a copy that a rebuild will not replace mid-run).
# Needs: the benchmarks jar (mvn -B -ntp -pl benchmarks -am package -DskipTests).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="${JAR:-$here/benchmarks/target/benchmarks.jar}"
[ -f "$jar" ] || { echo "pgd_training.sh: build the benchmarks jar first (mvn -B -ntp -pl benchmarks -am package -DskipTests)" >&2; exit 2; }
sizes="${1:-16 24 32}"
rounds="${ROUNDS:-3}"; steps="${STEPS:-3}"; images="${IMAGES:-512}"; epochs="${EPOCHS:-4}"
run() {
  java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
    -cp "$jar" tradeoffs.benchmarks.deep.PgdTrainingRun "$1" "$2" "$steps" "$images" "$epochs" 2>/dev/null \
    | awk '/images\/s/ {print $(NF-1)}'
}
med() { python3 -c "import statistics,sys; print('%.4g' % statistics.median(map(float, sys.argv[1:])))" "$@"; }
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -n) $(nproc) cpus; java $(java -version 2>&1 | head -1); steps=$steps images=$images epochs=$epochs rounds=$rounds"
printf '%-5s | %-14s %-14s | %-22s %-7s | %s\n' size project_img_s bare_img_s ratios_per_round median load
for size in $sizes; do
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  ps=(); bs=(); rs=()
  for r in $(seq "$rounds"); do
    p="$(run tradeoffs "$size")"; b="$(run bare "$size")"
    ps+=("$p"); bs+=("$b"); rs+=("$(python3 -c "print('%.3f' % ($p/$b))")")
  done
  printf '%-5s | %-14s %-14s | %-22s %-7s | %s\n' "$size" "$(med "${ps[@]}")" "$(med "${bs[@]}")" \
    "${rs[*]}" "$(med "${rs[@]}")" "$load"
done
