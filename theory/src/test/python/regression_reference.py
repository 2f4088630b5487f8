"""Reference values for the population regression theory (tradeoffs.theory.regression), computed
outside the project with mpmath at 50 significant digits.

What it computes (docs/math.md §2.2, §3, §4, §5.2; Moayeri, Banihashem & Feizi 2022 for the model):

* Models are built from their generative construction, not from the project's (Sigma, b, v)
  formulas: (x, y) = L g with g ~ N(0, I), each row of L the coefficients of one variable on the
  independent normals. The core/spurious model (d_c = d_s = 1, beta = 1) is x_c = sigma_c z,
  x_s = sigma_s (eta z + sqrt(1 - eta^2) xi), y = z + sigma_n nu, g = (z, xi, nu); a model given by
  its moments (Sigma, b, v) uses the Cholesky factor of the joint covariance. The residual
  r = y - w'x has coefficients row_y - sum_i w_i row_i, so s(w)^2 = Var(r) is their squared norm.
* R_eps(w) = E(|r| + eps ||w||_q)^2 by quadrature over r ~ N(0, s^2) (mpmath quad), for the risk
  fixtures; the minimisation uses the equivalent s^2 + 2 c eps ||w||_q s + eps^2 ||w||_q^2, with
  c = E|Z| checked against quadrature below.
* The adversarially trained weights argmin_w R_eps(w) by an independent minimisation: R_eps is
  smooth on each piece of its domain where the signs (q = 1) or the set of largest coordinates
  (q = inf) are fixed, so every piece's stationary point is found by Newton's method (mpmath
  findroot, started from a scipy Nelder-Mead solution in double precision), points outside their
  piece are discarded, w = 0 and (noiseless models) the least-squares point are added, and the
  lowest R_eps wins. The winner is then certified: the one-sided directional derivative of R_eps
  (a difference quotient with step 1e-30 in 60-digit arithmetic) is >= 0 in every direction of a
  dense set containing all the kink directions (axes and diagonals), which for a convex function is
  optimality; and it agrees with the Nelder-Mead solution to 1e-5.
* The l-inf scale-condition boundary: the sigma_s at which w_s = 0 stops being optimal, by bisection
  on the sign of the one-sided derivatives of R_eps in the +-w_s directions at the best point with
  w_s = 0 (found by 1-D minimisation).

Outputs (theory/src/test/resources/reference/): two_feature_weights.csv, two_feature_l2_penalty.csv,
two_feature_ridge_weights.csv, linf_noiseless.csv, linf_scale_boundary.csv, two_feature_risk.csv,
gaussian_risk.csv, gaussian_weights.csv. Regenerate: python3 theory/src/test/python/regression_reference.py
(about 3 minutes of CPU; see reference_common.py).
"""

import itertools
import math

import mpmath as mp
import numpy as np
from scipy.optimize import minimize

from reference_common import write_csv

mp.mp.dps = 60
SCRIPT = "regression_reference.py"
C = mp.sqrt(2 / mp.pi)
INF = mp.inf

# c = E|Z| for Z ~ N(0, 1), by quadrature: the constant of the closed form
_c_quad = mp.quad(lambda z: abs(z) * mp.npdf(z), [-mp.inf, 0, mp.inf])
assert abs(_c_quad - C) < mp.mpf(10) ** -50, _c_quad


