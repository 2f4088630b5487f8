package tradeoffs.theory.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class UpdatableCholeskyTest {
    /** A random SPD matrix AAᵀ/n + ½I. */
    static double[][] spd(int n, SplittableRandom rng) {
        double[][] a = new double[n][n];
        for (double[] row : a) {
            for (int j = 0; j < n; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 0.5 : 0.0;
                for (int k = 0; k < n; k++) {
                    s += a[i][k] * a[j][k] / n;
                }
                m[i][j] = s;
            }
        }
        return m;
    }

    /** The solve of the submatrix on {@code keep} by EJML's own SPD solver: the independent route. */
    static double[] reference(double[][] m, List<Integer> keep, double[] r) {
        int k = keep.size();
        DMatrixRMaj a = new DMatrixRMaj(k, k);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                a.set(i, j, m[keep.get(i)][keep.get(j)]);
            }
        }
        DMatrixRMaj x = new DMatrixRMaj(k, 1);
        assertTrue(CommonOps_DDRM.solveSPD(a, new DMatrixRMaj(k, 1, true, r), x));
        return x.data;
    }

    /** Appends, removals at random positions and a fresh factor all solve like EJML on the same submatrix. */
    @Test
    void followsAppendsAndRemovals() {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] m = spd(30, rng);
        UpdatableCholesky f = new UpdatableCholesky();
        List<Integer> keep = new ArrayList<>();
        for (int c = 0; c < 30; c++) {
            double[] column = new double[keep.size() + 1];
            for (int a = 0; a < keep.size(); a++) {
                column[a] = m[c][keep.get(a)];
            }
            column[keep.size()] = m[c][c];
            assertTrue(f.append(column));
            keep.add(c);
            if (c % 3 == 2) {
                int j = rng.nextInt(keep.size());
                f.remove(j);
                keep.remove(j);
            }
            double[] r = new double[keep.size()];
            for (int a = 0; a < r.length; a++) {
                r[a] = rng.nextGaussian();
            }
            assertArrayEquals(reference(m, keep, r), f.solve(r), 1e-10, "after column " + c);
            assertEquals(keep.size(), f.size());
        }
        double[] r = new double[30];
        java.util.Arrays.fill(r, 1.0);
        assertTrue(f.factor(m, 30));
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            all.add(i);
        }
        assertArrayEquals(reference(m, all, r), f.solve(r), 1e-10);
        // ‖L⁻¹r‖² = rᵀM⁻¹r
        double[] y = f.forward(r);
        double[] x = f.solve(r);
        double yy = 0;
        double rx = 0;
        for (int i = 0; i < 30; i++) {
            yy += y[i] * y[i];
            rx += r[i] * x[i];
        }
        assertEquals(rx, yy, 1e-10 * rx);
    }

    /** A column that makes the matrix singular (a copy of one already in) is refused and changes nothing. */
    @Test
    void refusesASingularAppend() {
        double[][] m = {{2, 1}, {1, 2}};
        UpdatableCholesky f = new UpdatableCholesky();
        assertTrue(f.factor(m, 2));
        assertFalse(f.append(new double[] {2, 1, 2}), "column equal to the first one");
        assertEquals(2, f.size());
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3}, f.solve(new double[] {1, 1}), 1e-15); // by hand
        assertFalse(new UpdatableCholesky().factor(new double[][] {{1, 2}, {2, 1}}, 2), "indefinite");
    }

    /**
     * Several right-hand sides in one pass over the factor and its transpose: the same as one
     * solve each up to rounding, and as EJML's solve of the same matrix; bit for bit the plain
     * one-column-at-a-time substitution (the pairs of columns only reorder the passes, not the
     * operations), for odd and even sizes.
     */
    @Test
    void solvesSeveralRightHandSidesLikeOneEach() {
        SplittableRandom rng = new SplittableRandom(9);
        for (int n : new int[] {300, 301}) {
            double[][] m = spd(n, rng);
            UpdatableCholesky f = new UpdatableCholesky();
            assertTrue(f.factor(m, n));
            double[][] r = new double[3][n];
            for (double[] x : r) {
                for (int i = 0; i < n; i++) {
                    x[i] = rng.nextGaussian();
                }
            }
            double[][] t = f.transposedRows();
            double[][] x = f.solve(r, t);
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(i);
            }
            for (int c = 0; c < r.length; c++) {
                assertArrayEquals(f.solve(r[c]), x[c], 1e-12, "right-hand side " + c);
                assertArrayEquals(reference(m, all, r[c]), x[c], 1e-10, "right-hand side " + c);
                assertArrayEquals(columnByColumn(t, r[c]), x[c], 0.0, "right-hand side " + c);
            }
        }
    }

    /**
     * rᵀM⁻¹r two rows a pass equals rᵀx with x from EJML's solve of M (an independent route) and
     * ‖forward(r)‖², for odd and even sizes, including the short rows summed without unrolling.
     */
    @Test
    void inverseQuadraticFormMatchesASolve() {
        SplittableRandom rng = new SplittableRandom(17);
        for (int n : new int[] {1, 2, 7, 300, 301}) {
            double[][] m = spd(n, rng);
            UpdatableCholesky f = new UpdatableCholesky();
            assertTrue(f.factor(m, n));
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = rng.nextGaussian();
            }
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(i);
            }
            double[] x = reference(m, all, r);
            double expected = 0.0;
            for (int i = 0; i < n; i++) {
                expected += r[i] * x[i];
            }
            double viaForward = 0.0;
            for (double y : f.forward(r)) {
                viaForward += y * y;
            }
            assertEquals(expected, f.inverseQuadraticForm(r), 1e-10 * expected, "n=" + n);
            assertEquals(viaForward, f.inverseQuadraticForm(r), 1e-12 * viaForward, "n=" + n);
        }
    }

    /** L y = r then Lᵀx = y, one column of L at a time (u = the rows of Lᵀ: u[j][i] = L_ij). */
    private static double[] columnByColumn(double[][] u, double[] r) {
        int n = r.length;
        double[] x = r.clone();
        for (int j = 0; j < n; j++) {
            x[j] /= u[j][j];
            for (int i = j + 1; i < n; i++) {
                x[i] -= u[j][i] * x[j];
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            x[i] /= u[i][i];
            for (int j = 0; j < i; j++) {
                x[j] -= u[j][i] * x[i];
            }
        }
        return x;
    }
}
