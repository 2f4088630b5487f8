#!/usr/bin/env python3
"""Anchor for the population adversarial-training solve: scipy on the same problem as
tradeoffs.benchmarks.theory.PopulationSolveRun.

Minimises R_eps(w) = s^2 + 2 c eps ||w||_q s + eps^2 ||w||_q^2, s^2 = v - 2 b'w + w' Sigma w,
c = sqrt(2/pi), q the dual of the attack norm, with an analytic gradient, by the best scipy route
we found for each norm (all L-BFGS-B, tolerances tight enough that the answer agrees with the
project's certified one; see --check):
  l2   : L-BFGS-B on R_eps itself (smooth away from w = 0);
  linf : the l1 penalty split w = w+ - w-, w+/- >= 0, so ||w||_1 = sum(w+ + w-): smooth, bounds;
  l1   : the l-inf penalty through w = t u, t >= 0, u in [-1, 1]^d, n = t (R is increasing in n,
         so the minimum over t >= ||w||_inf is at t = ||w||_inf): smooth, bounds, started from
         t = 1e-3, u = sign(b) (t = 0 is a stationary point of this parametrisation).
The problem is read from the file PopulationSolveRun --instance writes (dim, rho, seed, noise, v,
eps, then b), and Sigma_ij = rho^|i-j| is rebuilt with the powers by repeated multiplication, so
both sides solve bit-identical problems.

Run with one BLAS thread, as the comparison does:
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python3 benchmarks/anchors/population_solve.py \
      --instance FILE --norm linf [--repeats 5] [--weights OUT] [--check JAVA_WEIGHTS]
Prints one JSON line: median seconds of the minimize call over the repeats (the first call is a
warm-up and not counted; solve_seconds wall, solve_cpu_seconds process CPU time, which on one BLAS
thread is the solving thread's), R_eps at the answer, iterations; with --check, the largest |w - w_java|
and the relative difference of R_eps.
"""
import argparse
import json
import time

import numpy as np
from scipy.optimize import minimize

C = np.sqrt(2.0 / np.pi)


def read_instance(path):
    with open(path) as f:
        head = f.readline().split()
        dim, rho, seed, noise, v, eps = int(head[0]), float(head[1]), int(head[2]), float(head[3]), float(head[4]), float(head[5])
        b = np.array([float(line) for line in f if line.strip()])
    assert b.shape == (dim,)
    return dict(dim=dim, rho=rho, seed=seed, noise=noise, v=v, eps=eps, b=b, sigma=ar1_sigma(dim, rho))


def ar1_sigma(dim, rho):
    """Sigma_ij = rho^|i-j|, the powers by repeated multiplication (the same doubles as Java's)."""
    powers = np.empty(dim)
    powers[0] = 1.0
    for k in range(1, dim):
        powers[k] = powers[k - 1] * rho
    idx = np.arange(dim)
    return powers[np.abs(idx[:, None] - idx[None, :])]


def risk(sigma, b, v, eps, w, q):
    s2 = max(v - 2 * b @ w + w @ (sigma @ w), 0.0)
    s = np.sqrt(s2)
    n = np.linalg.norm(w, q)
    return s2 + 2 * C * eps * n * s + eps * eps * n * n


def solve(inst, norm):
    sigma, b, v, eps, d = inst["sigma"], inst["b"], inst["v"], inst["eps"], inst["dim"]
    opts = dict(maxiter=100000, maxfun=200000, ftol=1e-15, gtol=1e-12, maxcor=20)

    def parts(w, n):
        sw = sigma @ w
        s2 = max(v - 2 * b @ w + w @ sw, 1e-300)
        s = np.sqrt(s2)
        f = s2 + 2 * C * eps * n * s + eps * eps * n * n
        alpha = 2 * (s + C * eps * n) / s
        kappa = 2 * eps * (C * s + eps * n)
        return f, alpha * (sw - b), kappa

    if norm == "l2":
        def fg(w):
            n = np.linalg.norm(w)
            f, gw, kappa = parts(w, n)
            return f, gw + (kappa * w / n if n > 0 else 0.0)
        r = minimize(fg, np.zeros(d), jac=True, method="L-BFGS-B", options=opts)
        w = r.x
    elif norm == "linf":
        def fg(z):
            wp, wm = z[:d], z[d:]
            f, gw, kappa = parts(wp - wm, z.sum())
            return f, np.concatenate([gw + kappa, -gw + kappa])
        r = minimize(fg, np.zeros(2 * d), jac=True, method="L-BFGS-B", bounds=[(0, None)] * (2 * d), options=opts)
        w = r.x[:d] - r.x[d:]
    elif norm == "l1":
        def fg(z):
            t, u = z[0], z[1:]
            f, gw, kappa = parts(t * u, t)
            return f, np.concatenate([[gw @ u + kappa], t * gw])
        z0 = np.concatenate([[1e-3], np.sign(b)])
        r = minimize(fg, z0, jac=True, method="L-BFGS-B", bounds=[(0, None)] + [(-1, 1)] * d, options=opts)
        w = r.x[0] * r.x[1:]
    else:
        raise SystemExit("norm must be l1, l2 or linf")
    return w, r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--instance", required=True)
    ap.add_argument("--norm", required=True)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--weights")
    ap.add_argument("--check")
    a = ap.parse_args()
    inst = read_instance(a.instance)
    q = {"l2": 2, "linf": 1, "l1": np.inf}[a.norm]
    solve(inst, a.norm)  # warm-up
    times = []
    cpu_times = []
    for _ in range(a.repeats):
        t = time.perf_counter()
        c = time.process_time()
        w, r = solve(inst, a.norm)
        cpu_times.append(time.process_time() - c)
        times.append(time.perf_counter() - t)
    out = dict(side="scipy", dim=inst["dim"], rho=inst["rho"], norm=a.norm, eps=inst["eps"],
               solve_seconds=float(np.median(times)),
               solve_cpu_seconds=float(np.median(cpu_times)),
               risk=float(risk(inst["sigma"], inst["b"], inst["v"], inst["eps"], w, q)),
               iterations=int(r.nit), evaluations=int(r.nfev), message=str(r.message))
    if a.weights:
        np.savetxt(a.weights, w, fmt="%.17g")
    if a.check:
        wj = np.loadtxt(a.check)
        rj = risk(inst["sigma"], inst["b"], inst["v"], inst["eps"], wj, q)
        out["max_abs_weight_difference"] = float(np.max(np.abs(w - wj)))
        out["risk_java_recomputed"] = float(rj)
        out["risk_relative_difference"] = float((out["risk"] - rj) / rj)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
