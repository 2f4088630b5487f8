#!/usr/bin/env bash
# `tradeoffs theory` streaming its CSV table against numpy + np.savetxt writing the same columns
# (issue 12, item 3; anchor: benchmarks/anchors/theory_table.py).
#
# Both sides run in turn, ROUNDS times (project, numpy, project, numpy, ...), each as a whole
# process from start to finished file (JVM or Python start-up included: the table is what a user
# waits for): the project as `tradeoffs theory --norm l2 --eps 0:1:STEP --out FILE` with HEAP of
# heap (-Xmx; GC log kept, from which the heap after each collection and the largest heap in use are
# read), the anchor as `theory_table.py --eps-step STEP --out FILE`. Prints each round's wall
# seconds, the ratio project/numpy (below 1: the project is faster), the project's peak resident
# memory and largest heap in use, the rows written, and the machine load before each round; then the
# median ratio. The files are compared on a few rows (same eps, values within 1e-9 relative).
#
# Usage: benchmarks/compare/theory-table.sh [STEP]
#   default STEP 1e-6 (10^6 + 1 rows); 1e-7 gives the 10^7 case (several minutes a side).
#   ROUNDS=3 HEAP=256m in the environment.
# Needs: the command-line jar (./tradeoffs builds it on first use, or
# mvn -B -ntp -pl cli -am package -DskipTests), python3 with numpy, GNU time (/usr/bin/time).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$here/cli/target/tradeoffs.jar"
anchor="$here/benchmarks/anchors/theory_table.py"
[ -f "$jar" ] || { echo "theory-table.sh: build the command-line jar first (mvn -B -ntp -pl cli -am package -DskipTests)" >&2; exit 2; }
step="${1:-1e-6}"
rounds="${ROUNDS:-3}"; heap="${HEAP:-256m}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -n) $(nproc) cpus; $(java -version 2>&1 | head -1); numpy $(python3 -c 'import numpy; print(numpy.__version__)')"
echo "# theory --norm l2 --eps 0:1:$step (default model, claim-4 columns) with -Xmx$heap vs numpy + savetxt"
printf '%-5s | %-9s %-9s %-7s | %-9s %-12s | %-9s | %s\n' round java_s numpy_s ratio java_rss_MB java_heap_MB rows load
ratios=()
for r in $(seq 1 "$rounds"); do
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f '%e %M' -o "$tmp/jt" java -Xmx"$heap" -Xlog:gc:file="$tmp/gc.log" -jar "$jar" theory --norm l2 \
    --eps "0:1:$step" --out "$tmp/java.csv" 2>/dev/null
  /usr/bin/time -f '%e %M' -o "$tmp/nt" python3 "$anchor" --eps-step "$step" --out "$tmp/numpy.csv"
  read -r js jrss < "$tmp/jt"; read -r ns _ < "$tmp/nt"
  heapmb="$(sed -n 's/.* \([0-9]*\)M->[0-9]*M(.*/\1/p' "$tmp/gc.log" | sort -n | tail -1)"
  rows="$(( $(wc -l < "$tmp/java.csv") - 1 ))"
  ratio="$(python3 -c "print(f'{$js/$ns:.3f}')")"
  ratios+=("$ratio")
  printf '%-5s | %-9s %-9s %-7s | %-9s %-12s | %-9s | %s\n' "$r" "$js" "$ns" "$ratio" "$((jrss / 1024))" "${heapmb:-?}" "$rows" "$load"
done
python3 - "$tmp/java.csv" "$tmp/numpy.csv" <<'PY'
import itertools, sys
def rows(path, picks):
    with open(path) as f:
        header = next(f).rstrip('\n').split(',')
        return header, [line.rstrip('\n').split(',') for i, line in enumerate(f) if i in picks]
with open(sys.argv[1]) as f:
    n = sum(1 for _ in f) - 1
picks = {0, 1, n // 3, n // 2, n - 1}
hj, rj = rows(sys.argv[1], picks)
hn, rn = rows(sys.argv[2], picks)
assert hj == hn, (hj, hn)
worst = 0.0
for a, b in zip(rj, rn):
    for c, x, y in zip(hj, a, b):
        if c in ('norm', 'kkt_residual', 'suboptimality_bound'):
            continue  # certificates of two different solvers
        x, y = float(x or 'nan'), float(y or 'nan')
        if x == x and y == y:
            worst = max(worst, abs(x - y) / max(1.0, abs(x)))
print(f"# answers agree: largest relative difference {worst:.1e} over {len(rj)} rows (kkt/bound columns excepted)")
PY
printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print "# median ratio project/numpy: " a[int((NR+1)/2)]}'