class Model:
    """(x, y) = L g, g ~ N(0, I): rows[i] are the coefficients of x_i, row_y those of y."""

    def __init__(self, rows, row_y):
        self.rows = [[mp.mpf(a) for a in r] for r in rows]
        self.row_y = [mp.mpf(a) for a in row_y]
        self.d = len(rows)

    @staticmethod
    def core_spurious(sc, ss, eta, noise):
        sc, ss, eta, noise = (mp.mpf(x) for x in (sc, ss, eta, noise))
        return Model([[sc, 0, 0], [ss * eta, ss * mp.sqrt(1 - eta ** 2), 0]], [1, 0, noise])

    @staticmethod
    def from_moments(sigma, b, v):
        d = len(b)
        j = mp.matrix(d + 1, d + 1)
        for i in range(d):
            for k in range(d):
                j[i, k] = sigma[i][k]
            j[i, d] = b[i]
            j[d, i] = b[i]
        j[d, d] = v
        lo = mp.cholesky(j)
        rows = [[lo[i, k] for k in range(d + 1)] for i in range(d + 1)]
        return Model(rows[:d], rows[d])

    def residual(self, w):
        return [self.row_y[k] - sum(w[i] * self.rows[i][k] for i in range(self.d)) for k in range(len(self.row_y))]

    def s2(self, w):
        return sum(u * u for u in self.residual(w))

    def grad_s2(self, w):
        u = self.residual(w)
        return [-2 * sum(u[k] * self.rows[i][k] for k in range(len(u))) for i in range(self.d)]

    def sigma(self):
        return [[sum(a * b for a, b in zip(self.rows[i], self.rows[k])) for k in range(self.d)] for i in range(self.d)]

    def b(self):
        return [sum(a * b for a, b in zip(self.rows[i], self.row_y)) for i in range(self.d)]

    def v(self):
        return sum(a * a for a in self.row_y)

    def least_squares(self):
        return list(mp.lu_solve(mp.matrix(self.sigma()), mp.matrix(self.b())))


def qnorm(w, q):
    if q == INF:
        return max(abs(x) for x in w)
    if q == 1:
        return sum(abs(x) for x in w)
    return sum(abs(x) ** q for x in w) ** (1 / mp.mpf(q))


def dual(p):
    if p == INF:
        return mp.mpf(1)
    if p == 1:
        return INF
    return p / (p - 1)


def risk(m, w, q, eps):
    """R_eps(w) = s^2 + 2 c eps n s + eps^2 n^2, s^2 = Var(y - w'x), n = ||w||_q."""
    s2 = m.s2(w)
    s = mp.sqrt(s2)
    n = qnorm(w, q)
    return s2 + 2 * C * eps * n * s + eps ** 2 * n ** 2


def risk_by_quadrature(m, w, q, eps):
    """E(|r| + eps n)^2 with r ~ N(0, s^2), by quadrature (an independent route to the closed form)."""
    s = mp.sqrt(m.s2(w))
    n = qnorm(w, q)
    return mp.quad(lambda z: (abs(s * z) + eps * n) ** 2 * mp.npdf(z), [-mp.inf, 0, mp.inf])


def float_start(m, q, eps, w0s):
    """Nelder-Mead in double precision from several starts; a starting point, not a reference."""
    qf = float(q) if q != INF else math.inf

    def f(w):
        return float(risk(m, [mp.mpf(float(x)) for x in w], q if q != INF else INF, eps))

    # a float-only objective for speed
    rows = np.array([[float(a) for a in r] for r in m.rows])
    ry = np.array([float(a) for a in m.row_y])
    cf = float(C)
    ef = float(eps)

    def ff(w):
        u = ry - w @ rows
        s2 = float(u @ u)
        s = math.sqrt(s2)
        n = np.linalg.norm(w, ord=qf)
        return s2 + 2 * cf * ef * n * s + ef * ef * n * n

    best = None
    for w0 in w0s:
        res = minimize(ff, np.array(w0, dtype=float), method="Nelder-Mead",
                       options={"xatol": 1e-13, "fatol": 1e-16, "maxiter": 40000, "maxfev": 80000})
        if best is None or res.fun < best.fun:
            best = res
    return [mp.mpf(float(x)) for x in best.x], f


