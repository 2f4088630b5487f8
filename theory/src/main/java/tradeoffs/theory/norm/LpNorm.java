package tradeoffs.theory.norm;

import java.util.Locale;
import tradeoffs.theory.ParameterException;

/**
 * The ℓp norm on R^d for any p in [1, ∞], its dual ℓq norm (1/p + 1/q = 1) and the exact
 * worst-case unit direction of docs/math.md §1.2.
 *
 * <p>In this project an attack norm p bounds the perturbation (‖δ‖_p ≤ ε) and its dual q is the
 * penalty the attack puts on the weights (ε‖w‖_q): ℓ1 ↔ ℓ∞, ℓ2 ↔ ℓ2, ℓ∞ ↔ ℓ1.
 *
 * @param p the exponent, 1 ≤ p ≤ ∞ ({@link Double#POSITIVE_INFINITY} for ℓ∞)
 */
public record LpNorm(double p) {
    /** ℓ1. */
    public static final LpNorm L1 = new LpNorm(1.0);
    /** ℓ2. */
    public static final LpNorm L2 = new LpNorm(2.0);
    /** ℓ∞. */
    public static final LpNorm LINF = new LpNorm(Double.POSITIVE_INFINITY);

    public LpNorm {
        if (Double.isNaN(p) || p < 1.0) {
            throw new ParameterException("p", "must be in [1, inf]", p);
        }
    }

    /** The ℓp norm with exponent {@code p}; 1, 2 and ∞ return the shared constants. */
    public static LpNorm of(double p) {
        if (p == 1.0) {
            return L1;
        }
        if (p == 2.0) {
            return L2;
        }
        if (p == Double.POSITIVE_INFINITY) {
            return LINF;
        }
        return new LpNorm(p);
    }

