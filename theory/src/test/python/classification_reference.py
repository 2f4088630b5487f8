"""Reference values for the classification theory (tradeoffs.theory.classification), computed outside
the project with mpmath (40 significant digits) and scipy.

* Linear classifiers on the multi-perturbation distribution of Tramer & Boneh (2019) in the
  project's parametrisation (docs/math.md §10.1-§10.3): y uniform in {-1, +1}; x_0 = y with probability p0,
  else -y; x_1..x_d i.i.d. N(y eta, 1) with eta = alpha / sqrt(d). For sign(w_0 x_0 + sum w_i x_i + b)
  the script builds the worst-case perturbation of the l_p ball explicitly (a vertex of the l1 and
  l-inf balls, w / ||w||_2 for l2), checks with scipy's linprog that no point of the l1 / l-inf ball
  lowers y * score more (to 1e-9), and then computes the accuracy from the definition: given y and
  x_0, y * score is normal with mean y w_0 x_0 + eta sum w_i + y b - r and variance sum w_i^2, so
  P(y * score > 0) is mpmath's ncdf; with no weak weight the score is fixed and 0 counts as an error.
  The union of balls takes, per example, the perturbation that lowers the score most; the average
  averages the per-type accuracies. The MEP fixture is (l-inf error) + (l1 error) at eps_inf, eps_1.
* The invariance / sensitivity toy of Tramer et al. (2020) in the project's parametrisation
  (docs/math.md §10.5):
  y uniform, x_s | y ~ N(y mu_s, sigma_s^2) decides the true label sign(x_s), x_r | y ~
  N(y mu_r, sigma_r^2); classifier sign(a x_s + (1 - a) x_r); l-inf perturbation of radius eps of
  (x_s, x_r). The invariance error P(f(x) = y = sign(x_s) and some perturbation flips sign(x_s) but
  not f) is a 2-D integral of the Gaussian density over the region where that happens (for y = +1:
  0 < x_s <= eps, x_r > -eps and a x_s + (1 - a) x_r > 0), done by nested mpmath quadrature for each
  label separately; robust accuracy P(f(x + delta) = y for every delta) = P(y score > eps).

Outputs (theory/src/test/resources/reference/): linear_classifier_accuracy.csv,
multi_perturbation_accuracy.csv, mep_bound.csv, invariance_toy.csv.
Regenerate: python3 theory/src/test/python/classification_reference.py (about 2.5 minutes of CPU,
mostly the nested quadrature; see reference_common.py).
"""

import mpmath as mp
import numpy as np
from scipy.optimize import linprog

from reference_common import fmt, write_csv

mp.mp.dps = 40
SCRIPT = "classification_reference.py"


def worst_case_reduction(w, p, eps):
    """r = max over ||delta||_p <= eps of -(w . delta): an explicit maximiser, checked by linprog for p = 1, inf."""
    eps = mp.mpf(eps)
    if eps == 0 or not any(w):
        return mp.mpf(0)
    if p == "linf":
        delta = [-eps * mp.sign(x) for x in w]
    elif p == "l1":
        j = max(range(len(w)), key=lambda i: abs(w[i]))
        delta = [mp.mpf(0)] * len(w)
        delta[j] = -eps * mp.sign(w[j])
    else:
        nw = mp.sqrt(sum(x * x for x in w))
        delta = [-eps * x / nw for x in w]
    r = -sum(a * b for a, b in zip(w, delta))
    if p in ("linf", "l1") and len(w) <= 50:
        d = len(w)
        wf = np.array([float(x) for x in w])
        if p == "linf":
            res = linprog(wf, bounds=[(-float(eps), float(eps))] * d)
        else:  # delta = u - v, u, v >= 0, sum(u + v) <= eps
            res = linprog(np.concatenate([wf, -wf]), A_ub=np.ones((1, 2 * d)), b_ub=[float(eps)], bounds=[(0, None)] * (2 * d))
        assert res.status == 0 and abs(-res.fun - float(r)) < 1e-9 * (1 + abs(float(r))), (p, w, res.fun, r)
    return r


def accuracy(p0, d, alpha, w0, weak, bias, reduction):
    """P(y (w0 x0 + sum w_i x_i + b) - reduction > 0) from the definition of the distribution."""
    eta = mp.mpf(alpha) / mp.sqrt(d)
    sd = mp.sqrt(sum(x * x for x in weak))
    s = sum(weak)
    total = mp.mpf(0)
    for y in (1, -1):
        for agree, prob in ((1, mp.mpf(p0)), (-1, 1 - mp.mpf(p0))):
            mean = w0 * agree + eta * s + y * bias - reduction
            if sd == 0:
                total += prob * (1 if mean > 0 else 0)
            else:
                total += prob * mp.ncdf(mean / sd)
    return total / 2


