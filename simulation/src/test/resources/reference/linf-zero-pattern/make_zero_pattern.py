"""Reference optima and zero patterns of the l-inf attack (dual norm ||w||_1) for
PiecewiseQuadraticFinishTest.

Independent route: cvxpy (Clarabel, an interior-point conic solver) on the definition
    F(w) = (1/n) sum_i (|y_i - x_i'w| + eps ||w||_1)^2,
then F evaluated in float64 at cvxpy's w (an upper bound on min F whatever the solver's accuracy)
and the zero pattern of cvxpy's w: the coordinates with |w_j| <= 1e-7 max|w|. The script checks
that the pattern is clear-cut (every other coordinate above 1e-4 max|w|), else it stops.
Data (numpy, fixed seeds): features with a covariance of condition number kappa (Gaussian or
Student t(3)), y = x'beta + 0.5 noise with half of beta's entries zero, so the optimum has zeros.
eps = fraction * eps0, eps0 = ||X'y||_inf / ||y||_1 the zero threshold (docs/math.md §6.2).

Writes sample_<k>.csv (columns x_1..x_d, y) and reference.csv
(sample, fraction, eps, f_upper, zeros, w_1..w_d; zeros = the zero coordinates, 1-based, joined by ';').

Run: python make_zero_pattern.py   (numpy, cvxpy >= 1.5 with Clarabel)
"""
import csv

import cvxpy as cp
import numpy as np

SAMPLES = [  # (n, d, kappa, heavy tails, seed)
    (400, 20, 1.0, False, 21),
    (500, 24, 1e2, True, 22),
]
FRACTIONS = [0.05, 0.3, 0.6]


def draw(n, d, kappa, heavy, seed):
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    scale = np.sqrt(kappa ** (-np.arange(d) / max(d - 1, 1)))
    z = rng.standard_t(3, (n, d)) if heavy else rng.standard_normal((n, d))
    x = (z * scale) @ q.T
    beta = rng.standard_normal(d)
    beta[d // 2:] = 0
    beta /= np.linalg.norm(beta)
    noise = rng.standard_t(3, n) if heavy else rng.standard_normal(n)
    return x, x @ beta + 0.5 * noise


def main():
    rows = []
    for k, (n, d, kappa, heavy, seed) in enumerate(SAMPLES):
        x, y = draw(n, d, kappa, heavy, seed)
        with open(f"sample_{k}.csv", "w", newline="") as fh:
            out = csv.writer(fh)
            out.writerow([f"x_{j + 1}" for j in range(d)] + ["y"])
            for i in range(n):
                out.writerow([repr(float(v)) for v in x[i]] + [repr(float(y[i]))])
        eps0 = np.linalg.norm(x.T @ y, np.inf) / np.abs(y).sum()
        for f in FRACTIONS:
            eps = f * eps0
            w = cp.Variable(d)
            t = cp.Variable(nonneg=True)
            u = cp.abs(y - x @ w) + eps * t
            prob = cp.Problem(cp.Minimize(cp.sum_squares(u) / n), [cp.norm(w, 1) <= t])
            prob.solve(solver=cp.CLARABEL, tol_gap_abs=1e-13, tol_gap_rel=1e-13, tol_feas=1e-13, max_iter=500)
            wv = np.asarray(w.value)
            m = np.abs(wv).max()
            zero = np.abs(wv) <= 1e-7 * m
            if np.any((np.abs(wv) > 1e-7 * m) & (np.abs(wv) < 1e-4 * m)):
                raise SystemExit(f"sample {k} fraction {f}: zero pattern not clear-cut: {np.sort(np.abs(wv) / m)}")
            if not zero.any() or zero.all():
                raise SystemExit(f"sample {k} fraction {f}: no zeros or all zeros")
            fu = np.mean((np.abs(y - x @ wv) + eps * np.abs(wv).sum()) ** 2)
            rows.append([k, f, repr(float(eps)), repr(float(fu)), ";".join(str(j + 1) for j in np.flatnonzero(zero))]
                        + [repr(float(v)) for v in wv])
    with open("reference.csv", "w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["sample", "fraction", "eps", "f_upper", "zeros"] + [f"w_{j + 1}" for j in range(max(s[1] for s in SAMPLES))])
        out.writerows(rows)


if __name__ == "__main__":
    main()
