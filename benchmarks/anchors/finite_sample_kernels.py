"""numpy anchor for the kernels of a finite-sample fit (issue 12): S = X'X, the residual product
X w and the gradient product X'v, on one BLAS thread, timed as the CPU time of the calling thread
(time.thread_time), median of REPS after WARMUP untimed calls. The Java side is GramKernelBenchmark
(JMH, simulation.training's GramKernel through EmpiricalAdversarialTraining.gram(), which adds a
d^3/3 Cholesky factorisation) and benchmarks/results/fsgram.md. X is standard normal, as in the
finite-sample instance (its values do not change the time of a dense product).

    python finite_sample_kernels.py [N ...] [--d D] [--reps REPS] [--warmup WARMUP]
"""
import argparse
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import time  # noqa: E402

import numpy as np  # noqa: E402


def cpu_ms(f, reps, warmup):
    for _ in range(warmup):
        f()
    t = []
    for _ in range(reps):
        a = time.thread_time()
        f()
        t.append((time.thread_time() - a) * 1e3)
    return float(np.median(t))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="*", type=int, default=[10000, 100000])
    ap.add_argument("--d", type=int, default=100)
    ap.add_argument("--reps", type=int, default=21)
    ap.add_argument("--warmup", type=int, default=3)
    a = ap.parse_args()
    rng = np.random.default_rng(1)
    for n in a.n:
        x = rng.standard_normal((n, a.d))
        w = rng.standard_normal(a.d)
        v = rng.standard_normal(n)
        print(
            f"numpy n={n} d={a.d} gram_cpu_ms={cpu_ms(lambda: x.T @ x, a.reps, a.warmup):.4f}"
            f" xw_cpu_ms={cpu_ms(lambda: x @ w, a.reps, a.warmup):.4f}"
            f" xtv_cpu_ms={cpu_ms(lambda: x.T @ v, a.reps, a.warmup):.4f}"
        )


if __name__ == "__main__":
    main()
