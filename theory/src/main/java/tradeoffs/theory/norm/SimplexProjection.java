package tradeoffs.theory.norm;

import java.util.Arrays;

/**
 * Euclidean projection onto the simplex {t ≥ 0, Σt = r}: t_i = max(x_i − θ, 0) with θ chosen by
 * the sort-based rule of Duchi, Shalev-Shwartz, Singer and Chandra (ICML 2008), O(d log d).
 */
public final class SimplexProjection {
    private SimplexProjection() {}

    /** The projection of x onto {t ≥ 0, Σt = radius} (radius &gt; 0); x is not modified. */
    public static double[] project(double[] x, double radius) {
        double theta = threshold(x, radius);
        double[] t = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            t[i] = Math.max(x[i] - theta, 0.0);
        }
        return t;
    }

    /** θ of the projection: the unique θ with Σ max(x_i − θ, 0) = radius (radius &gt; 0). */
    public static double threshold(double[] x, double radius) {
        int d = x.length;
        if (d == 1) {
            return x[0] - radius;
        }
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double cum = 0.0;
        double theta = sorted[d - 1] - radius;
        for (int k = 1; k <= d; k++) {
            double xk = sorted[d - k];
            cum += xk;
            double th = (cum - radius) / k;
            if (xk - th > 0) {
                theta = th;
            } else {
                break;
            }
        }
        return theta;
    }
}
