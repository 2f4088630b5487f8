package tradeoffs.theory.regression;

/**
 * The momentum of an accelerated proximal-gradient run (FISTA, Beck &amp; Teboulle 2009) with the
 * gradient-based adaptive restart of O'Donoghue &amp; Candès 2015: after a proximal step from the
 * extrapolated point y to {@code next}, the momentum is dropped (t = 1) when
 * (y − next)·(next − w) &gt; 0, else t' = (1 + √(1 + 4t²))/2 and y = next + ((t − 1)/t')(next − w).
 * Used by the ℓ1-attack solves of {@link PolyhedralFixedPoint} and {@link MaxNormFixedPoint}
 * (docs/math.md §4.8).
 */
final class FistaMomentum {
    private double t = 1.0;

    /**
     * Moves {@code w} to {@code next} and {@code y} to the next extrapolated point; true when the
     * step was small: max|next − w| ≤ {@code tolerance}·(1 + max|next|).
     */
    boolean advance(double[] next, double[] w, double[] y, double tolerance) {
        int d = w.length;
        double change = 0.0;
        double size = 0.0;
        double restart = 0.0;
        for (int i = 0; i < d; i++) {
            change = Math.max(change, Math.abs(next[i] - w[i]));
            size = Math.max(size, Math.abs(next[i]));
            restart += (y[i] - next[i]) * (next[i] - w[i]);
        }
        double tn = restart > 0 ? 1.0 : (1 + Math.sqrt(1 + 4 * t * t)) / 2;
        double momentum = restart > 0 ? 0.0 : (t - 1) / tn;
        for (int i = 0; i < d; i++) {
            y[i] = next[i] + momentum * (next[i] - w[i]);
            w[i] = next[i];
        }
        t = tn;
        return change <= tolerance * (1 + size);
    }
}