def pieces(d, q):
    """Smooth pieces (P, ell, valid, name): w = P t; on the piece ||w||_q = ell . t (polyhedral q), or
    ell = None for a smooth norm (q = 2 or 1 < q < inf, piece = w != 0)."""
    out = []
    if q == 1:
        for signs in itertools.product([-1, 0, 1], repeat=d):
            free = [i for i in range(d) if signs[i] != 0]
            if not free:
                continue
            cols = [[1 if r == i else 0 for r in range(d)] for i in free]
            ell = [signs[i] for i in free]

            def valid(w, signs=signs):
                return all((w[i] > 0) if signs[i] > 0 else (w[i] < 0) if signs[i] < 0 else w[i] == 0 for i in range(d))

            zero = [i for i in range(d) if signs[i] == 0]
            out.append((cols, ell, valid, "interior" if not zero else "zero:" + ";".join(map(str, zero))))
    elif q == INF:
        for size in range(1, d + 1):
            for tied in itertools.combinations(range(d), size):
                for signs in itertools.product([-1, 1], repeat=size):
                    other = [i for i in range(d) if i not in tied]
                    first = [0] * d
                    for i, s in zip(tied, signs):
                        first[i] = s
                    cols = [first] + [[1 if r == i else 0 for r in range(d)] for i in other]
                    ell = [1] + [0] * len(other)

                    def valid(w, tied=tied, signs=signs, other=other):
                        m = abs(w[tied[0]])
                        return m > 0 and all(w[i] * s > 0 for i, s in zip(tied, signs)) and all(abs(w[i]) < m for i in other)

                    out.append((cols, ell, valid, "interior" if size == 1 else "tied:" + ";".join(map(str, tied))))
    else:
        cols = [[1 if r == i else 0 for r in range(d)] for i in range(d)]
        out.append((cols, None, lambda w: any(x != 0 for x in w), "interior"))
    return out


def to_w(cols, t, d):
    return [sum(t[j] * cols[j][i] for j in range(len(cols))) for i in range(d)]


def piece_gradient(m, q, eps, cols, ell, t):
    d = m.d
    w = to_w(cols, t, d)
    s2 = m.s2(w)
    s = mp.sqrt(s2)
    g2 = m.grad_s2(w)
    if ell is not None:
        n = sum(a * b for a, b in zip(ell, t))
        k = 1 + C * eps * n / s
        pen = 2 * C * eps * s + 2 * eps ** 2 * n
        return [k * sum(cols[j][i] * g2[i] for i in range(d)) + pen * ell[j] for j in range(len(cols))]
    n = qnorm(w, q)
    gn = [mp.sign(x) * (abs(x) / n) ** (q - 1) for x in w]
    k = 1 + C * eps * n / s
    pen = 2 * C * eps * s + 2 * eps ** 2 * n
    return [k * g2[i] + pen * gn[i] for i in range(d)]


def directions(d):
    if d == 2:
        dirs = [(mp.cos(2 * mp.pi * k / 3600), mp.sin(2 * mp.pi * k / 3600)) for k in range(3600)]
    else:
        rng = np.random.default_rng(3)
        dirs = [tuple(mp.mpf(float(x)) for x in v / np.linalg.norm(v)) for v in rng.normal(size=(3000, d))]
    for v in itertools.product([-1, 0, 1], repeat=d):
        if any(v):
            nv = mp.sqrt(sum(x * x for x in v))
            dirs.append(tuple(mp.mpf(x) / nv for x in v))
    return dirs


def min_directional_derivative(m, w, q, eps, dirs):
    h = mp.mpf(10) ** -30
    r0 = risk(m, w, q, eps)
    return min((risk(m, [a + h * b for a, b in zip(w, dd)], q, eps) - r0) / h for dd in dirs)


