package tradeoffs.theory.regression;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.norm.SimplexProjection;
import tradeoffs.theory.optim.UpdatableCholesky;

/**
 * The primal-dual active-set method (Hintermüller, Ito and Kunisch, SIAM J. Optim. 13, 2003, a
 * semismooth Newton method; for the lasso Fan, Jiao and Lu, 2014) on the fixed-point form of
 * docs/math.md §4.8 [derived]: the optimum is the exact solution of R_ε on its own sign/tie pattern
 * ({@link SignPattern}), so the method guesses the pattern, solves on it exactly (w and τ), and
 * guesses again from the result until the guess passes the KKT check.
 *
 * <p>The guess is the pattern of one proximal-gradient step from w with the gradient
 * g = Σw − b of ½wᵀΣw − bᵀw at the current τ:
 * <ul>
 *   <li>q = 1 (ℓ∞ attack): x_i = w_i − g_i/Σ_ii (one exact coordinate step); coordinate i is kept
 *       with the sign of x_i when |x_i| &gt; τ/Σ_ii, else w_i = 0;</li>
 *   <li>q = ∞ (ℓ1 attack): x = w − g/σ̄ with σ̄ = max_i Σ_ii; prox_{(τ/σ̄)‖·‖∞}(x) ties every
 *       coordinate whose |x_i| is above the threshold θ of the projection of x onto the ℓ1 ball
 *       of radius τ/σ̄ (they keep the sign of x_i), the others are free.</li>
 * </ul>
 * At the optimum the step returns the optimum's own pattern, so a pattern that reproduces itself
 * is the answer. The iteration starts from a warm start or from w = 0 (τ = cε√v there).
 * From a poor start PDAS can cycle (a guess comes back) or guess a pattern whose path has no
 * fixed point; then it restarts as a continuation: the radius runs from the zero threshold
 * ε₀ = ‖b‖_p/(c√v) down to ε in {@value #CONTINUATION_STAGES} geometric stages, each
 * warm-started by the previous answer, where PDAS converges locally in a few steps.
 *
 * <p>Cost: the pattern's k × k matrix M = PᵀΣP is factored once ({@link UpdatableCholesky}) and
 * then follows the pattern: a coordinate that enters or leaves the support (q = 1) or the free
 * set (q = ∞) is one O(k²) update, the tie group (kept as the last column) is re-appended when it
 * changes; only a guess that changes more than a quarter of the columns is factored afresh.
 * A step is then O(d²) (one product with Σ) plus O(k²) per change. PDAS converges locally in
 * finitely many steps; when neither the direct iteration nor the continuation settles this gives
 * up (null) and the caller falls back to the penalty search.
 */
final class PrimalDualActiveSet {
    /** Steps before giving up. */
    static final int MAX_STEPS = 60;
    /** Radii of the continuation, the last one ε. */
    static final int CONTINUATION_STAGES = 12;

    private PrimalDualActiveSet() {}

    /**
     * The optimum for the penalty norm q ∈ {ℓ1, ℓ∞} (the attack's dual), or null when neither the
     * direct iteration nor the continuation settles.
     */
    static double[] solve(PreparedModel pm, LpNorm q, double eps, double[] start) {
        double[] w = iterate(pm, q, eps, start);
        return w != null ? w : continuation(pm, q, eps);
    }

    /**
     * The continuation: from just below the zero threshold ε₀ = ‖b‖_p/(c√v), where the pattern is
     * simple, down to ε in geometric stages, each warm-started by the last; null if a stage fails.
     */
    static double[] continuation(PreparedModel pm, LpNorm q, double eps) {
        double eps0 = q.dual().norm(pm.b) / (AdversarialRisk.C * Math.sqrt(pm.v));
        double[] current = null;
        for (int stage = 1; stage <= CONTINUATION_STAGES; stage++) {
            double radius = eps0 * Math.pow(eps / eps0, (double) stage / CONTINUATION_STAGES);
            current = iterate(pm, q, stage == CONTINUATION_STAGES ? eps : radius, current);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** PDAS from {@code start} (null: w = 0); null when a guess repeats or has no fixed point. */
    static double[] iterate(PreparedModel pm, LpNorm q, double eps, double[] start) {
        int d = pm.d;
        double[] w = start == null ? new double[d] : start.clone();
        double tau = FixedPoint.tau(Math.sqrt(pm.residualVariance(w)), q.norm(w), eps);
        double[] g = new double[d];
        double maxDiag = 0.0;
        for (int i = 0; i < d; i++) {
            maxDiag = Math.max(maxDiag, pm.sigma[i][i]);
        }
        Columns columns = new Columns(pm, q.isOne());
        Set<Guess> seen = new HashSet<>();
        for (int step = 0; step < MAX_STEPS; step++) {
            pm.gradient(w, g);
            byte[] target = q.isOne() ? lassoGuess(pm, w, g, tau) : maxNormGuess(w, g, tau, maxDiag);
            if (target == null || !seen.add(new Guess(target)) || !columns.moveTo(target)) {
                return null;
            }
            SignPattern.Solution s = columns.solve(eps);
            if (s == null) {
                return null;
            }
            if (s.valid()) {
                return s.w();
            }
            w = s.w();
            tau = s.tau();
        }
        return null;
    }

    /** A guessed pattern as one byte per coordinate, for spotting cycles. */
    private record Guess(byte[] signs) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Guess g && Arrays.equals(g.signs, signs);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(signs);
        }
    }

