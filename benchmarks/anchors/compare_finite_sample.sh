#!/usr/bin/env bash
# Finite-sample adversarial training against scipy's L-BFGS-B, side by side on the same data
# (issue 12). For each cell (n, d, norm, eps fraction of the zero threshold) the Java entry point
# writes the sample, then the Java solve and the scipy anchor run in turn ROUNDS times (A B A B ...),
# each reporting the median wall time of REPS solves after WARMUP untimed ones (so JVM start and
# Python import are not timed). Prints one CSV row per cell: medians, their ratio java/scipy,
# both objectives, certification, and the 1-minute load average before the cell. METRIC=cpu_ms
# times the solving thread's CPU time on both sides instead of wall time (for a loaded machine,
# where wall time mostly measures the other processes).
#
#   benchmarks/anchors/compare_finite_sample.sh [OUT.csv]
# Environment: NS, DS, NORMS, FRACTIONS (space-separated lists), ROUNDS (3), REPS (5), WARMUP (3),
# METRIC (median_ms or cpu_ms), JAR (default benchmarks/target/benchmarks.jar).
# Needs: a built benchmarks/target/benchmarks.jar (mvn -B -pl benchmarks -am package -DskipTests),
# python3 with numpy and scipy. Measure on a quiet machine: the load column says how quiet it was.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/../target/benchmarks.jar"
out="${1:-/dev/stdout}"
NS="${NS:-1000 10000 100000}"
DS="${DS:-2 20 100}"
NORMS="${NORMS:-linf l2 l1}"
FRACTIONS="${FRACTIONS:-0.05 0.5}"
ROUNDS="${ROUNDS:-3}"
REPS="${REPS:-5}"
WARMUP="${WARMUP:-3}"
METRIC="${METRIC:-median_ms}"
JAR="${JAR:-$jar}"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
echo "n,d,norm,fraction,java_${METRIC},scipy_${METRIC},ratio,F_java,F_scipy,rel_gap,certified,load1,gram_floor,java_wall_ms,scipy_wall_ms,wall_ratio" > "$out"
for n in $NS; do for d in $DS; do
  data="$tmp/sample_${n}_${d}.bin"
  java -cp "$JAR" tradeoffs.benchmarks.simulation.FiniteSampleSolveMain "$n" "$d" l2 0.5 1 0 0 --write "$data"
  for norm in $NORMS; do for f in $FRACTIONS; do
    load="$(cut -d' ' -f1 /proc/loadavg)"
    jt=(); st=(); gt=(); jw=(); sw=()
    for r in $(seq "$ROUNDS"); do
      jl="$(java -cp "$JAR" tradeoffs.benchmarks.simulation.FiniteSampleSolveMain "$n" "$d" "$norm" "$f" 1 "$REPS" "$WARMUP")"
      sl="$(python3 "$here/finite_sample_lbfgs.py" "$data" "$norm" "$f" "$REPS" "$WARMUP")"
      jt+=("$(echo "$jl" | field "$METRIC")"); st+=("$(echo "$sl" | field "$METRIC")")
      gt+=("$(echo "$sl" | field "gram_$METRIC")")
      jw+=("$(echo "$jl" | field median_ms)"); sw+=("$(echo "$sl" | field median_ms)")
    done
    jm="$(printf '%s\n' "${jt[@]}" | sort -g | sed -n "$(( (ROUNDS + 1) / 2 ))p")"
    sm="$(printf '%s\n' "${st[@]}" | sort -g | sed -n "$(( (ROUNDS + 1) / 2 ))p")"
    gm="$(printf '%s\n' "${gt[@]}" | sort -g | sed -n "$(( (ROUNDS + 1) / 2 ))p")"
    ratio="$(python3 -c "print(f'{$jm/$sm:.3f}')")"
    floor="$(python3 -c "print(f'{$gm/$sm:.3f}')")"
    jwm="$(printf '%s\n' "${jw[@]}" | sort -g | sed -n "$(( (ROUNDS + 1) / 2 ))p")"
    swm="$(printf '%s\n' "${sw[@]}" | sort -g | sed -n "$(( (ROUNDS + 1) / 2 ))p")"
    wratio="$(python3 -c "print(f'{$jwm/$swm:.3f}')")"
    echo "$n,$d,$norm,$f,$jm,$sm,$ratio,$(echo "$jl" | field F),$(echo "$sl" | field F),$(echo "$jl" | field rel_gap),$(echo "$jl" | field certified),$load,$floor,$jwm,$swm,$wratio" >> "$out"
  done; done
done; done