def minimise(m, p, eps, starts):
    """argmin_w R_eps(w) for the l_p attack; returns (w, support)."""
    q = dual(p)
    d = m.d
    wf, _ = float_start(m, q, eps, starts)
    cands = [([mp.mpf(0)] * d, "w=0")]
    wls = m.least_squares()
    if m.s2(wls) < mp.mpf(10) ** -50:
        cands.append((wls, "s=0"))
    for cols, ell, valid, name in pieces(d, q):
        # start: the float solution expressed in the piece's parameters
        if ell is not None and q == INF:
            tied = [i for i in range(d) if cols[0][i] != 0]
            other = [i for i in range(d) if cols[0][i] == 0]
            t0 = [max(abs(wf[i]) for i in tied) or mp.mpf("0.1")] + [wf[i] for i in other]
        else:
            t0 = []
            for c in cols:
                i = c.index(1) if 1 in c else c.index(-1)
                t0.append(wf[i] if wf[i] != 0 else mp.mpf("0.01") * (ell[len(t0)] if ell else 1))
            if ell is not None:  # q = 1: start on the piece's side of every sign
                t0 = [abs(x) * s if x * s <= 0 else x for x, s in zip(t0, ell)]
        try:
            f = lambda *t: piece_gradient(m, q, eps, cols, ell, list(t))
            t = mp.findroot(f, t0, verify=False, maxsteps=50) if len(t0) > 1 else [mp.findroot(lambda x: f(x)[0], t0[0], verify=False, maxsteps=50)]
            t = [t[i] for i in range(len(t0))]
        except (ZeroDivisionError, ValueError):
            continue
        if any(not mp.isfinite(x) for x in t):
            continue
        if max(abs(x) for x in piece_gradient(m, q, eps, cols, ell, t)) > mp.mpf(10) ** -35:
            continue
        w = to_w(cols, t, d)
        if valid(w):
            cands.append((w, name))
    best = min(cands, key=lambda c: risk(m, c[0], q, eps))
    w, support = best
    slope = min_directional_derivative(m, w, q, eps, directions(d))
    assert slope > -mp.mpf(10) ** -20, ("not optimal", p, eps, w, slope)
    assert max(abs(a - b) for a, b in zip(w, wf)) < 1e-5, ("Nelder-Mead disagrees", p, eps, w, wf)
    return w, support


def name(p):
    return {1: "l1", 2: "l2", INF: "linf"}.get(p, mp.nstr(p, 6))


TWO_FEATURE_MODELS = [
    # sigma_core, sigma_spurious, eta, noise
    (1, 1, 0.6, 0.5),
    (1, 2, 0.6, 0.5),
    (1, 0.5, 0.6, 0.5),
    (1, 2.5, -0.4, 0.3),
    (1, 1.5, 0.9, 0.1),
    (2, 1, 0.6, 0.5),
    (2, 3, 0.8, 1.0),
    (1, 4, 0.3, 0.5),
]
EPS = [0.05, 0.2, 0.5, 1.0, 1.5]


