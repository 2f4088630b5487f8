"""scipy L-BFGS-B at a stated accuracy (issue 12 context for compare_finite_sample.sh).

compare_finite_sample.sh times scipy's L-BFGS-B with its default tolerances against the project's
fit, which stops only when its duality gap certifies F within 1e-9 relative of the minimum. This
script asks how long scipy takes to reach a given accuracy on the same objective and data:

    F(w) = (1/n) sum_i (|y_i - x_i'w| + eps ||w||_q)^2   (finite_sample_lbfgs.py, docs/math.md §6.1)

It runs L-BFGS-B from w = 0 with the objective and gradient of finite_sample_lbfgs.py, logs F and the
solving thread's CPU time (time.thread_time) at every evaluation, and reports, for each tolerance
tol in 1e-7, 1e-8, 1e-9, the first evaluation at which the best F so far is within tol of F_ref:
(best - F_ref) <= tol * F_ref. F_ref is the project's certified value (FiniteSampleSolveMain's F,
passed on the command line with its certified relative gap, at most 1e-9 and usually ~1e-15, which
bounds how far F_ref can lie above the true minimum). Settings: scipy's defaults, and "tight"
(ftol=1e-16, gtol=1e-14, maxiter=10000) with maxcor 10 and 30. Each setting runs REPS times after
one untimed run; the run with the median total time is reported. A reached tolerance is printed as
evaluations/ms; "-" means L-BFGS-B stopped before reaching it. min_rel is (min F seen - F_ref)/F_ref:
a negative value below -gap would contradict the certificate.

    python finite_sample_accuracy.py DATA_FILE NORM FRACTION F_REF GAP [REPS]
"""
import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import time  # noqa: E402

import numpy as np  # noqa: E402
from scipy.optimize import minimize  # noqa: E402

from finite_sample_lbfgs import DUAL, PRIMAL, load, objective_and_gradient  # noqa: E402

TOLERANCES = (1e-7, 1e-8, 1e-9)
SETTINGS = (
    ("default", {}),
    ("tight", {"ftol": 1e-16, "gtol": 1e-14, "maxiter": 10000}),
    ("tight_m30", {"ftol": 1e-16, "gtol": 1e-14, "maxiter": 10000, "maxcor": 30}),
)


def run(x, y, eps, q, opts, f_ref):
    log = []
    t0 = time.thread_time()

    def f(w):
        v, g = objective_and_gradient(w, x, y, eps, q)
        log.append((time.thread_time() - t0, v))
        return v, g

    minimize(f, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options=opts)
    total = (time.thread_time() - t0) * 1e3
    best = np.inf
    reach = {}
    for k, (t, v) in enumerate(log):
        best = min(best, v)
        for tol in TOLERANCES:
            if tol not in reach and best - f_ref <= tol * f_ref:
                reach[tol] = (k + 1, t * 1e3)
    return total, len(log), (best - f_ref) / f_ref, reach


def main():
    path, norm, fraction, f_ref, gap = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    reps = int(sys.argv[6]) if len(sys.argv) > 6 else 5
    x, y = load(path)
    q = DUAL[norm]
    eps = fraction * np.linalg.norm(x.T @ y, PRIMAL[norm]) / np.abs(y).sum()
    for name, opts in SETTINGS:
        run(x, y, eps, q, opts, f_ref)
        runs = sorted((run(x, y, eps, q, opts, f_ref) for _ in range(reps)), key=lambda r: r[0])
        total, nfev, min_rel, reach = runs[len(runs) // 2]
        cells = " ".join(
            f"tol{tol:.0e}=" + (f"{reach[tol][0]}/{reach[tol][1]:.2f}" if tol in reach else "-") for tol in TOLERANCES
        )
        print(f"scipy n={x.shape[0]} d={x.shape[1]} norm={norm} fraction={sys.argv[3]} setting={name} "
              f"cpu_ms={total:.2f} nfev={nfev} min_rel={min_rel:.2e} ref_gap={gap} {cells}")


if __name__ == "__main__":
    main()
