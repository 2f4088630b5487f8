"""Reference optima for the finite-sample adversarial training solver (ExactnessReferenceTest).

Independent route: cvxpy (Clarabel, an interior-point conic solver) on the definition
    F(w) = (1/n) sum_i (|y_i - x_i'w| + eps ||w||_q)^2,   1/p + 1/q = 1, p the attack norm,
then F evaluated in float64 at cvxpy's w, which is an upper bound on min F whatever the solver's
accuracy. Data sets are generated here (numpy, fixed seeds): Gaussian or Student t(3) features with
a covariance of condition number kappa, y = x'beta + 0.5 noise (Gaussian or t(3)).

Writes sample_<k>.csv (columns x_1..x_d, y) and reference.csv
(sample, norm, fraction, eps, f_upper, f_cvxpy). eps = fraction * eps0 with the zero threshold
eps0 = ||X'y||_p / ||y||_1 (docs/math.md §6.1, §6.2).

Run: python make_reference.py   (numpy, cvxpy >= 1.5 with Clarabel)
"""
import csv

import cvxpy as cp
import numpy as np

SAMPLES = [  # (n, d, kappa, heavy tails, seed)
    (150, 2, 1.0, False, 11),
    (200, 3, 1e3, False, 12),
    (300, 5, 1.0, True, 13),
    (400, 10, 1e3, True, 14),
]
FRACTIONS = [0.5, 0.9, 0.99]
NORMS = {"l1": (1, np.inf), "l2": (2, 2), "linf": (np.inf, 1)}  # attack p, dual q


def draw(n, d, kappa, heavy, seed):
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    scale = np.sqrt(kappa ** (-np.arange(d) / max(d - 1, 1)))
    z = rng.standard_t(3, (n, d)) if heavy else rng.standard_normal((n, d))
    x = (z * scale) @ q.T
    beta = rng.standard_normal(d)
    beta /= np.linalg.norm(beta)
    noise = rng.standard_t(3, n) if heavy else rng.standard_normal(n)
    return x, x @ beta + 0.5 * noise


def objective(x, y, w, eps, q):
    return np.mean((np.abs(y - x @ w) + eps * np.linalg.norm(w, q)) ** 2)


def main():
    rows = []
    for k, (n, d, kappa, heavy, seed) in enumerate(SAMPLES):
        x, y = draw(n, d, kappa, heavy, seed)
        with open(f"sample_{k}.csv", "w", newline="") as fh:
            out = csv.writer(fh)
            out.writerow([f"x_{j + 1}" for j in range(d)] + ["y"])
            for i in range(n):
                out.writerow([repr(float(v)) for v in x[i]] + [repr(float(y[i]))])
        for name, (p, q) in NORMS.items():
            eps0 = np.linalg.norm(x.T @ y, p) / np.abs(y).sum()
            for f in FRACTIONS:
                eps = f * eps0
                w = cp.Variable(d)
                t = cp.Variable(nonneg=True)
                u = cp.abs(y - x @ w) + eps * t
                prob = cp.Problem(cp.Minimize(cp.sum_squares(u) / n), [cp.norm(w, q) <= t])
                prob.solve(solver=cp.CLARABEL, tol_gap_abs=1e-12, tol_gap_rel=1e-12, tol_feas=1e-12, max_iter=500)
                rows.append([k, name, f, repr(float(eps)), repr(float(objective(x, y, w.value, eps, q))),
                             repr(float(prob.value))])
    with open("reference.csv", "w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["sample", "norm", "fraction", "eps", "f_upper", "f_cvxpy"])
        out.writerows(rows)


if __name__ == "__main__":
    main()
