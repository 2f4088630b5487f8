#!/usr/bin/env bash
# Population adversarial-training solves, the project against scipy (issue 12, item 2).
#
# For each (d, rho, norm, fraction of the zero threshold) the two sides run in turn, ROUNDS times
# (A B A B ...), on the same problem: the Java side (PopulationSolveRun) writes the instance, the
# anchor (benchmarks/anchors/population_solve.py, numpy/scipy on one BLAS thread) reads it. Each
# side times its own solve in-process (median over REPEATS after a warm-up), so JVM and Python
# start-up are not counted; the script prints both medians, their ratio java/scipy per round, the
# median ratio, the answers' agreement, and the machine load before each cell.
#
# Usage: benchmarks/compare/population.sh [DIMS] [RHOS] [NORMS] [FRACTIONS]
#   defaults: "1000" "0.5 0.9" "l1 l2 linf" "0.1 0.5"; ROUNDS=3 REPEATS=5 in the environment;
#   JAR=path runs another build of the Java side (a copied benchmarks.jar needs the lib/ folder
#   beside it); METRIC=solve_cpu_seconds compares the solving
#   thread's CPU time instead of wall time (on a loaded machine wall time mostly measures the
#   other processes) in the first ratio; the CPU-time medians and their ratio are printed beside
#   it in any case (java_cpu_s scipy_cpu_s cpu_rat).
# Needs: the benchmarks jar (mvn -B -ntp -pl benchmarks -am package -DskipTests), python3 with
# numpy and scipy. Nothing is written outside a temporary folder.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="${JAR:-$here/benchmarks/target/benchmarks.jar}"
anchor="$here/benchmarks/anchors/population_solve.py"
[ -f "$jar" ] || { echo "population.sh: build the benchmarks jar first (mvn -B -ntp -pl benchmarks -am package -DskipTests)" >&2; exit 2; }
dims="${1:-1000}"; rhos="${2:-0.5 0.9}"; norms="${3:-l1 l2 linf}"; fractions="${4:-0.1 0.5}"
rounds="${ROUNDS:-3}"; repeats="${REPEATS:-5}"; metric="${METRIC:-solve_seconds}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -n) $(nproc) cpus; java $(java -version 2>&1 | head -1); metric $metric"
printf '%-5s %-4s %-5s %-5s | %-10s %-10s %-7s | %-10s %-10s %-7s | %-10s %-10s | %-9s %-9s | %s\n' \
  d rho norm frac java_s scipy_s ratio java_cpu_s scipy_cpu_s cpu_rat java_prep_s java_model_s max_dw dR_rel load
for d in $dims; do for rho in $rhos; do for norm in $norms; do for frac in $fractions; do
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  ratios=(); js=(); ss=(); cratios=(); jc=(); sc=()
  for r in $(seq "$rounds"); do
    j="$(java -cp "$jar" tradeoffs.benchmarks.theory.PopulationSolveRun --dim "$d" --rho "$rho" --norm "$norm" \
          --fraction "$frac" --repeats "$repeats" --instance "$tmp/instance" --weights "$tmp/java_w")"
    s="$(python3 "$anchor" --instance "$tmp/instance" --norm "$norm" --repeats "$repeats" --check "$tmp/java_w")"
    jt="$(field "$j" "$metric")"; st="$(field "$s" "$metric")"
    js+=("$jt"); ss+=("$st"); ratios+=("$(python3 -c "print($jt/$st)")")
    jct="$(field "$j" solve_cpu_seconds)"; sct="$(field "$s" solve_cpu_seconds)"
    jc+=("$jct"); sc+=("$sct"); cratios+=("$(python3 -c "print($jct/$sct)")")
  done
  med() { python3 -c "import statistics,sys; print('%.4g' % statistics.median(map(float, sys.argv[1:])))" "$@"; }
  printf '%-5s %-4s %-5s %-5s | %-10s %-10s %-7s | %-10s %-10s %-7s | %-10s %-10s | %-9.2g %-9.2g | %s\n' "$d" "$rho" "$norm" "$frac" \
    "$(med "${js[@]}")" "$(med "${ss[@]}")" "$(med "${ratios[@]}")" \
    "$(med "${jc[@]}")" "$(med "${sc[@]}")" "$(med "${cratios[@]}")" \
    "$(field "$j" prepare_solve_seconds)" "$(field "$j" model_seconds)" \
    "$(field "$s" max_abs_weight_difference)" "$(field "$s" risk_relative_difference)" "$load"
done; done; done; done
