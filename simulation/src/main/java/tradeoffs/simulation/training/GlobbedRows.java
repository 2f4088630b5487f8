package tradeoffs.simulation.training;

import java.util.Arrays;

/**
 * Rows whose residual sign cannot change near a point, summed once (Portnoy and Koenker 1997,
 * "globbing"; [derived] for this objective). Around a centre w̃ with radius ρ, a row with
 * |r_i(w̃)| > ‖x_i‖₂ρ + μ keeps the sign s_i of r_i(w̃) and |r_i| ≥ μ for every ‖w − w̃‖₂ ≤ ρ
 * (|r_i(w) − r_i(w̃)| ≤ ‖x_i‖₂‖w − w̃‖₂). For those rows G the smoothed objective's terms are
 * (s_i r_i + a)² with a = εN(w), so their sums need only t₀ = Σ_G s_i y_i, v = Σ_G s_i x_i, |G|
 * and the moments of {@link SufficientStatistics}:
 *
 * <pre>  Σ_G r_i² = n m₂(w) − Σ_U r_i²,   Σ_G s_i r_i = t₀ − vᵀw,   Σ_G r_i x_i = n(c − Sw) − Σ_U r_i x_i,</pre>
 *
 * with U the remaining rows. An evaluation inside the region then costs O(|U| d + d²) instead of
 * a pass over the n rows; Newton's steps shrink, so after a few rebuilds the iterates stay in one
 * region and the number of passes stops growing with n. Exact (not an approximation): outside the
 * region the objective is evaluated from all rows.
 */
final class GlobbedRows {
    /** Globbing pays only while U is a small part of the rows. */
    private static final double MAX_UNSURE_FRACTION = 0.25;

    final double[] center;
    final double radius;
    final double mu;
    /** The rows U whose sign may change in the region, in increasing order. */
    final int[] unsure;
    /** t₀ = Σ_G s_i y_i. */
    final double t0;
    /** v = Σ_G s_i x_i. */
    final double[] v;
    /** |G|. */
    final int count;
    /** False when U is too large for globbing to pay; then evaluations use every row. */
    final boolean useful;

    private GlobbedRows(double[] center, double radius, double mu, int[] unsure, double t0, double[] v, int count,
                        boolean useful) {
        this.center = center;
        this.radius = radius;
        this.mu = mu;
        this.unsure = unsure;
        this.t0 = t0;
        this.v = v;
        this.count = count;
        this.useful = useful;
    }

    /** Whether the region holds w for smoothing width μ. */
    boolean covers(double[] w, double mu) {
        if (mu > this.mu) {
            return false;
        }
        double s = 0;
        for (int j = 0; j < w.length; j++) {
            double t = w[j] - center[j];
            s += t * t;
        }
        return s <= radius * radius;
    }

    /**
     * The region around w of radius ρ for smoothing widths up to μ (one pass over the data,
     * counted in {@code run}).
     */
    static GlobbedRows build(FitRun run, double[] w, double radius, double mu) {
        run.passes++;
        SufficientStatistics st = run.stats;
        int n = st.n;
        int d = st.d;
        double[] x = st.x;
        double[] y = st.y;
        double wn = 0;
        for (double c : w) {
            wn += c * c;
        }
        wn = Math.sqrt(wn);
        int[] unsure = new int[Math.max(16, n / 64)];
        int m = 0;
        double t0 = 0;
        double[] v = new double[d];
        int limit = (int) (MAX_UNSURE_FRACTION * n);
        for (int i = 0; i < n; i++) {
            int off = i * d;
            double r = y[i];
            double xn = 0;
            for (int j = 0; j < d; j++) {
                double xij = x[off + j];
                r -= xij * w[j];
                xn += xij * xij;
            }
            xn = Math.sqrt(xn);
            // the margin covers the round-off of r_i at the centre and at the point evaluated
            double margin = xn * radius + mu + 1e-12 * (Math.abs(y[i]) + xn * (wn + radius));
            if (Math.abs(r) <= margin) {
                if (m == unsure.length) {
                    unsure = Arrays.copyOf(unsure, 2 * m);
                }
                unsure[m++] = i;
                if (m > limit) {
                    return new GlobbedRows(w.clone(), radius, mu, new int[0], 0, v, 0, false);
                }
            } else {
                double s = r > 0 ? 1.0 : -1.0;
                t0 += s * y[i];
                for (int j = 0; j < d; j++) {
                    v[j] += s * x[off + j];
                }
            }
        }
        return new GlobbedRows(w.clone(), radius, mu, Arrays.copyOf(unsure, m), t0, v, n - m, true);
    }
}