    /**
     * Parses "l1", "l2", "linf" (also "inf", "lInf", "l∞") or "l&lt;p&gt;" with p a plain decimal
     * ≥ 1 such as "l3" or "l1.5"; a bare number is read as p. Nothing else: no exponent ("l1e999"
     * would be read as ℓ∞), no spelled-out "infinity", no sign. Bad text: {@link ParameterException}
     * on {@code norm} naming the accepted forms.
     */
    public static LpNorm parse(String text) {
        if (text == null) {
            throw new ParameterException("norm", "must be l1, l2, linf or l<p> with p a decimal >= 1", null);
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        String body = t.startsWith("l") ? t.substring(1) : t;
        if (body.equals("inf") || body.equals("∞")) {
            return LINF;
        }
        if (!body.matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+")) {
            throw new ParameterException(
                    "norm", "must be l1, l2, linf or l<p> with p a decimal >= 1", "'" + text + "'");
        }
        double p = Double.parseDouble(body);
        if (!(p >= 1.0) || Double.isInfinite(p)) {
            throw new ParameterException(
                    "norm", "must be l1, l2, linf or l<p> with p a decimal >= 1", "'" + text + "'");
        }
        return of(p);
    }

    /**
     * The norms named in {@code names} ({@link #parse} each), duplicates dropped, in order; no name
     * is a ParameterException about {@code norm}.
     */
    public static java.util.List<LpNorm> parseAll(java.util.List<String> names) {
        if (names.isEmpty()) {
            throw new ParameterException("norm", "must name at least one norm: l1, l2, linf or l<p>", "''");
        }
        return names.stream().map(LpNorm::parse).distinct().toList();
    }

    /** The short name: "l1", "l2", "linf" or "l&lt;p&gt;" (e.g. "l1.5", "l3"). */
    public String name() {
        if (isInfinity()) {
            return "linf";
        }
        if (p == Math.rint(p) && p < 1e9) {
            return "l" + (long) p;
        }
        return "l" + p;
    }

    public boolean isOne() {
        return p == 1.0;
    }

    public boolean isTwo() {
        return p == 2.0;
    }

    public boolean isInfinity() {
        return p == Double.POSITIVE_INFINITY;
    }

    /** The dual exponent q = p/(p−1): ℓ1 → ℓ∞, ℓ∞ → ℓ1, ℓ2 → ℓ2. */
    public LpNorm dual() {
        if (isOne()) {
            return LINF;
        }
        if (isInfinity()) {
            return L1;
        }
        return of(p / (p - 1.0));
    }

    /** ‖w‖_p = (Σ|w_i|^p)^{1/p}; max|w_i| for p = ∞. Scaled by max|w_i| so it neither over- nor underflows. */
    public double norm(double[] w) {
        if (isOne()) {
            double s = 0.0;
            for (double x : w) {
                s += Math.abs(x);
            }
            return s;
        }
        double m = 0.0;
        for (double x : w) {
            m = Math.max(m, Math.abs(x));
        }
        if (isInfinity() || m == 0.0 || Double.isInfinite(m)) {
            return m;
        }
        double s = 0.0;
        if (isTwo()) {
            for (double x : w) {
                double r = x / m;
                s += r * r;
            }
            return m * Math.sqrt(s);
        }
        for (double x : w) {
            s += Math.pow(Math.abs(x) / m, p);
        }
        return m * Math.pow(s, 1.0 / p);
    }

    /** ‖w‖_q, the dual norm: max over ‖u‖_p ≤ 1 of uᵀw. */
    public double dualNorm(double[] w) {
        return dual().norm(w);
    }

    /**
     * A worst-case unit direction u* ∈ argmax_{‖u‖_p ≤ 1} uᵀw (docs/math.md §1.2), so uᵀw = ‖w‖_q:
     * p = ∞: sign(w); p = 2: w/‖w‖₂; p = 1: sign(w_j)·e_j with j the first index of the largest
     * |w_i|; general p: u_i = sign(w_i)|w_i|^{q−1}/‖w‖_q^{q−1}. For w = 0 every feasible u is a
     * maximiser and the zero vector is returned.
     */
    public double[] worstCaseDirection(double[] w) {
        int d = w.length;
        double[] u = new double[d];
        if (isInfinity()) {
            for (int i = 0; i < d; i++) {
                u[i] = Math.signum(w[i]);
            }
            return u;
        }
        if (isOne()) {
            int j = -1;
            double m = 0.0;
            for (int i = 0; i < d; i++) {
                if (Math.abs(w[i]) > m) {
                    m = Math.abs(w[i]);
                    j = i;
                }
            }
            if (j >= 0) {
                u[j] = Math.signum(w[j]);
            }
            return u;
        }
        LpNorm q = dual();
        double n = q.norm(w);
        if (n == 0.0) {
            return u;
        }
        if (isTwo()) {
            for (int i = 0; i < d; i++) {
                u[i] = w[i] / n;
            }
            return u;
        }
        double qq = q.p();
        for (int i = 0; i < d; i++) {
            u[i] = Math.signum(w[i]) * Math.pow(Math.abs(w[i]) / n, qq - 1.0);
        }
        return u;
    }

    /**
     * The Euclidean distance from 0 to a + κ·∂‖w‖_p, that is min over g ∈ ∂‖w‖_p of ‖a + κg‖₂
     * (κ ≥ 0). Used for optimality certificates: the subdifferential is
     * p = 1: g_i = sign(w_i), or any value in [−1, 1] where w_i = 0;
     * p = ∞ (w ≠ 0): the convex hull of sign(w_i)e_i over the i with |w_i| = ‖w‖_∞;
     * 1 &lt; p &lt; ∞ (w ≠ 0): the gradient u* of the dual-norm formula above (with p and q swapped);
     * w = 0: the unit ball of the dual norm q. Exact for p = 1, 2, ∞ and for w ≠ 0; for w = 0 and
     * other p it returns an upper bound (a feasible g, not the projection).
     *
     * @param tieTolerance relative tolerance for |w_i| = ‖w‖_∞ (p = ∞ only)
     */
    public double subgradientDistance(double[] w, double[] a, double kappa, double tieTolerance) {
        int d = w.length;
        double norm = norm(w);
        if (norm == 0.0) {
            return distanceToScaledDualBall(a, kappa);
        }
        if (isOne()) {
            double s = 0.0;
            for (int i = 0; i < d; i++) {
                double r = w[i] != 0.0 ? a[i] + kappa * Math.signum(w[i]) : Math.max(0.0, Math.abs(a[i]) - kappa);
                s += r * r;
            }
            return Math.sqrt(s);
        }
        if (isInfinity()) {
            // g = Σ_J t_j sign(w_j) e_j with t on the simplex: minimise κ²‖t − h‖² + rest, h_j = −a_j sign(w_j)/κ.
            double rest = 0.0;
            int k = 0;
            double[] h = new double[d];
            int[] idx = new int[d];
            for (int i = 0; i < d; i++) {
                if (Math.abs(w[i]) >= norm * (1.0 - tieTolerance)) {
                    idx[k] = i;
                    h[k] = kappa > 0 ? -a[i] * Math.signum(w[i]) / kappa : 0.0;
                    k++;
                } else {
                    rest += a[i] * a[i];
                }
            }
            if (kappa == 0.0) {
                double s = rest;
                for (int j = 0; j < k; j++) {
                    s += a[idx[j]] * a[idx[j]];
                }
                return Math.sqrt(s);
            }
            double[] hk = java.util.Arrays.copyOf(h, k);
            double[] t = SimplexProjection.project(hk, 1.0);
            double s = rest;
            for (int j = 0; j < k; j++) {
                double r = kappa * (t[j] - hk[j]);
                s += r * r;
            }
            return Math.sqrt(s);
        }
        double[] g = dual().worstCaseDirection(w);
        double s = 0.0;
        for (int i = 0; i < d; i++) {
            double r = a[i] + kappa * g[i];
            s += r * r;
        }
        return Math.sqrt(s);
    }

    /** min over ‖g‖_q ≤ 1 of ‖a + κg‖₂ (exact for q = 1, 2, ∞; an upper bound otherwise). */
    private double distanceToScaledDualBall(double[] a, double kappa) {
        int d = a.length;
        if (kappa == 0.0) {
            return L2.norm(a);
        }
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = -a[i] / kappa;
        }
        double[] g = dualBallPoint(x);
        double s = 0.0;
        for (int i = 0; i < d; i++) {
            double r = kappa * (g[i] - x[i]);
            s += r * r;
        }
        return Math.sqrt(s);
    }

