"""scipy anchor for finite-sample adversarial training (compare_finite_sample.sh).

Minimises F(w) = (1/n) sum_i (|y_i - x_i'w| + eps ||w||_q)^2 (1/p + 1/q = 1, p the attack norm;
docs/math.md §6.1) with scipy's L-BFGS-B and the analytic
(sub)gradient
    grad F = -(2/n) X'(a * sign(r)) + 2 eps mean(a) g,   a_i = |r_i| + eps ||w||_q,  g in d||w||_q,
one BLAS thread (set OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 before numpy loads, as done below),
from w = 0, scipy's default tolerances (it stops when F no longer decreases by 2.2e-9 relative, or
the projected gradient is below 1e-5). The data file is the one FiniteSampleSolveMain --write
makes (float64: n, d, x row-major, y). Prints the median wall time and the median CPU time of
the solving thread (time.thread_time: what a loaded machine does not inflate) of `reps` solves
after `warmup` untimed ones, and F at scipy's answer. It also times numpy's X.T @ X (OpenBLAS, the
same thread) the same way (gram_median_ms, gram_cpu_ms): a floor for any solver that forms
S = X'X/n, since that product alone takes this long at BLAS speed.

    python finite_sample_lbfgs.py DATA_FILE NORM FRACTION REPS WARMUP
"""
import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import time  # noqa: E402

import numpy as np  # noqa: E402
from scipy.optimize import minimize  # noqa: E402

DUAL = {"l1": np.inf, "l2": 2, "linf": 1}
PRIMAL = {"l1": 1, "l2": 2, "linf": np.inf}


def load(path):
    v = np.fromfile(path, dtype="<f8")
    n, d = int(v[0]), int(v[1])
    return v[2:2 + n * d].reshape(n, d), v[2 + n * d:2 + n * d + n]


def objective_and_gradient(w, x, y, eps, q):
    r = y - x @ w
    if q == 2:
        nw = np.linalg.norm(w)
        g = w / nw if nw > 0 else np.zeros_like(w)
    elif q == 1:
        nw = np.abs(w).sum()
        g = np.sign(w)
    else:
        j = np.argmax(np.abs(w))
        nw = abs(w[j])
        g = np.zeros_like(w)
        g[j] = np.sign(w[j])
    a = np.abs(r) + eps * nw
    n = len(y)
    return a @ a / n, -2.0 / n * (x.T @ (a * np.sign(r))) + 2.0 * eps * a.mean() * g


def main():
    path, norm, fraction, reps, warmup = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    x, y = load(path)
    q = DUAL[norm]
    eps = fraction * np.linalg.norm(x.T @ y, PRIMAL[norm]) / np.abs(y).sum()
    w0 = np.zeros(x.shape[1])
    res = None
    times = []
    cpu = []
    for k in range(warmup + reps):
        t0 = time.perf_counter()
        c0 = time.thread_time()
        res = minimize(objective_and_gradient, w0, args=(x, y, eps, q), jac=True, method="L-BFGS-B")
        if k >= warmup:
            cpu.append((time.thread_time() - c0) * 1e3)
            times.append((time.perf_counter() - t0) * 1e3)
    gram_times = []
    gram_cpu = []
    for k in range(warmup + reps):
        t0 = time.perf_counter()
        c0 = time.thread_time()
        x.T @ x
        if k >= warmup:
            gram_cpu.append((time.thread_time() - c0) * 1e3)
            gram_times.append((time.perf_counter() - t0) * 1e3)
    print(f"scipy n={x.shape[0]} d={x.shape[1]} norm={norm} fraction={sys.argv[3]} eps={eps:.6g} "
          f"median_ms={np.median(times):.4f} cpu_ms={np.median(cpu):.4f} F={res.fun:.15g} nfev={res.nfev} "
          f"gram_median_ms={np.median(gram_times):.4f} gram_cpu_ms={np.median(gram_cpu):.4f}")


if __name__ == "__main__":
    main()
