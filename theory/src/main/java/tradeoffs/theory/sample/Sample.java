package tradeoffs.theory.sample;

import tradeoffs.theory.ParameterException;

/**
 * n labelled regression examples (x_i, y_i), x_i ∈ ℝ^d: the design matrix stored row-major
 * ({@code x[i*d + j]} is feature j of example i) and the targets y. One record for every module
 * that trains or evaluates a linear model on a sample (the simulation's samplers and solvers, the
 * deep module's bridge). The arrays are not copied: the caller must not modify them afterwards.
 *
 * @param n the number of examples (≥ 1)
 * @param d the number of features (≥ 1)
 * @param x the features, n·d values, row-major
 * @param y the targets, n values
 */
public record Sample(int n, int d, double[] x, double[] y) {
    public Sample {
        ParameterException.requireAtLeast("n", n, 1);
        ParameterException.requireAtLeast("d", d, 1);
        if (x == null || x.length != (long) n * d) {
            throw new ParameterException(
                    "x", "must have n*d = " + ((long) n * d) + " values", x == null ? 0 : x.length);
        }
        if (y == null || y.length != n) {
            throw new ParameterException("y", "must have n = " + n + " values", y == null ? 0 : y.length);
        }
    }

    /** The sample of n = y.length examples with d features each. */
    public static Sample of(int d, double[] x, double[] y) {
        if (y == null || y.length < 1) {
            throw new ParameterException("n", "must be >= 1", y == null ? 0 : y.length);
        }
        return new Sample(y.length, d, x, y);
    }

    /** Feature j of example i. */
    public double x(int i, int j) {
        return x[i * d + j];
    }

    /** Example i's features, a new array of length d. */
    public double[] row(int i) {
        double[] r = new double[d];
        System.arraycopy(x, i * d, r, 0, d);
        return r;
    }
}