def weak_text(weak):
    if len(weak) > 8 and all(x == weak[0] for x in weak):
        return "uniform*%s" % fmt(weak[0])
    return ";".join(fmt(x) for x in weak)


CLASSIFIERS = [
    # p0, d, alpha, w0, weak, bias
    (0.95, 4, 1.0, 1.0, [0.5, 0.5, 0.5, 0.5], 0.0),
    (0.9, 3, 2.0, 0.3, [1.0, -0.2, 0.7], 0.1),
    (0.7, 5, 0.5, 2.0, [0.1, 0.0, 0.3, 0.2, 0.05], -0.4),
    (1.0, 2, 3.0, 0.0, [1.0, 1.0], 0.0),
    (0.8, 1, 1.5, 0.6, [1.2], 0.25),
    (0.95, 4, 1.0, 1.0, [0.0, 0.0, 0.0, 0.0], 0.0),   # robust feature only: the score is fixed
    (0.6, 4, 1.0, 0.0, [0.0, 0.0, 0.0, 0.0], 1.0),    # constant classifier
    (0.95, 100, 2.0, 0.2, [0.1] * 100, 0.0),
]
ATTACKS = [("none", 0), ("linf", 0.05), ("linf", 0.3), ("linf", 1.0), ("l2", 0.5), ("l2", 2.0), ("l1", 0.5), ("l1", 2.0)]


def linear_classifier_accuracy():
    rows = []
    for (p0, d, alpha, w0, weak, bias) in CLASSIFIERS:
        w0m, biasm = mp.mpf(w0), mp.mpf(bias)
        weakm = [mp.mpf(x) for x in weak]
        w = [w0m] + weakm
        for (p, eps) in ATTACKS:
            r = worst_case_reduction(w, p, eps) if p != "none" else mp.mpf(0)
            rows.append([p0, d, alpha, w0, weak_text(weak), bias, p, eps, accuracy(p0, d, alpha, w0m, weakm, biasm, r)])
    write_csv("linear_classifier_accuracy.csv", SCRIPT, """
Clean (attack = none) and robust accuracy of linear classifiers sign(w0 x0 + sum weak_i x_i + bias) on
the Tramer-Boneh distribution (p0, dim, alpha), from the definition (see the script header). weak is
';'-separated, or uniform*u for dim equal entries u. At linf eps = 1 the robust-feature-only classifier
has margin exactly 0: an error.
""", ["p0", "dim", "alpha", "w0", "weak", "bias", "attack", "eps", "accuracy"], rows)


def multi_perturbation():
    rows = []
    for (p0, d, alpha, w0, weak, bias) in CLASSIFIERS[:5]:
        w0m, biasm = mp.mpf(w0), mp.mpf(bias)
        weakm = [mp.mpf(x) for x in weak]
        w = [w0m] + weakm
        for (el, e1, e2) in [(0.1, 1.0, 0.5), (0.3, 0.5, 1.5), (0.05, 2.0, 0.0)]:
            reds = [worst_case_reduction(w, "linf", el), worst_case_reduction(w, "l1", e1), worst_case_reduction(w, "l2", e2)]
            accs = [accuracy(p0, d, alpha, w0m, weakm, biasm, r) for r in reds]
            union = accuracy(p0, d, alpha, w0m, weakm, biasm, max(reds))
            rows.append([p0, d, alpha, w0, weak_text(weak), bias, el, e1, e2, union, sum(accs) / 3])
    write_csv("multi_perturbation_accuracy.csv", SCRIPT, """
Robust accuracy of linear classifiers on the Tramer-Boneh distribution under three perturbation types
at once (l-inf ball eps_linf, l1 ball eps_l1, l2 ball eps_l2): union = every example attacked by its
worst type, average = mean of the three per-type robust accuracies.
""", ["p0", "dim", "alpha", "w0", "weak", "bias", "eps_linf", "eps_l1", "eps_l2", "union", "average"], rows)


