package tradeoffs.theory.optim;

/** Small dense-vector operations shared by the solvers. */
public final class Vectors {
    private Vectors() {}

    /**
     * The inner product aᵀb = Σ_i a_i b_i over the length of {@code a}, summed in index order (so
     * every caller gets the same bits); {@code b} must be at least as long.
     */
    public static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
