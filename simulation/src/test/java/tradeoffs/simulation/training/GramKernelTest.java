package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GramKernelTest {
    private static double[] design(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int k = 0; k < x.length; k++) {
            x[k] = rng.nextDouble(-1, 1) * (1 + k % 7);
        }
        return x;
    }

    /**
     * The row-buffer loop sums every entry's rows in the same groups and order as the register
     * block, so the two give the same bits; n and d cover every remainder of the eight-, four- and
     * one-row loops and of the four-column block.
     */
    @ParameterizedTest
    @CsvSource({"1, 16", "3, 17", "4, 18", "7, 19", "8, 20", "13, 21", "29, 33", "203, 100", "1001, 31"})
    void rowBuffersGiveTheRegisterBlocksBits(int n, int d) {
        double[] x = design(n, d, 31L * n + d);
        assertArrayEquals(GramKernel.registerBlock(x, n, d), GramKernel.rowBuffers(x, n, d));
    }

    /** The two-feature loop keeps the register block's sums in registers: the same bits. */
    @ParameterizedTest
    @CsvSource({"1", "3", "4", "5", "8", "1003"})
    void twoFeaturesGiveTheRegisterBlocksBits(int n) {
        double[] x = design(n, 2, 11L * n);
        assertArrayEquals(GramKernel.registerBlock(x, n, 2), GramKernel.twoFeatures(x, n));
    }

    /** Against the textbook triple loop Σ_i x_ij x_ik, in compensated (Kahan) summation. */
    @ParameterizedTest
    @CsvSource({"5, 2", "37, 9", "203, 16", "515, 40"})
    void matchesTheDefinition(int n, int d) {
        double[] x = design(n, d, 7L * n + d);
        double[] s = GramKernel.gram(x, n, d);
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                double sum = 0;
                double c = 0;
                double abs = 0;
                for (int i = 0; i < n; i++) {
                    double t = x[i * d + j] * x[i * d + k] - c;
                    double u = sum + t;
                    c = (u - sum) - t;
                    sum = u;
                    abs += Math.abs(x[i * d + j] * x[i * d + k]);
                }
                assertEquals(sum, s[j * d + k], 1e-14 * abs, "S[" + j + "][" + k + "]");
                assertEquals(s[j * d + k], s[k * d + j], 0.0, "symmetry");
            }
        }
    }

    /**
     * Against a peer implementation, EJML's CommonOps_DDRM.multTransA (its own loop order): every
     * entry within 1e-14 of Σ_i |x_ij x_ik| (a few roundings of the rows' sum; the two orders of
     * summation differ), at the d = 100 of the benchmark cells and around the loops' remainders.
     */
    @ParameterizedTest
    @CsvSource({"8, 16", "203, 33", "1001, 100", "4099, 100"})
    void agreesWithEjmlsProduct(int n, int d) {
        double[] x = design(n, d, 3L * n + d);
        double[] s = GramKernel.gram(x, n, d);
        DMatrixRMaj xm = DMatrixRMaj.wrap(n, d, x.clone());
        DMatrixRMaj ref = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(xm, xm, ref);
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                double abs = 0;
                for (int i = 0; i < n; i++) {
                    abs += Math.abs(x[i * d + j] * x[i * d + k]);
                }
                assertEquals(ref.get(j, k), s[j * d + k], 1e-14 * abs, "S[" + j + "][" + k + "]");
            }
        }
    }

    /**
     * The order of summation stated in GramKernel's Javadoc, written out entry by entry: rows in
     * groups of eight, each group added as (S + (four products)) + (four products), then a group
     * of four, then single rows; so S is the same bits for every n and d at or above the row-buffer
     * threshold, whatever loop forms it (this pins the order: a kernel that sums differently fails).
     */
    @ParameterizedTest
    @CsvSource({"1, 16", "12, 17", "29, 40", "203, 100"})
    void followsTheStatedOrderBitForBit(int n, int d) {
        double[] x = design(n, d, 19L * n + d);
        double[] s = GramKernel.gram(x, n, d);
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                double g = 0;
                int i = 0;
                for (; i + 8 <= n; i += 8) {
                    double first = 0;
                    double second = 0;
                    for (int r = 0; r < 4; r++) {
                        double p = x[(i + r) * d + j] * x[(i + r) * d + k];
                        first = r == 0 ? p : first + p;
                        double q = x[(i + 4 + r) * d + j] * x[(i + 4 + r) * d + k];
                        second = r == 0 ? q : second + q;
                    }
                    g = (g + first) + second;
                }
                for (; i + 4 <= n; i += 4) {
                    double four = 0;
                    for (int r = 0; r < 4; r++) {
                        double p = x[(i + r) * d + j] * x[(i + r) * d + k];
                        four = r == 0 ? p : four + p;
                    }
                    g += four;
                }
                for (; i < n; i++) {
                    g += x[i * d + j] * x[i * d + k];
                }
                assertEquals(
                        Double.doubleToRawLongBits(g),
                        Double.doubleToRawLongBits(s[j * d + k]),
                        "S[" + j + "][" + k + "]");
                assertEquals(
                        Double.doubleToRawLongBits(g),
                        Double.doubleToRawLongBits(s[k * d + j]),
                        "S[" + k + "][" + j + "]");
            }
        }
    }

    /**
     * Σ_i a_i x_i and Σ_i b_i x_i accumulated row by row through one shared row copy equal the plain
     * scalar loops bit for bit (same order of additions), below and above the row-buffer threshold.
     */
    @ParameterizedTest
    @CsvSource({"11, 5", "11, 31", "11, 32", "40, 100"})
    void twoScaledRowsThroughOneCopyGiveThePlainLoopsBits(int n, int d) {
        double[] x = design(n, d, 13L * n + d);
        double[] a = design(n, 1, 5L * n + d);
        double[] b = design(n, 1, 9L * n + d);
        double[] acc1 = new double[d];
        double[] acc2 = new double[d];
        double[] buf = new double[d];
        double[] want1 = new double[d];
        double[] want2 = new double[d];
        for (int i = 0; i < n; i++) {
            GramKernel.addScaledRows(acc1, a[i], acc2, b[i], x, i * d, buf);
            for (int j = 0; j < d; j++) {
                want1[j] += a[i] * x[i * d + j];
                want2[j] += b[i] * x[i * d + j];
            }
        }
        assertArrayEquals(want1, acc1);
        assertArrayEquals(want2, acc2);
    }
    /**
     * Three sums over a block of rows, four rows at a time (through row buffers from d = 32), equal
     * the row-by-row loops bit for bit; count covers the four-row remainder and k0 a block that
     * starts mid-sample.
     */
    @ParameterizedTest
    @CsvSource({"0, 7, 5", "3, 9, 20", "1, 4, 31", "2, 11, 32", "5, 13, 100", "0, 3, 100"})
    void scaledBlockGivesTheRowByRowBits(int k0, int count, int d) {
        int n = k0 + count;
        double[] x = design(n, d, 19L * n + d);
        double[] ca = design(count, 1, 3L * d);
        double[] cb = design(count, 1, 4L * d);
        double[] cc = design(count, 1, 6L * d);
        for (int sums = 1; sums <= 3; sums++) {
            boolean second = sums >= 2;
            boolean third = sums == 3;
            double[] a = design(d, 1, 1);
            double[] b = second ? design(d, 1, 2) : null;
            double[] c = third ? design(d, 1, 8) : null;
            double[] wantA = a.clone();
            double[] wantB = second ? b.clone() : null;
            double[] wantC = third ? c.clone() : null;
            for (int k = 0; k < count; k++) {
                for (int j = 0; j < d; j++) {
                    double xj = x[(k0 + k) * d + j];
                    wantA[j] += ca[k] * xj;
                    if (second) {
                        wantB[j] += cb[k] * xj;
                    }
                    if (third) {
                        wantC[j] += cc[k] * xj;
                    }
                }
            }
            GramKernel.addScaledBlock(
                    a, ca, b, second ? cb : null, c, third ? cc : null, x, k0, count, new double[4][d]);
            assertArrayEquals(wantA, a);
            if (second) {
                assertArrayEquals(wantB, b);
            }
            if (third) {
                assertArrayEquals(wantC, c);
            }
        }
    }
}