    /** The point of the dual unit ball {‖g‖_q ≤ 1} closest to x (exact for q = 1, 2, ∞; x/‖x‖_q otherwise). */
    private double[] dualBallPoint(double[] x) {
        int d = x.length;
        LpNorm q = dual();
        double[] g;
        if (q.isInfinity()) {
            g = new double[d];
            for (int i = 0; i < d; i++) {
                g[i] = Math.max(-1.0, Math.min(1.0, x[i]));
            }
        } else if (q.isOne()) {
            g = L1BallProjection.project(x, 1.0);
        } else {
            double n = q.norm(x);
            g = x.clone();
            if (n > 1.0) {
                for (int i = 0; i < d; i++) {
                    g[i] /= n;
                }
            }
        }
        return g;
    }

    /**
     * The element g of ∂‖w‖_p that attains {@link #subgradientDistance}: the minimiser of
     * ‖a + κg‖₂ (κ ≥ 0) — coordinatewise clipping of −a/κ to [−1, 1] on the zeros for p = 1, the
     * simplex projection on the ties for p = ∞, the gradient for 1 &lt; p &lt; ∞, the dual-ball point
     * for w = 0 — so that a + κg is the subgradient of smallest norm (certificates need the vector).
     *
     * @param tieTolerance relative tolerance for |w_i| = ‖w‖_∞ (p = ∞ only)
     */
    public double[] closestSubgradient(double[] w, double[] a, double kappa, double tieTolerance) {
        int d = w.length;
        double norm = norm(w);
        if (norm == 0.0) {
            if (kappa == 0.0) {
                return new double[d];
            }
            double[] x = new double[d];
            for (int i = 0; i < d; i++) {
                x[i] = -a[i] / kappa;
            }
            return dualBallPoint(x);
        }
        double[] g = new double[d];
        if (isOne()) {
            for (int i = 0; i < d; i++) {
                g[i] = w[i] != 0.0 ? Math.signum(w[i]) : kappa > 0 ? Math.max(-1.0, Math.min(1.0, -a[i] / kappa)) : 0.0;
            }
            return g;
        }
        if (isInfinity()) {
            int k = 0;
            int[] idx = new int[d];
            double[] h = new double[d];
            for (int i = 0; i < d; i++) {
                if (Math.abs(w[i]) >= norm * (1.0 - tieTolerance)) {
                    idx[k] = i;
                    h[k++] = kappa > 0 ? -a[i] * Math.signum(w[i]) / kappa : 0.0;
                }
            }
            double[] t = SimplexProjection.project(java.util.Arrays.copyOf(h, k), 1.0);
            for (int j = 0; j < k; j++) {
                g[idx[j]] = Math.signum(w[idx[j]]) * t[j];
            }
            return g;
        }
        return dual().worstCaseDirection(w);
    }

    @Override
    public String toString() {
        return name();
    }
}