def two_feature_weights():
    rows = []
    penalty = []
    for (sc, ss, eta, noise) in TWO_FEATURE_MODELS:
        m = Model.core_spurious(sc, ss, eta, noise)
        starts = [[0, 0], [1.0 / sc, 0], [0.3, 0.3], [0.5 / sc, -0.2]]
        for p in [INF, 2, 1]:
            for eps in EPS:
                e = mp.mpf(eps)
                w, support = minimise(m, p, e, starts)
                rows.append([name(p), sc, ss, eta, noise, eps, w[0], w[1], risk(m, w, dual(p), e), m.s2(w), support])
                if p == 2 and any(w):
                    # ridge form: (Sigma + lambda I) w = b, lambda read off each coordinate
                    sig, b = m.sigma(), m.b()
                    lam = [(b[i] - sum(sig[i][k] * w[k] for k in range(2))) / w[i] for i in range(2)]
                    assert abs(lam[0] - lam[1]) < mp.mpf(10) ** -30 * (1 + abs(lam[0])), lam
                    penalty.append([sc, ss, eta, noise, eps, lam[0]])
    # general p (smooth norms) on three models
    for (sc, ss, eta, noise) in TWO_FEATURE_MODELS[:3]:
        m = Model.core_spurious(sc, ss, eta, noise)
        for p in [mp.mpf(3), mp.mpf(1.5)]:
            for eps in [0.1, 0.5, 1.0]:
                e = mp.mpf(eps)
                w, support = minimise(m, p, e, [[0, 0], [1.0, 0], [0.3, 0.3]])
                rows.append([name(p), sc, ss, eta, noise, eps, w[0], w[1], risk(m, w, dual(p), e), m.s2(w), support])
    write_csv("two_feature_weights.csv", SCRIPT, """
Population adversarially trained weights w = argmin R_eps(w) of the two-feature core/spurious model
(d_c = d_s = 1, beta = 1) under an l_p attack (attack = l1, l2, linf or the value of p), by an
independent high-precision minimisation of R_eps = s^2 + 2 c eps ||w||_q s + eps^2 ||w||_q^2
(see the script header). support names the smooth piece of the minimiser: interior (no tie, no zero),
zero:i (w_i = 0), tied:0;1 (|w_core| = |w_spurious|), w=0, s=0 (the least-squares point, noiseless).
adversarial_risk = R_eps(w), standard_risk = s(w)^2.
""", ["attack", "sigma_core", "sigma_spurious", "eta", "noise", "eps", "w_core", "w_spurious",
      "adversarial_risk", "standard_risk", "support"], rows)
    write_csv("two_feature_l2_penalty.csv", SCRIPT, """
The l2 adversarially trained weights of two_feature_weights.csv as ridge regression: the penalty
lambda with (Sigma + lambda I) w = b, read off the minimiser coordinate by coordinate (the two
coordinates agree to 1e-30).
""", ["sigma_core", "sigma_spurious", "eta", "noise", "eps", "lambda"], penalty)


def ridge_weights():
    rows = []
    for (sc, ss, eta, noise) in TWO_FEATURE_MODELS:
        m = Model.core_spurious(sc, ss, eta, noise)
        sig, b = m.sigma(), m.b()
        for lam in [0, 0.01, 0.3, 1, 10]:
            a = mp.matrix(sig) + mp.mpf(lam) * mp.eye(2)
            w = mp.lu_solve(a, mp.matrix(b))
            rows.append([sc, ss, eta, lam, w[0], w[1]])
    write_csv("two_feature_ridge_weights.csv", SCRIPT, """
Ridge weights w = (Sigma + lambda I)^-1 b of the two-feature core/spurious model, by a 60-digit
linear solve with Sigma and b computed from the generative construction (they do not depend on the
label noise).
""", ["sigma_core", "sigma_spurious", "eta", "lambda", "w_core", "w_spurious"], rows)


def linf_noiseless():
    rows = []
    for sc in [1, 2]:
        for (ss, eta) in [(1, 0.6), (0.5 * sc, -0.9)]:
            m = Model.core_spurious(sc, ss, eta, 0)
            for k in ["0.2", "0.5", "0.75", "0.79", "0.81", "0.9", "1", "1.1", "1.2", "1.24", "1.27", "1.5", "2"]:
                eps = mp.mpf(k) * sc
                w, support = minimise(m, INF, eps, [[0, 0], [1.0 / sc, 0], [0.5 / sc, 0.1]])
                rows.append([sc, ss, eta, k, eps, w[0], w[1], support])
    write_csv("linf_noiseless.csv", SCRIPT, """
l-inf adversarially trained weights of the noiseless two-feature model (noise = 0) under the scale
condition sigma_spurious |eta| <= sigma_core, at k = eps / sigma_core, by the independent
minimisation of the script header (c = sqrt(2/pi) = 0.7979, 1/c = 1.2533: the grid brackets both).
""", ["sigma_core", "sigma_spurious", "eta", "k", "eps", "w_core", "w_spurious", "support"], rows)


