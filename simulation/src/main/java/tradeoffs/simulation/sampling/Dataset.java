package tradeoffs.simulation.sampling;

/**
 * n labelled examples: the design matrix x stored row-major (x[i*d + j] is feature j of example
 * i) and the targets y. The arrays are owned by the dataset and must not be modified.
 */
public record Dataset(int n, int d, double[] x, double[] y) {
    public Dataset {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1 (got " + n + ")");
        }
        if (d < 1) {
            throw new IllegalArgumentException("d must be >= 1 (got " + d + ")");
        }
        if (x.length != (long) n * d) {
            throw new IllegalArgumentException("x must have n*d = " + ((long) n * d) + " entries (got " + x.length + ")");
        }
        if (y.length != n) {
            throw new IllegalArgumentException("y must have n = " + n + " entries (got " + y.length + ")");
        }
    }

    /** Feature j of example i. */
    public double x(int i, int j) {
        return x[i * d + j];
    }
}
