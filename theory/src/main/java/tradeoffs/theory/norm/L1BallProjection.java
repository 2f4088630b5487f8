package tradeoffs.theory.norm;

import tradeoffs.theory.ParameterException;

/**
 * Exact Euclidean projection onto the ℓ1 ball {‖u‖₁ ≤ r}: x itself when inside, otherwise
 * sign(x_i)·max(|x_i| − θ, 0) with the sort-based threshold θ of Duchi et al. (ICML 2008), so the
 * result lies exactly on the sphere up to rounding (no overshoot). Also gives the proximal map of
 * the ℓ∞ norm through Moreau's identity: prox_{t‖·‖∞}(x) = x − Π_{‖·‖₁ ≤ t}(x).
 */
public final class L1BallProjection {
    private L1BallProjection() {}

    /** Π_{‖u‖₁ ≤ radius}(x); radius ≥ 0; x is not modified. */
    public static double[] project(double[] x, double radius) {
        if (!(radius >= 0)) {
            throw new ParameterException("radius", "must be >= 0", radius);
        }
        double l1 = 0.0;
        for (double v : x) {
            l1 += Math.abs(v);
        }
        if (l1 <= radius) {
            return x.clone();
        }
        double[] out = new double[x.length];
        if (radius == 0.0) {
            return out;
        }
        double[] abs = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            abs[i] = Math.abs(x[i]);
        }
        double theta = SimplexProjection.threshold(abs, radius);
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.signum(x[i]) * Math.max(abs[i] - theta, 0.0);
        }
        return out;
    }

    /** prox_{t‖·‖∞}(x) = argmin_u ½‖u − x‖² + t‖u‖_∞ = x − Π_{‖·‖₁ ≤ t}(x) (Moreau decomposition). */
    public static double[] proxMaxNorm(double[] x, double t) {
        double[] p = project(x, t);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] - p[i];
        }
        return out;
    }
}