def face_optimum(m, eps):
    """The best point with w_s = 0 for the l-inf attack (q = 1): 1-D minimisation over w_c >= 0 and w = 0."""
    q = mp.mpf(1)
    cands = [[mp.mpf(0), mp.mpf(0)]]
    try:
        a = mp.findroot(lambda x: piece_gradient(m, q, eps, [[1, 0]], [1], [x])[0], mp.mpf(1) / m.rows[0][0] * mp.mpf("0.5"),
                        verify=False)
        if a > 0 and abs(piece_gradient(m, q, eps, [[1, 0]], [1], [a])[0]) < mp.mpf(10) ** -35:
            cands.append([a, mp.mpf(0)])
    except (ZeroDivisionError, ValueError):
        pass
    return min(cands, key=lambda w: risk(m, w, q, eps))


def ws_zero_slack(sc, ss, eta, noise, eps):
    """min of the one-sided derivatives of R_eps along +-e_s at the best w with w_s = 0 (>= 0: w_s = 0 optimal)."""
    m = Model.core_spurious(sc, ss, eta, noise)
    w = face_optimum(m, eps)
    h = mp.mpf(10) ** -30
    r0 = risk(m, w, mp.mpf(1), eps)
    return min((risk(m, [w[0], s * h], mp.mpf(1), eps) - r0) / h for s in (1, -1)), w


def linf_scale_boundary():
    rows = []
    for (sc, eta, noise) in [(1, 0.6, 0.5), (1, -0.4, 0.1), (2, 0.8, 1.0), (1, 0.3, 0.5)]:
        for eps in ["0.05", "0.3", "0.8", "1.5"]:
            e = mp.mpf(eps)
            sc_, eta_, noise_ = mp.mpf(sc), mp.mpf(eta), mp.mpf(noise)
            lo, hi = mp.mpf("0.01"), mp.mpf(100)
            assert ws_zero_slack(sc_, lo, eta_, noise_, e)[0] >= 0 and ws_zero_slack(sc_, hi, eta_, noise_, e)[0] < 0
            for _ in range(120):
                mid = (lo + hi) / 2
                if ws_zero_slack(sc_, mid, eta_, noise_, e)[0] >= 0:
                    lo = mid
                else:
                    hi = mid
            w = ws_zero_slack(sc_, lo, eta_, noise_, e)[1]
            rows.append([sc, eta, noise, eps, lo, "core" if w[0] != 0 else "zero"])
    write_csv("linf_scale_boundary.csv", SCRIPT, """
The l-inf scale-condition boundary: the spurious scale sigma_spurious at which w_s = 0 stops being
optimal for the l-inf attack of radius eps, by bisection (120 halvings of [0.01, 100]) on the sign of
the one-sided derivatives of R_eps along +-w_s at the best point with w_s = 0 (optimal below the
boundary, not above). face = core when that point has w_core > 0, zero when it is w = 0.
""", ["sigma_core", "eta", "noise", "eps", "sigma_spurious_boundary", "face"], rows)


DIRECTIONS_8 = [(mp.mpf(a), mp.mpf(b)) for a, b in [(1, 0), (-1, 0), (0, 1), (0, -1)]] + \
    [(a / mp.sqrt(2), b / mp.sqrt(2)) for a, b in [(1, 1), (1, -1), (-1, 1), (-1, -1)]]


def ray_optimum(m, q, eps, direction):
    """min over t > 0 of R_eps(t * direction) (direction fixed signs, so ||w||_q is linear in t), by a
    bracketing root finder on the derivative; None when the derivative is >= 0 at t = 0+ (the ray's
    best point is w = 0)."""
    ell = [qnorm(direction, q)]
    cols = [list(direction)]

    def g(t):
        return piece_gradient(m, q, eps, cols, ell, [t])[0]

    lo = mp.mpf(10) ** -30
    if g(lo) >= 0:
        return None
    hi = mp.mpf(1)
    while g(hi) < 0:
        hi *= 2
    t = mp.findroot(g, (lo, hi), solver="illinois", verify=False)
    return [t * x for x in direction]


