package tradeoffs.theory.optim;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * A Cholesky factor M = LLᵀ of a symmetric positive definite k × k matrix that follows the
 * addition and removal of a row and column, as active-set methods need (Golub and Van Loan,
 * <i>Matrix Computations</i>, 4th ed., 2013, §6.5.4 and §5.1.8): appending costs one forward
 * substitution, O(k²); removing row and column j restores the triangle with Givens rotations,
 * O((k − j)²); a fresh factor of the whole matrix comes from EJML's (blocked) Cholesky. Solving
 * M x = r costs O(k²). Mutable; one instance per solve.
 */
public final class UpdatableCholesky {
    /** Row i holds L[i][0..i] (arrays may be longer). */
    private double[][] rows = new double[0][];

    private int k;

    /** The current order k. */
    public int size() {
        return k;
    }

    /**
     * Replaces the factor with the factor of {@code m} (its leading size × size block, symmetric).
     * Returns false, leaving an empty factor, when that block is not positive definite.
     */
    public boolean factor(double[][] m, int size) {
        k = 0;
        rows = new double[size][];
        if (size == 0) {
            return true;
        }
        DMatrixRMaj a = new DMatrixRMaj(size, size);
        for (int i = 0; i < size; i++) {
            System.arraycopy(m[i], 0, a.data, i * size, size);
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(size, true);
        if (!chol.decompose(a)) {
            return false;
        }
        DMatrixRMaj l = chol.getT(null);
        for (int i = 0; i < size; i++) {
            double[] row = new double[i + 1];
            System.arraycopy(l.data, i * size, row, 0, i + 1);
            if (!(row[i] > 0) || !Double.isFinite(row[i])) {
                rows = new double[0][];
                return false;
            }
            rows[i] = row;
        }
        k = size;
        return true;
    }

    /**
     * Appends a row and column: {@code column[0..k−1]} = M[new][0..k−1] and {@code column[k]} =
     * M[new][new]. Returns false, leaving the factor unchanged, when the enlarged matrix is not
     * numerically positive definite (pivot² ≤ 10⁻¹⁴·M[new][new]).
     */
    public boolean append(double[] column) {
        double[] row = new double[k + 1];
        double sum = 0.0;
        for (int i = 0; i < k; i++) {
            double[] li = rows[i];
            double s;
            if (i < UNROLL_FROM) {
                s = column[i];
                for (int j = 0; j < i; j++) {
                    s -= li[j] * row[j];
                }
            } else {
                s = column[i] - dot4(li, row, i);
            }
            row[i] = s / li[i];
            sum += row[i] * row[i];
        }
        double pivot = column[k] - sum;
        if (!(pivot > 1e-14 * column[k]) || !Double.isFinite(pivot)) {
            return false;
        }
        row[k] = Math.sqrt(pivot);
        if (k == rows.length) {
            rows = java.util.Arrays.copyOf(rows, Math.max(4, 2 * k));
        }
        rows[k++] = row;
        return true;
    }

    /** Removes row and column j (0 ≤ j &lt; k). */
    public void remove(int j) {
        // drop row j; rows below then reach one column past their new diagonal, which Givens
        // rotations of the column pairs (c, c + 1), c = j … k − 2, fold back
        for (int i = j; i < k - 1; i++) {
            rows[i] = rows[i + 1];
        }
        rows[--k] = null;
        for (int c = j; c < k; c++) {
            double a = rows[c][c];
            double b = rows[c][c + 1];
            double r = Math.hypot(a, b);
            double cos = a / r;
            double sin = b / r;
            for (int i = c; i < k; i++) {
                double[] li = rows[i];
                double x = li[c];
                double y = li[c + 1];
                li[c] = cos * x + sin * y;
                li[c + 1] = -sin * x + cos * y;
            }
            rows[c][c + 1] = 0.0;
        }
    }

    /** y = L⁻¹r by forward substitution (r has length ≥ k and is not modified): ‖y‖² = rᵀM⁻¹r. */
    public double[] forward(double[] r) {
        double[] x = new double[k];
        for (int i = 0; i < k; i++) {
            double[] li = rows[i];
            double s;
            if (i < UNROLL_FROM) {
                s = r[i];
                for (int j = 0; j < i; j++) {
                    s -= li[j] * x[j];
                }
            } else {
                s = r[i] - dot4(li, x, i);
            }
            x[i] = s / li[i];
        }
        return x;
    }

    /**
     * rᵀM⁻¹r = ‖L⁻¹r‖² (r has length ≥ k and is not modified): {@link #forward} taken four rows at
     * a time, each load of y serving the four rows' sums (two accumulators each), about 2.7 times
     * as fast as {@link #forward} for large k (the sums no longer wait for each other); equal to
     * ‖forward(r)‖² up to rounding (the sums run in another order).
     */
    public double inverseQuadraticForm(double[] r) {
        double[] y = new double[k];
        int i = 0;
        for (; i + 3 < k; i += 4) {
            double[] a = rows[i];
            double[] b = rows[i + 1];
            double[] c = rows[i + 2];
            double[] e = rows[i + 3];
            double a0 = 0.0;
            double a1 = 0.0;
            double b0 = 0.0;
            double b1 = 0.0;
            double c0 = 0.0;
            double c1 = 0.0;
            double e0 = 0.0;
            double e1 = 0.0;
            int j = 0;
            for (; j + 1 < i; j += 2) {
                double y0 = y[j];
                double y1 = y[j + 1];
                a0 += a[j] * y0;
                a1 += a[j + 1] * y1;
                b0 += b[j] * y0;
                b1 += b[j + 1] * y1;
                c0 += c[j] * y0;
                c1 += c[j + 1] * y1;
                e0 += e[j] * y0;
                e1 += e[j + 1] * y1;
            }
            double sa = a0 + a1;
            double sb = b0 + b1;
            double sc = c0 + c1;
            double se = e0 + e1;
            for (; j < i; j++) {
                sa += a[j] * y[j];
                sb += b[j] * y[j];
                sc += c[j] * y[j];
                se += e[j] * y[j];
            }
            // the four new unknowns, each from the ones just found
            y[i] = (r[i] - sa) / a[i];
            sb += b[i] * y[i];
            sc += c[i] * y[i];
            se += e[i] * y[i];
            y[i + 1] = (r[i + 1] - sb) / b[i + 1];
            sc += c[i + 1] * y[i + 1];
            se += e[i + 1] * y[i + 1];
            y[i + 2] = (r[i + 2] - sc) / c[i + 2];
            se += e[i + 2] * y[i + 2];
            y[i + 3] = (r[i + 3] - se) / e[i + 3];
        }
        for (; i < k; i++) {
            double[] a = rows[i];
            double s = 0.0;
            for (int j = 0; j < i; j++) {
                s += a[j] * y[j];
            }
            y[i] = (r[i] - s) / a[i];
        }
        double q = 0.0;
        for (double x : y) {
            q += x * x;
        }
        return q;
    }

    /**
     * Rows at least this long are summed with four interleaved accumulators (about three times
     * faster: the additions no longer wait for each other); shorter ones keep the plain
     * left-to-right order, so small systems give the same bits as before.
     */
    static final int UNROLL_FROM = 128;

    /** Σ_{j < n} a_j b_j with four accumulators, combined as (s0 + s1) + (s2 + s3), then the tail. */
    private static double dot4(double[] a, double[] b, int n) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[j] * b[j];
            s1 += a[j + 1] * b[j + 1];
            s2 += a[j + 2] * b[j + 2];
            s3 += a[j + 3] * b[j + 3];
        }
        double s = (s0 + s1) + (s2 + s3);
        for (; j < n; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    /** x = M⁻¹r = L⁻ᵀL⁻¹r (r has length ≥ k and is not modified). */
    public double[] solve(double[] r) {
        double[] x = forward(r);
        for (int i = k - 1; i >= 0; i--) {
            double[] li = rows[i];
            x[i] /= li[i];
            double xi = x[i];
            for (int j = 0; j < i; j++) {
                x[j] -= li[j] * xi;
            }
        }
        return x;
    }

    /**
     * The rows of Lᵀ, each of full length k: row j holds L[i][j] at index i for i ≥ j (zeros
     * before), for {@link #solve(double[][], double[][])}; k² numbers, valid until the factor
     * changes. Full length so that the forward solve indexes the row and the vector alike, which
     * the JIT vectorises (a row shifted by its offset runs about half as fast).
     */
    public double[][] transposedRows() {
        double[][] u = new double[k][k];
        // in tiles, so that the rows read and the rows written both stay in cache
        int tile = 64;
        for (int i0 = 0; i0 < k; i0 += tile) {
            int i1 = Math.min(k, i0 + tile);
            for (int j0 = 0; j0 < i1; j0 += tile) {
                int j1 = Math.min(i1, j0 + tile);
                for (int i = i0; i < i1; i++) {
                    double[] li = rows[i];
                    for (int j = j0; j < Math.min(j1, i + 1); j++) {
                        u[j][i] = li[j];
                    }
                }
            }
        }
        return u;
    }

    /**
     * x_m = M⁻¹r_m for several right-hand sides in one pass over the factor, given its
     * {@link #transposedRows()}: both triangular solves run column by column (L y = r along the
     * columns of L, Lᵀx = y along its rows), as axpy loops the JIT vectorises, and each column is
     * used for every right-hand side while it is in cache, so for large k two right-hand sides
     * cost about as much as one {@link #solve(double[])}. Equal to {@code solve(r_m)} up to
     * rounding (the sums run in another order).
     *
     * <p>Columns are taken two at a time: the second is finished from the first with one scalar
     * update, then one sweep over the vectors applies both, x_i ← (x_i − u_i a) − u'_i a' — the
     * same operations in the same order as two sweeps (identical bits), with the vectors read and
     * written once instead of twice.
     */
    public double[][] solve(double[][] r, double[][] transposed) {
        int m = r.length;
        double[][] x = new double[m][];
        for (int c = 0; c < m; c++) {
            x[c] = java.util.Arrays.copyOf(r[c], k);
        }
        // two right-hand sides at a time share each load of the factor
        for (int c = 0; c < m; c += 2) {
            double[] x0 = x[c];
            double[] x1 = c + 1 < m ? x[c + 1] : x0.clone();
            forwardPairs(transposed, x0, x1);
            backwardPairs(x0, x1);
        }
        return x;
    }

    /** L y = r in place for two vectors, along the columns of L (rows of Lᵀ), two columns a sweep. */
    private void forwardPairs(double[][] transposed, double[] x0, double[] x1) {
        int j = 0;
        for (; j + 1 < k; j += 2) {
            double[] u = transposed[j];
            double[] v = transposed[j + 1];
            double a0 = x0[j] / u[j];
            double a1 = x1[j] / u[j];
            x0[j] = a0;
            x1[j] = a1;
            double b0 = (x0[j + 1] - u[j + 1] * a0) / v[j + 1];
            double b1 = (x1[j + 1] - u[j + 1] * a1) / v[j + 1];
            x0[j + 1] = b0;
            x1[j + 1] = b1;
            for (int i = j + 2; i < k; i++) {
                double ui = u[i];
                double vi = v[i];
                x0[i] = x0[i] - ui * a0 - vi * b0;
                x1[i] = x1[i] - ui * a1 - vi * b1;
            }
        }
        if (j < k) {
            double[] u = transposed[j];
            x0[j] /= u[j];
            x1[j] /= u[j];
        }
    }

    /** Lᵀx = y in place for two vectors, along the rows of L, two rows a sweep. */
    private void backwardPairs(double[] x0, double[] x1) {
        int i = k - 1;
        for (; i >= 1; i -= 2) {
            double[] li = rows[i];
            double[] lh = rows[i - 1];
            double a0 = x0[i] / li[i];
            double a1 = x1[i] / li[i];
            x0[i] = a0;
            x1[i] = a1;
            double b0 = (x0[i - 1] - li[i - 1] * a0) / lh[i - 1];
            double b1 = (x1[i - 1] - li[i - 1] * a1) / lh[i - 1];
            x0[i - 1] = b0;
            x1[i - 1] = b1;
            for (int j = 0; j < i - 1; j++) {
                double l = li[j];
                double h = lh[j];
                x0[j] = x0[j] - l * a0 - h * b0;
                x1[j] = x1[j] - l * a1 - h * b1;
            }
        }
        if (i == 0) {
            x0[0] /= rows[0][0];
            x1[0] /= rows[0][0];
        }
    }
}
