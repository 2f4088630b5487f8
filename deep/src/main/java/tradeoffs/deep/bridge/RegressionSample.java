package tradeoffs.deep.bridge;

/**
 * A regression training sample handed to the bridge: n = y.length examples of d features, the
 * features row-major ({@code x[i*d + j]} is feature j of example i). The deep module does not
 * depend on the simulation module, so the caller draws the sample (the CLI and the cross-module
 * tests use the simulation module's core/spurious sampler) and the bridge only trains on it. The
 * arrays are not copied: the caller must not modify them.
 *
 * @param d the number of features (≥ 1)
 * @param x the features, n·d values
 * @param y the targets, n values (n ≥ 1)
 */
public record RegressionSample(int d, double[] x, double[] y) {
    public RegressionSample {
        if (d < 1) {
            throw new IllegalArgumentException("d must be >= 1 (got " + d + ")");
        }
        if (y == null || y.length < 1) {
            throw new IllegalArgumentException("the sample must have at least one example");
        }
        if (x == null || x.length != (long) y.length * d) {
            throw new IllegalArgumentException("x must have n*d = " + ((long) y.length * d) + " values (got "
                    + (x == null ? 0 : x.length) + ")");
        }
    }

    /** The number of examples n. */
    public int n() {
        return y.length;
    }

    /** Example i's features, a new array of length d. */
    public double[] row(int i) {
        double[] r = new double[d];
        System.arraycopy(x, i * d, r, 0, d);
        return r;
    }
}