def optimal_here(m, q, eps, w):
    """For s(w) > 0 the one-sided derivative of R_eps at w is piecewise linear in the direction, with
    kinks only on the axes and diagonals in two dimensions (q = 1 or inf), so it is >= 0 everywhere
    iff it is >= 0 in those eight directions: then w is the minimiser (convexity)."""
    return w is not None and min_directional_derivative(m, w, q, eps, DIRECTIONS_8) >= -mp.mpf(10) ** -25


def bisect(pred, lo, hi, halvings=100):
    """The threshold of a predicate false at lo and true at hi (checked)."""
    assert not pred(lo) and pred(hi), (lo, hi)
    for _ in range(halvings):
        mid = (lo + hi) / 2
        if pred(mid):
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2


def support_thresholds(attack, q, name, ray, model):
    """[attack, model..., name, eps] and [..., all_zero, eps]: the smallest eps whose minimiser lies on
    the ray (0, sign eta) or (1, sign eta) (or is 0), and the smallest with w = 0."""
    sc, ss, eta, noise = model
    m = Model.core_spurious(sc, ss, eta, noise)
    direction = (mp.mpf(ray), mp.mpf(1 if eta > 0 else -1))
    zero = lambda e: optimal_here(m, q, e, [mp.mpf(0), mp.mpf(0)])
    on_ray = lambda e: zero(e) or optimal_here(m, q, e, ray_optimum(m, q, e, direction))
    e2 = bisect(zero, mp.mpf("0.01"), mp.mpf(10))
    e1 = bisect(on_ray, mp.mpf("0.01"), e2)
    # the supports hold on intervals: on a 40-point grid the predicates switch once, where bisected
    for k in range(1, 41):
        e = e2 * mp.mpf("1.2") * k / 40
        assert on_ray(e) == (e >= e1) and zero(e) == (e >= e2), ("support not an interval", attack, model, e)
    return [[attack, sc, ss, eta, noise, name, e1], [attack, sc, ss, eta, noise, "all_zero", e2]]


def phase_thresholds():
    rows = []
    for model in [(1, 2, 0.6, 0.5), (1, 4, 0.3, 0.5), (2, 3, 0.8, 1.0), (1, 1.5, 0.9, 0.1)]:
        rows += support_thresholds("linf", mp.mpf(1), "core_zero", 0, model)
    for model in [(1, 1, 0.6, 0.5), (1, 2, 0.6, 0.5), (1, 0.5, 0.6, 0.5), (2, 1, -0.6, 0.5)]:
        rows += support_thresholds("l1", INF, "lock", 1, model)
    write_csv("two_feature_thresholds.csv", SCRIPT, """
Radii where the two-feature adversarially trained weights change support, by bisection (100 halvings)
on optimality certified by the one-sided derivatives of R_eps in the eight axis and diagonal
directions: for the l-inf attack above the scale condition, core_zero = the smallest eps with
w_core = 0 (the spurious feature alone) and all_zero = the smallest eps with w = 0; for the l1
attack, lock = the smallest eps with |w_core| = |w_spurious| (or w = 0) and all_zero. On a 40-point
grid up to 1.2 all_zero each support holds exactly from its threshold on.
""", ["attack", "sigma_core", "sigma_spurious", "eta", "noise", "threshold", "eps"], rows)


def two_feature_risk():
    rows = []
    rng = np.random.default_rng(17)
    for (sc, ss, eta, noise) in TWO_FEATURE_MODELS:
        for _ in range(3):
            w = [mp.mpf(round(float(x), 3)) for x in rng.normal(0.3, 0.5, size=2)]
            eta_test = mp.mpf(round(float(rng.uniform(-0.9, 0.9)), 2))
            m = Model.core_spurious(sc, ss, eta, noise)
            shifted = Model.core_spurious(sc, ss, eta_test, noise)
            for p in [INF, 2, 1, mp.mpf(3)]:
                for eps in [0, 0.1, 0.7]:
                    e = mp.mpf(eps)
                    rows.append([sc, ss, eta, noise, w[0], w[1], name(p), eps, risk_by_quadrature(m, w, dual(p), e),
                                 m.s2(w), eta_test, shifted.s2(w)])
    write_csv("two_feature_risk.csv", SCRIPT, """
Risks of given weights in the two-feature core/spurious model: adversarial_risk = E(|y - w'x| +
eps ||w||_q)^2 by quadrature over the Gaussian residual, standard_risk = Var(y - w'x) and
shifted_risk = Var(y - w'x) in the test domain whose spurious correlation is eta_test, both from the
coefficients of the generative construction.
""", ["sigma_core", "sigma_spurious", "eta", "noise", "w_core", "w_spurious", "attack", "eps",
      "adversarial_risk", "standard_risk", "eta_test", "shifted_risk"], rows)


