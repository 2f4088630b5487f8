package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The two panel kernels of the ℓ2 sign-piece route against the one-row-at-a-time forms they
 * replace, bit for bit: the panel triangular solves ({@link NewtonSystem#forward}, PieceDirection's
 * backward solve; one axpy per pivot) and
 * {@link SignPiece#signsAndNorms} (b += s_i x_i and ‖x_i‖ with four partial sums, one row at a
 * time). Every size up to 9 and a few larger ones cover the panels' remainders.
 */
class PanelSolvesTest {
    private static final int[] SIZES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 20, 64, 100, 101};

    /** A random upper-triangular U (rows; entries below the diagonal zero) with a positive diagonal. */
    private static double[][] upper(int d, SplittableRandom rng) {
        double[][] u = new double[d][d];
        for (int j = 0; j < d; j++) {
            u[j][j] = rng.nextDouble(0.5, 2);
            for (int c = j + 1; c < d; c++) {
                u[j][c] = rng.nextDouble(-1, 1) * Math.exp(rng.nextDouble(-10, 10));
            }
        }
        return u;
    }

    private static void assertSameBits(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(
                    Double.doubleToRawLongBits(expected[i]),
                    Double.doubleToRawLongBits(actual[i]),
                    what + ", entry " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    @Test
    void triangularSolvesByPanelsEqualOneAxpyPerPivot() {
        SplittableRandom rng = new SplittableRandom(17);
        for (int d : SIZES) {
            double[][] u = upper(d, rng);
            double[][] lower = new double[d][d];
            for (int j = 0; j < d; j++) {
                for (int c = j; c < d; c++) {
                    lower[c][j] = u[j][c];
                }
            }
            double[] v = new double[d];
            for (int j = 0; j < d; j++) {
                v[j] = rng.nextDouble(-1, 1) * Math.exp(rng.nextDouble(-10, 10));
            }
            // Uᵀz = v: pivot j, then v_c −= z_j U_jc for every c > j
            double[] z = v.clone();
            for (int j = 0; j < d; j++) {
                z[j] /= u[j][j];
                for (int c = j + 1; c < d; c++) {
                    z[c] -= z[j] * u[j][c];
                }
            }
            double[] forward = v.clone();
            NewtonSystem.forward(u, forward, d);
            assertSameBits(z, forward, "forward, d = " + d);
            // U s = z from the last pivot up: v_c −= s_j L_jc for every c < j
            double[] s = z.clone();
            for (int j = d - 1; j >= 0; j--) {
                s[j] /= lower[j][j];
                for (int c = 0; c < j; c++) {
                    s[c] -= s[j] * lower[j][c];
                }
            }
            double[] backward = z.clone();
            PieceDirection.backward(lower, backward, d);
            assertSameBits(s, backward, "backward, d = " + d);
            // and an independent check of the solve: U s reproduces z
            for (int i = 0; i < d; i++) {
                double r = 0;
                double scale = 0;
                for (int c = i; c < d; c++) {
                    r += u[i][c] * s[c];
                    scale += Math.abs(u[i][c] * s[c]);
                }
                // round-off of the sum: relative to the sum of the magnitudes of its terms
                assertEquals(z[i], r, 1e-13 * d * scale, "(U s)_" + i + ", d = " + d);
            }
        }
    }

    @Test
    void signsAndNormsFourRowsAtATimeEqualOneRowAtATime() {
        SplittableRandom rng = new SplittableRandom(23);
        for (int d : SIZES) {
            for (int n : new int[] {1, 3, 4, 7, 9, 13}) {
                double[] x = new double[n * d];
                for (int k = 0; k < x.length; k++) {
                    x[k] = rng.nextDouble(-1, 1) * Math.exp(rng.nextDouble(-10, 10));
                }
                double[] y = rng.doubles(n, -1, 1).toArray();
                double[] r = rng.doubles(n, -1, 1).toArray();
                r[0] = 0; // zero counts as +1
                double[] b0 = rng.doubles(d, -1, 1).toArray();
                // reference: each row in turn, b_j += s x_ij, ‖x_i‖² as four partial sums by j mod 4
                // (the rest after the last full four into the first), combined (q₀ + q₁) + (q₂ + q₃)
                double[] b = b0.clone();
                double[] norms = new double[n];
                byte[] signs = new byte[n];
                double sumY = 0;
                for (int i = 0; i < n; i++) {
                    byte sg = r[i] >= 0 ? (byte) 1 : (byte) -1;
                    signs[i] = sg;
                    sumY += sg * y[i];
                    double[] q = new double[4];
                    int full = d - d % 4;
                    for (int j = 0; j < d; j++) {
                        double v = x[i * d + j];
                        b[j] += sg * v;
                        q[j < full ? j % 4 : 0] += v * v;
                    }
                    norms[i] = Math.sqrt((q[0] + q[1]) + (q[2] + q[3]));
                }
                double[] bKernel = b0.clone();
                double[] normsKernel = new double[n];
                byte[] signsKernel = new byte[n];
                double sumKernel = SignPiece.signsAndNorms(x, y, r, n, d, signsKernel, bKernel, normsKernel);
                String what = "n = " + n + ", d = " + d;
                assertEquals(Double.doubleToRawLongBits(sumY), Double.doubleToRawLongBits(sumKernel), what);
                assertSameBits(b, bKernel, "b, " + what);
                assertSameBits(norms, normsKernel, "‖x_i‖, " + what);
                for (int i = 0; i < n; i++) {
                    assertEquals(signs[i], signsKernel[i], "sign " + i + ", " + what);
                }
            }
        }
    }
}
