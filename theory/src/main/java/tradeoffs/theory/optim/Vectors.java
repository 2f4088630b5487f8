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

    /** True when every entry of {@code v} is finite (no NaN, no ±∞). */
    public static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
