#!/usr/bin/env python3
"""numpy + np.savetxt anchor for `tradeoffs theory --norm l2` (the default core/spurious model).

Writes the same columns as the project's CSV table for the l2 attack:
norm, eps, w_core, w_spurious, spurious_reliance, standard_risk, adversarial_risk,
risk_with_spurious, risk_core_only, spurious_benefit, kkt_residual, suboptimality_bound,
sigma_core, sigma_spurious, eta, noise.

The population l2 adversarial risk (docs/math.md section 2.2) is
    R(w) = s^2 + 2 c eps n s + eps^2 n^2,  s^2 = v - 2 w'b + w'Sigma w,  n = ||w||_2,  c = sqrt(2/pi).
Its minimiser solves (Sigma + lam I) w = b with the self-consistent penalty
    lam = eps s (c s + eps n) / (n (s + c eps n))
(stationarity of R; docs/math.md section 4.2), or is w = 0 beyond the zero threshold. The anchor
finds lam for every eps at once by vectorised bisection (80 halvings, relative width 1e-24),
then evaluates the columns; kkt_residual is ||grad R(w)|| and suboptimality_bound is
||grad R||^2 / (4 mu_min) (R is 2 mu_min-strongly convex). The core-only minimum (claim 4) is
the same solve on the core block alone. Rows are computed and written in chunks of 10^6 eps
values with np.savetxt ('%.17g', which round-trips), so memory does not grow with the grid.

usage: theory_table.py --eps-step 1e-7 --out FILE   (eps = 0, step, ..., 1)
"""
import argparse
import math

import numpy as np

C = math.sqrt(2.0 / math.pi)


def model(sigma_c=1.0, sigma_s=1.0, eta=0.6, noise=0.5):
    """Sigma, b, v of the two-feature core/spurious model (y = x_c + noise, x_s = eta x_c + ...)."""
    sigma = np.array([[sigma_c ** 2, sigma_c * sigma_s * eta], [sigma_c * sigma_s * eta, sigma_s ** 2]])
    b = np.array([sigma_c * 1.0, sigma_s * eta * 1.0])
    return sigma, b, 1.0 + noise ** 2


def solve(sigma, b, v, eps):
    """l2 adversarial training for every eps: weights (k x d), s, n."""
    mu, vecs = np.linalg.eigh(sigma)
    bt = vecs.T @ b  # b in the eigenbasis

    def at(lam):
        wt = bt[None, :] / (mu[None, :] + lam[:, None])
        w = wt @ vecs.T
        s2 = v - 2.0 * (w @ b) + np.einsum('ij,jk,ik->i', w, sigma, w)
        s = np.sqrt(np.maximum(s2, 0.0))
        n = np.sqrt(np.einsum('ij,ij->i', w, w))
        return w, s, n

    # bracket: lam = 0 (least squares) .. a large value; F(lam) = lam - g(lam) changes sign
    lo = np.zeros_like(eps)
    hi = np.full_like(eps, 1e12)
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        w, s, n = at(mid)
        g = eps * s * (C * s + eps * n) / (n * (s + C * eps * n))
        up = mid < g
        lo = np.where(up, mid, lo)
        hi = np.where(up, hi, mid)
    w, s, n = at(0.5 * (lo + hi))
    # beyond the zero threshold the fixed point runs off to infinity: w = 0
    zero = hi >= 1e12 * 0.999
    w[zero] = 0.0
    s[zero] = math.sqrt(v)
    n[zero] = 0.0
    w[eps == 0.0] = np.linalg.solve(sigma, b)
    s2 = v - 2.0 * (w @ b) + np.einsum('ij,jk,ik->i', w, sigma, w)
    s = np.sqrt(np.maximum(s2, 0.0))
    n = np.sqrt(np.einsum('ij,ij->i', w, w))
    return w, s, n


def risk(s, n, eps):
    return s * s + 2.0 * C * eps * n * s + eps * eps * n * n


def gradient_norm(sigma, b, w, s, n, eps):
    safe_s = np.where(s > 0, s, 1.0)
    safe_n = np.where(n > 0, n, 1.0)
    ds = (w @ sigma - b[None, :]) / safe_s[:, None]
    g = 2.0 * (s + C * eps * n)[:, None] * (ds + (C * eps / safe_n)[:, None] * w) + 2.0 * ((1 - C * C) * eps * eps)[:, None] * w
    g[n == 0] = 0.0  # w = 0: 0 is in the subdifferential beyond the threshold
    return np.sqrt(np.einsum('ij,ij->i', g, g))


def chunk(eps, params):
    sigma, b, v = model(*params)
    w, s, n = solve(sigma, b, v, eps)
    core_w, core_s, core_n = solve(sigma[:1, :1], b[:1], v, eps)
    r = risk(s, n, eps)
    r_core = risk(core_s, core_n, eps)
    wc, ws = w[:, 0], w[:, 1]
    xc, xs = math.sqrt(sigma[0, 0]) * np.abs(wc), math.sqrt(sigma[1, 1]) * np.abs(ws)
    with np.errstate(invalid='ignore', divide='ignore'):
        reliance = xs / (xc + xs)
    g = gradient_norm(sigma, b, w, s, n, eps)
    mu_min = np.linalg.eigvalsh(sigma)[0]
    cols = [eps, wc, ws, reliance, s * s, r, r, r_core, r_core - r, g, g * g / (4.0 * mu_min)]
    cols += [np.full_like(eps, p) for p in params]
    return np.column_stack(cols)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--eps-step', type=float, default=1e-7)
    ap.add_argument('--eps-stop', type=float, default=1.0)
    ap.add_argument('--out', required=True)
    ap.add_argument('--chunk', type=int, default=1_000_000)
    a = ap.parse_args()
    inv = float(round(1.0 / a.eps_step))  # the step is 1/inv (e.g. 1e-7)
    count = int(round(a.eps_stop * inv)) + 1
    params = (1.0, 1.0, 0.6, 0.5)
    header = ('norm,eps,w_core,w_spurious,spurious_reliance,standard_risk,adversarial_risk,risk_with_spurious,'
              'risk_core_only,spurious_benefit,kkt_residual,suboptimality_bound,sigma_core,sigma_spurious,eta,noise')
    fmt = 'l2,' + ','.join(['%.17g'] * 15)
    with open(a.out, 'w') as fh:
        fh.write(header + '\n')
        for start in range(0, count, a.chunk):
            i = np.arange(start, min(count, start + a.chunk), dtype=np.float64)
            eps = i / inv  # the grid's i-th point rounded once, as the project computes it (i and 1/step exact)
            np.savetxt(fh, chunk(eps, params), fmt=fmt)


if __name__ == '__main__':
    main()