def random_moments(rng, d):
    a = rng.normal(size=(d, d))
    sigma = a @ a.T / d + 0.5 * np.eye(d)
    sigma = np.round(sigma, 4)
    w0 = np.round(rng.normal(size=d) * (rng.uniform(size=d) < 0.7), 3)
    b = np.round(sigma @ w0, 4)
    sig_mp = [[mp.mpf(str(x)) for x in r] for r in sigma]
    b_mp = [mp.mpf(str(x)) for x in b]
    explained = mp.fdot(b_mp, mp.lu_solve(mp.matrix(sig_mp), mp.matrix(b_mp)))
    v = mp.mpf(str(round(float(explained) + 0.2 + float(rng.uniform()), 3)))
    return sig_mp, b_mp, v


def joined(xs):
    from reference_common import fmt
    return ";".join(fmt(x) for x in xs)


def gaussian_models():
    rng = np.random.default_rng(2024)
    risks = []
    weights = []
    for idx in range(4):
        d = 3
        sigma, b, v = random_moments(rng, d)
        m = Model.from_moments(sigma, b, v)
        flat = [x for r in sigma for x in r]
        w = [mp.mpf(round(float(x), 3)) for x in rng.normal(0.2, 0.6, size=d)]
        for p in [INF, 2, 1, mp.mpf(3)]:
            for eps in [0.15, 0.6]:
                e = mp.mpf(eps)
                risks.append([idx, joined(flat), joined(b), v, joined(w), name(p), eps,
                              risk_by_quadrature(m, w, dual(p), e), m.s2(w)])
        wls = [float(x) for x in m.least_squares()]
        for p in [INF, 2, 1]:
            for eps in [0.1, 0.4]:
                e = mp.mpf(eps)
                wopt, support = minimise(m, p, e, [[0.0] * d, wls, [0.5 * x for x in wls]])
                weights.append([idx, joined(flat), joined(b), v, name(p), eps, joined(wopt), risk(m, wopt, dual(p), e), support])
    write_csv("gaussian_risk.csv", SCRIPT, """
Risks of given weights w in Gaussian models given by their moments (Sigma row-major, b, v; d = 3,
random, entries rounded so the fixture is exact): adversarial_risk = E(|y - w'x| + eps ||w||_q)^2 by
quadrature, standard_risk = Var(y - w'x), with the residual's coefficients from the Cholesky factor
of the joint covariance. Lists are ';'-separated.
""", ["model", "sigma", "b", "v", "w", "attack", "eps", "adversarial_risk", "standard_risk"], risks)
    write_csv("gaussian_weights.csv", SCRIPT, """
Adversarially trained weights argmin R_eps(w) in the Gaussian models of gaussian_risk.csv (d = 3),
by the independent piecewise minimisation of the script header (27 sign pieces for the l-inf attack,
26 tie pieces for the l1 attack); support as in two_feature_weights.csv (indices 0-based).
""", ["model", "sigma", "b", "v", "attack", "eps", "w", "adversarial_risk", "support"], weights)


if __name__ == "__main__":
    two_feature_weights()
    ridge_weights()
    linf_noiseless()
    linf_scale_boundary()
    phase_thresholds()
    two_feature_risk()
    gaussian_models()