    /**
     * q = 1: the signs of one soft-threshold coordinate step (0 off the support), with at most
     * max(8, |current support|) new coordinates (the largest violations first: a damped guess that
     * does not overshoot on correlated features); null when it is empty.
     */
    private static byte[] lassoGuess(PreparedModel pm, double[] w, double[] g, double tau) {
        int d = pm.d;
        byte[] x = new byte[d];
        int support = 0;
        int added = 0;
        double[] excess = new double[d];
        for (int i = 0; i < d; i++) {
            double sii = pm.sigma[i][i];
            double xi = w[i] - g[i] / sii;
            if (w[i] != 0) {
                support++;
            }
            if (Math.abs(xi) > tau / sii) {
                x[i] = (byte) (xi > 0 ? 1 : -1);
                if (w[i] == 0) {
                    added++;
                    excess[i] = (Math.abs(xi) - tau / sii) * Math.sqrt(sii);
                }
            }
        }
        int limit = Math.max(8, support);
        if (added > limit) {
            double[] sorted = excess.clone();
            java.util.Arrays.sort(sorted);
            double cut = sorted[d - limit];
            for (int i = 0; i < d; i++) {
                if (w[i] == 0 && x[i] != 0 && excess[i] < cut) {
                    x[i] = 0;
                }
            }
        }
        for (byte b : x) {
            if (b != 0) {
                return x;
            }
        }
        return null;
    }

    /** q = ∞: the ties of the ℓ∞ proximal step with their signs (0 = free); null when x = 0. */
    private static byte[] maxNormGuess(double[] w, double[] g, double tau, double maxDiag) {
        int d = w.length;
        double[] x = new double[d];
        double[] abs = new double[d];
        double l1 = 0.0;
        for (int i = 0; i < d; i++) {
            x[i] = w[i] - g[i] / maxDiag;
            abs[i] = Math.abs(x[i]);
            l1 += abs[i];
        }
        if (l1 == 0.0) {
            return null;
        }
        double radius = tau / maxDiag;
        // inside the ℓ1 ball the prox is 0 (the guess would be w = 0): tie the largest coordinates instead
        double theta = l1 <= radius ? LpNorm.LINF.norm(x) : SimplexProjection.threshold(abs, radius);
        byte[] ties = new byte[d];
        for (int i = 0; i < d; i++) {
            if (abs[i] >= theta) {
                ties[i] = (byte) (x[i] > 0 ? 1 : -1);
            }
        }
        return ties;
    }

    /**
     * The pattern's columns and the Cholesky factor of M = PᵀΣP, kept in step with the guesses.
     * q = 1: one column per support coordinate (M = Σ_AA; the signs only enter e). q = ∞: one
     * column per free coordinate, then the tie group s_T (signs s on the tied set T) last.
     */
    private static final class Columns {
        private final PreparedModel pm;
        private final boolean lasso;
        private final UpdatableCholesky factor = new UpdatableCholesky();
        /** The coordinate of each non-group column, in factor order. */
        private int[] coord = new int[0];

        private int count;
        /** The current target (signs of the support, or of the ties). */
        private byte[] current;

        private boolean hasGroup;

        Columns(PreparedModel pm, boolean lasso) {
            this.pm = pm;
            this.lasso = lasso;
        }

