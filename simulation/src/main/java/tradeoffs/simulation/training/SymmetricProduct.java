package tradeoffs.simulation.training;

import java.util.Arrays;

/**
 * The product S v of a symmetric d × d matrix (S = XᵀX/n, docs/math.md §6.1) by columns, bit for
 * bit the row-by-row product of {@link SufficientStatistics#times}: there each (Sv)_i is
 * {@link SmoothedObjective#dot}(S_i, v), four partial sums σ_l = Σ_{c ≡ l (mod 4)} S_ic v_c in
 * increasing c (the last d mod 4 columns added to σ₀ after the others), returned as
 * (σ₀ + σ₁) + (σ₂ + σ₃). Since S_ic = S_ci exactly (S is formed on its upper triangle and
 * mirrored), σ_l for every i at once is the axpy chain σ_l ← σ_l + v_c S_c over the rows S_c with
 * c ≡ l, in the same order: the same operations on every entry, so the same bits, but as loops over
 * i that C2 (JDK 17) vectorises, each row a separate array indexed by i alone (see
 * {@link GramKernel}), four rows per loop as {@link NewtonSystem}'s panel update. The
 * dot-product form is a chain of scalar additions per row that the JIT may not reorder.
 *
 * <p>Not thread-safe (its partial sums are work arrays): one instance per Newton run.
 */
final class SymmetricProduct {
    private final int d;
    /** The rows of S (each also a column). */
    private final double[][] rows;
    /** σ₀ … σ₃ for every i. */
    private final double[][] sums;

    /** For S, d × d row-major and exactly symmetric (copied). */
    SymmetricProduct(double[] s, int d) {
        this.d = d;
        this.rows = new double[d][];
        for (int c = 0; c < d; c++) {
            rows[c] = Arrays.copyOfRange(s, c * d, c * d + d);
        }
        this.sums = new double[4][d];
    }

    /** out ← S v (out and v distinct, d long; v is not modified). */
    void times(double[] v, double[] out) {
        int main = d - d % 4;
        for (int l = 0; l < 4; l++) {
            double[] sum = sums[l];
            Arrays.fill(sum, 0.0);
            int c = l;
            for (; c + 12 < main; c += 16) {
                addFour(sum, v[c], rows[c], v[c + 4], rows[c + 4], v[c + 8], rows[c + 8], v[c + 12], rows[c + 12], d);
            }
            for (; c < main; c += 4) {
                addOne(sum, v[c], rows[c], d);
            }
        }
        for (int c = main; c < d; c++) {
            addOne(sums[0], v[c], rows[c], d);
        }
        combine(sums[0], sums[1], sums[2], sums[3], out, d);
    }

    /** sum[i] = (((sum[i] + a·x[i]) + b·y[i]) + e·z[i]) + g·t[i]. */
    private static void addFour(
            double[] sum,
            double a,
            double[] x,
            double b,
            double[] y,
            double e,
            double[] z,
            double g,
            double[] t,
            int d) {
        for (int i = 0; i < d; i++) {
            sum[i] = sum[i] + a * x[i] + b * y[i] + e * z[i] + g * t[i];
        }
    }

    /** sum[i] += a·x[i]. */
    private static void addOne(double[] sum, double a, double[] x, int d) {
        for (int i = 0; i < d; i++) {
            sum[i] += a * x[i];
        }
    }

    /** out[i] = (s₀[i] + s₁[i]) + (s₂[i] + s₃[i]). */
    private static void combine(double[] s0, double[] s1, double[] s2, double[] s3, double[] out, int d) {
        for (int i = 0; i < d; i++) {
            out[i] = (s0[i] + s1[i]) + (s2[i] + s3[i]);
        }
    }
}
