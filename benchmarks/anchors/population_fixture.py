#!/usr/bin/env python3
"""Writes theory/src/test/resources/highdim/scipy_population.txt: reference solutions of the
population adversarial-training problem in the high-dimensional regime (d = 150 > 100), computed
by scipy (L-BFGS-B on the reformulations of population_solve.py, tight tolerances), for
HighDimensionalSolveTest. The instance is the benchmark's (AR(1) Sigma with rho, beta from
SplitMix64, b = Sigma beta / sqrt(beta' Sigma beta), v = 1.25); b is written out, Sigma is rebuilt
by the test from rho (powers by repeated multiplication, as here).

  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python3 benchmarks/anchors/population_fixture.py
"""
import os
import sys

import numpy as np
import scipy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from population_solve import C, ar1_sigma, risk, solve  # noqa: E402

MASK = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def instance(dim, rho, seed=1, noise=0.5):
    s = seed & MASK
    beta = np.empty(dim)
    for i in range(dim):
        s = (s + GAMMA) & MASK
        beta[i] = 2 * ((mix(s) >> 11) * 2.0 ** -53) - 1
    sigma = ar1_sigma(dim, rho)
    sb = sigma @ beta
    b = sb / np.sqrt(beta @ sb)
    return dict(dim=dim, rho=rho, sigma=sigma, b=b, v=1.0 + noise * noise)


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    out = os.path.join(root, "theory", "src", "test", "resources", "highdim", "scipy_population.txt")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    lines = ["# scipy reference solutions, made by benchmarks/anchors/population_fixture.py",
             "# scipy %s, numpy %s; L-BFGS-B, ftol 1e-15, gtol 1e-12, maxcor 20" % (scipy.__version__, np.__version__),
             "# instance DIM RHO V / b VALUES / case NORM FRACTION EPS RISK / w VALUES"]
    for rho in (0.5, 0.9):
        inst = instance(150, rho)
        lines.append("instance %d %r %r" % (inst["dim"], rho, inst["v"]))
        lines.append("b " + " ".join(repr(float(x)) for x in inst["b"]))
        for norm in ("l1", "l2", "linf"):
            p = {"l1": 1, "l2": 2, "linf": np.inf}[norm]
            q = {"l1": np.inf, "l2": 2, "linf": 1}[norm]
            for fraction in (0.1, 0.5):
                eps = fraction * np.linalg.norm(inst["b"], p) / (C * np.sqrt(inst["v"]))
                inst["eps"] = eps
                w, _ = solve(inst, norm)
                r = risk(inst["sigma"], inst["b"], inst["v"], eps, w, q)
                lines.append("case %s %r %r %r" % (norm, fraction, float(eps), float(r)))
                lines.append("w " + " ".join(repr(float(x)) for x in w))
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", out)


if __name__ == "__main__":
    main()
