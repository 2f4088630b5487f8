#!/usr/bin/env bash
# For each cell: the project's certified fit (FiniteSampleSolveMain: thread CPU ms, F, relative gap)
# and scipy L-BFGS-B's evaluations and thread CPU ms to reach F within 1e-7, 1e-8, 1e-9 of it
# (finite_sample_accuracy.py). Same data file for both, written by FiniteSampleSolveMain --write.
#   NS="10000" DS="20 100" NORMS="l2" FRACTIONS="0.05 0.5" JAR=... compare_accuracy.sh > out.txt
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="${JAR:-$here/../target/benchmarks.jar}"
NS="${NS:-10000}"; DS="${DS:-20 100}"; NORMS="${NORMS:-linf l2 l1}"; FRACTIONS="${FRACTIONS:-0.05 0.5}"
REPS="${REPS:-5}"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
for n in $NS; do for d in $DS; do
  data="$tmp/sample_${n}_${d}.bin"
  java -cp "$JAR" tradeoffs.benchmarks.simulation.FiniteSampleSolveMain "$n" "$d" l2 0.5 1 0 0 --write "$data"
  for norm in $NORMS; do for f in $FRACTIONS; do
    jl="$(java -cp "$JAR" tradeoffs.benchmarks.simulation.FiniteSampleSolveMain "$n" "$d" "$norm" "$f" 1 "$REPS" 3)"
    echo "$jl"
    python3 "$here/finite_sample_accuracy.py" "$data" "$norm" "$f" "$(echo "$jl" | field F)" "$(echo "$jl" | field rel_gap)" "$REPS"
  done; done
done; done