def mep_bound():
    rows = []
    cases = [(c, 1.0, 1.0) for c in CLASSIFIERS[:7]]
    for (p0, d, alpha) in [(0.95, 4, 1.0), (0.95, 100, 1.0), (0.95, 10000, 1.0), (0.8, 100, 2.5)]:
        cases.append(((p0, d, alpha, 0.0, [1.0] * d, 0.0), 1.0, 1.0))
        cases.append(((p0, d, alpha, 0.5, [0.2] * d, 0.1), 1.3, 1.2))
    for ((p0, d, alpha, w0, weak, bias), fl, f1) in cases:
        eta = mp.mpf(alpha) / mp.sqrt(d)
        eps_linf = 2 * eta * mp.mpf(fl)
        eps_l1 = 2 * mp.mpf(f1)
        w0m, biasm = mp.mpf(w0), mp.mpf(bias)
        weakm = [mp.mpf(x) for x in weak]
        w = [w0m] + weakm
        err = 2 - accuracy(p0, d, alpha, w0m, weakm, biasm, worst_case_reduction(w, "linf", eps_linf)) \
            - accuracy(p0, d, alpha, w0m, weakm, biasm, worst_case_reduction(w, "l1", eps_l1))
        assert err >= 1 - mp.mpf(10) ** -30, (p0, d, alpha, w0, bias, err)
        rows.append([p0, d, alpha, w0, weak_text(weak), bias, eps_linf, eps_l1, err])
    write_csv("mep_bound.csv", SCRIPT, """
(l-inf robust error) + (l1 robust error) of linear classifiers on the Tramer-Boneh distribution at
eps_linf >= 2 eta and eps_l1 >= 2, where every classifier has error_sum >= 1 (the MEP bound); from the
accuracies of linear_classifier_accuracy.csv's definition.
""", ["p0", "dim", "alpha", "w0", "weak", "bias", "eps_linf", "eps_l1", "error_sum"], rows)


def density(mu, sd):
    return lambda x: mp.npdf(x, mu, sd)


def invariance_error(mu_s, sd_s, mu_r, sd_r, a, eps):
    """(1/2) sum over y of P(region_y), region_+ = {0 < x_s <= eps, x_r > -eps, a x_s + c x_r > 0}, mirrored for y = -1."""
    c = 1 - a
    if eps == 0 or c == 0:
        return mp.mpf(0)
    total = mp.mpf(0)
    for y in (1, -1):
        fs = density(y * mu_s, sd_s)
        fr = density(y * mu_r, sd_r)

        def inner(xs, y=y, fr=fr):
            # y = +1: x_r > max(-eps, -a xs / c); y = -1: x_r < min(eps, -a xs / c)
            if y > 0:
                lo = max(-eps, -a * xs / c)
                return mp.quad(fr, [lo, lo + 10 * sd_r, mp.inf])
            hi = min(eps, -a * xs / c)
            return mp.quad(fr, [-mp.inf, hi - 10 * sd_r, hi])

        lo, hi = (mp.mpf(0), eps) if y > 0 else (-eps, mp.mpf(0))
        cut = [lo, hi]
        kink = y * c * eps / a if a > 0 else None  # where -a xs / c = -y eps
        if kink is not None and lo < kink < hi:
            cut = [lo, kink, hi]
        total += mp.quad(lambda xs: fs(xs) * inner(xs), cut)
    return total / 2


def invariance_toy():
    mp.mp.dps = 25
    rows = []
    for (mu_s, sd_s, mu_r, sd_r) in [(1.0, 1.0, 2.0, 0.7), (0.5, 0.3, 1.0, 1.5), (2.0, 1.5, 0.2, 0.1)]:
        for a in [0.0, 0.3, 0.7, 1.0]:
            for eps in [0.0, 0.1, 0.4, 1.2]:
                m = [mp.mpf(x) for x in (mu_s, sd_s, mu_r, sd_r, a, eps)]
                ms, ss, mr, sr, am, em = m
                c = 1 - am
                sd = mp.sqrt((am * ss) ** 2 + (c * sr) ** 2)
                clean = mp.ncdf((am * ms + c * mr) / sd)
                robust = mp.ncdf((am * ms + c * mr - em) / sd)
                rows.append([mu_s, sd_s, mu_r, sd_r, a, eps, clean, robust, invariance_error(ms, ss, mr, sr, am, em)])
    write_csv("invariance_toy.csv", SCRIPT, """
The invariance / sensitivity toy: clean accuracy, l-inf robust accuracy and invariance error of
sign(a x_s + (1 - a) x_r) (a = 0: the non-semantic classifier, a = 1: the semantic one), the
invariance error by nested quadrature over the region of the script header (25-digit arithmetic).
""", ["mu_s", "sigma_s", "mu_r", "sigma_r", "a", "eps", "clean_accuracy", "robust_accuracy", "invariance_error"], rows)


if __name__ == "__main__":
    linear_classifier_accuracy()
    multi_perturbation()
    mep_bound()
    invariance_toy()