        /** Moves the columns and the factor to the target pattern; false when M is not positive definite. */
        boolean moveTo(byte[] target) {
            int d = pm.d;
            boolean[] wanted = new boolean[d];
            int wantedCount = 0;
            for (int i = 0; i < d; i++) {
                wanted[i] = lasso ? target[i] != 0 : target[i] == 0;
                if (wanted[i]) {
                    wantedCount++;
                }
            }
            boolean[] present = new boolean[d];
            int kept = 0;
            for (int a = 0; a < count; a++) {
                present[coord[a]] = true;
                if (wanted[coord[a]]) {
                    kept++;
                }
            }
            boolean groupChanged = !lasso && (current == null || !Arrays.equals(current, target));
            int changes = (count - kept) + (wantedCount - kept);
            current = target.clone();
            if (changes > Math.max(8, (count + (hasGroup ? 1 : 0)) / 4)) {
                return refactor(wanted);
            }
            if (hasGroup && (groupChanged || changes > 0)) {
                factor.remove(factor.size() - 1);
                hasGroup = false;
            }
            for (int a = count - 1; a >= 0; a--) {
                if (!wanted[coord[a]]) {
                    factor.remove(a);
                    System.arraycopy(coord, a + 1, coord, a, count - a - 1);
                    count--;
                }
            }
            for (int i = 0; i < d; i++) {
                if (wanted[i] && !present[i] && !appendCoordinate(i)) {
                    return false;
                }
            }
            return lasso || hasGroup || appendGroup();
        }

        private boolean refactor(boolean[] wanted) {
            int d = pm.d;
            int n = 0;
            coord = new int[d];
            for (int i = 0; i < d; i++) {
                if (wanted[i]) {
                    coord[n++] = i;
                }
            }
            count = n;
            double[] u = lasso ? null : groupProduct();
            int k = lasso ? n : n + 1;
            double[][] m = new double[k][k];
            for (int a = 0; a < n; a++) {
                double[] row = pm.sigma[coord[a]];
                for (int c = 0; c < n; c++) {
                    m[a][c] = row[coord[c]];
                }
                if (!lasso) {
                    m[a][n] = u[coord[a]];
                    m[n][a] = u[coord[a]];
                }
            }
            if (!lasso) {
                m[n][n] = groupDiagonal(u);
            }
            hasGroup = !lasso;
            return factor.factor(m, k);
        }

        private boolean appendCoordinate(int i) {
            double[] row = pm.sigma[i];
            double[] column = new double[count + 1];
            for (int a = 0; a < count; a++) {
                column[a] = row[coord[a]];
            }
            column[count] = row[i];
            if (!factor.append(column)) {
                return false;
            }
            if (count == coord.length) {
                coord = Arrays.copyOf(coord, Math.max(4, 2 * count));
            }
            coord[count++] = i;
            return true;
        }

        private boolean appendGroup() {
            double[] u = groupProduct();
            double[] column = new double[count + 1];
            for (int a = 0; a < count; a++) {
                column[a] = u[coord[a]];
            }
            column[count] = groupDiagonal(u);
            hasGroup = factor.append(column);
            return hasGroup;
        }

        /** u = Σ s_T (s: the tie signs, 0 off the ties). */
        private double[] groupProduct() {
            int d = pm.d;
            double[] u = new double[d];
            for (int t = 0; t < d; t++) {
                if (current[t] != 0) {
                    double st = current[t];
                    double[] row = pm.sigma[t];
                    for (int j = 0; j < d; j++) {
                        u[j] += st * row[j];
                    }
                }
            }
            return u;
        }

        /** s_TᵀΣ s_T = s_Tᵀu. */
        private double groupDiagonal(double[] u) {
            double s = 0.0;
            for (int t = 0; t < pm.d; t++) {
                s += current[t] * u[t];
            }
            return s;
        }

        /** The exact solution on the current pattern ({@link SignPattern#finish}), or null. */
        SignPattern.Solution solve(double eps) {
            int d = pm.d;
            int k = factor.size();
            int[] owner = new int[d];
            Arrays.fill(owner, -1);
            double[] coef = new double[d];
            double[] e = new double[k];
            double[] r = new double[k];
            for (int a = 0; a < count; a++) {
                int i = coord[a];
                owner[i] = a;
                coef[i] = 1.0;
                e[a] = lasso ? current[i] : 0.0;
                r[a] = pm.b[i];
            }
            int group = -1;
            if (!lasso) {
                group = k - 1;
                e[group] = 1.0;
                for (int t = 0; t < d; t++) {
                    if (current[t] != 0) {
                        owner[t] = group;
                        coef[t] = current[t];
                        r[group] += current[t] * pm.b[t];
                    }
                }
            }
            SignPattern p = new SignPattern(k, owner, coef, e, group);
            return p.finish(pm, eps, factor.solve(r), factor.solve(e));
        }
    }
}
