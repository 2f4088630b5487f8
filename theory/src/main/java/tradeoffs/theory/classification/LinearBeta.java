package tradeoffs.theory.classification;

import tradeoffs.theory.ParameterException;
import tradeoffs.theory.norm.LpNorm;

/**
 * The exact BETA attack on a linear multi-class model f_k(x) = w_kᵀx + b_k (docs/math.md §10.6; BETA is
 * Robey et al. 2024 [paper], the linear closed form is [derived]). For a wrong class j the margin
 * M_j(δ) = f_j(x+δ) − f_y(x+δ) is maximised over ‖δ‖_p ≤ ε at
 * <pre>
 *   max M_j = (w_j − w_y)ᵀx + (b_j − b_y) + ε‖w_j − w_y‖_q,   δ* = ε·u*(w_j − w_y),
 * </pre>
 * u* the worst-case unit direction of {@link LpNorm#worstCaseDirection} (1/p + 1/q = 1). BETA keeps the
 * wrong class with the largest maximum; x is robustly misclassified iff that maximum is ≥ 0 (a tie
 * counts as an error). This is the reference for checking attacks on linear models.
 *
 * <p>Shapes: W is K × n (row k is w_k), b has K entries, x has n, 0 ≤ y &lt; K, K ≥ 2.
 */
public final class LinearBeta {
    /**
     * A maximised margin.
     *
     * @param wrongClass the class j
     * @param margin max over the ball of M_j
     * @param delta a maximising perturbation (‖δ‖_p ≤ ε)
     */
    public record MarginMaximum(int wrongClass, double margin, double[] delta) {
        /** True when the margin is ≥ 0: some δ in the ball makes class j score at least as high as y. */
        public boolean misclassified() {
            return margin >= 0.0;
        }
    }

    private LinearBeta() {}

    /**
     * max over ‖δ‖_p ≤ ε of M_j = f_j(x+δ) − f_y(x+δ) = (w_j − w_y)ᵀx + (b_j − b_y) + ε‖w_j − w_y‖_q, with the
     * maximiser δ* = ε·u*(w_j − w_y) (docs/math.md §10.6, [derived]).
     */
    public static MarginMaximum maxMargin(double[][] w, double[] b, double[] x, int y, int j, LpNorm p, double eps) {
        check(w, b, x, y, p, eps);
        if (j < 0 || j >= w.length || j == y) {
            throw new ParameterException("j", "must be a class in [0, " + w.length + ") other than y = " + y, j);
        }
        return margin(w, b, x, y, j, p, eps);
    }

    /** The BETA choice (docs/math.md §10.6: [paper] rule, [derived] linear closed form): the wrong class j with the largest max M_j (the first on ties), its margin and δ. */
    public static MarginMaximum attack(double[][] w, double[] b, double[] x, int y, LpNorm p, double eps) {
        check(w, b, x, y, p, eps);
        MarginMaximum best = null;
        for (int j = 0; j < w.length; j++) {
            if (j == y) {
                continue;
            }
            MarginMaximum m = margin(w, b, x, y, j, p, eps);
            if (best == null || m.margin() > best.margin()) {
                best = m;
            }
        }
        return best;
    }

    /** True iff some ‖δ‖_p ≤ ε makes a wrong class score ≥ the true class: max_j max M_j ≥ 0. */
    public static boolean robustlyMisclassified(double[][] w, double[] b, double[] x, int y, LpNorm p, double eps) {
        return attack(w, b, x, y, p, eps).misclassified();
    }

    /** The fraction of rows of X (labels ys) that are not robustly misclassified. */
    public static double robustAccuracy(double[][] w, double[] b, double[][] xs, int[] ys, LpNorm p, double eps) {
        if (xs.length == 0) {
            throw new ParameterException("xs", "must hold at least one row", 0);
        }
        if (xs.length != ys.length) {
            throw new ParameterException("ys", "must have one label per row of xs (" + xs.length + ")", ys.length);
        }
        int ok = 0;
        for (int i = 0; i < xs.length; i++) {
            if (!robustlyMisclassified(w, b, xs[i], ys[i], p, eps)) {
                ok++;
            }
        }
        return (double) ok / xs.length;
    }

    private static MarginMaximum margin(double[][] w, double[] b, double[] x, int y, int j, LpNorm p, double eps) {
        int n = x.length;
        double[] diff = new double[n];
        double m = b[j] - b[y];
        for (int i = 0; i < n; i++) {
            diff[i] = w[j][i] - w[y][i];
            m += diff[i] * x[i];
        }
        double[] delta = p.worstCaseDirection(diff);
        for (int i = 0; i < n; i++) {
            delta[i] *= eps;
        }
        if (eps > 0.0) {
            m += eps * p.dualNorm(diff);
        }
        return new MarginMaximum(j, m, delta);
    }

    private static void check(double[][] w, double[] b, double[] x, int y, LpNorm p, double eps) {
        String missing = w == null ? "W" : b == null ? "b" : x == null ? "x" : p == null ? "p" : null;
        if (missing != null) {
            throw new ParameterException(missing, "must be given", null);
        }
        if (w.length < 2) {
            throw new ParameterException("W", "must have at least 2 rows (classes)", w.length);
        }
        if (b.length != w.length) {
            throw new ParameterException("b", "must have one entry per class (" + w.length + ")", b.length);
        }
        for (double[] row : w) {
            if (row.length != x.length) {
                throw new ParameterException("W", "rows must have the length of x (" + x.length + ")", row.length);
            }
        }
        if (y < 0 || y >= w.length) {
            throw new ParameterException("y", "must be in [0, " + w.length + ")", y);
        }
        if (!(eps >= 0.0) || Double.isInfinite(eps)) {
            throw new ParameterException("eps", "must be finite and >= 0", eps);
        }
    }
}
