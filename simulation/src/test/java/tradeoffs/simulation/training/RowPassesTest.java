package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tradeoffs.theory.sample.Sample;

/**
 * The multi-row passes over the rows of a fit give the bits of the one-row loops they replace:
 * {@link SmoothedObjective#dots} against {@link SmoothedObjective#dot} row by row, and the
 * two-feature loop of {@link SignClasses#shrink} against the sums and the compaction written out
 * as plain loops in the general loop's order.
 */
class RowPassesTest {
    private static double[] values(int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[count];
        for (int k = 0; k < count; k++) {
            // exact zeros of both signs too: the sums' signed zeros must match as well
            int kind = rng.nextInt(12);
            v[k] = kind == 0 ? 0.0 : kind == 1 ? -0.0 : rng.nextDouble(-1, 1) * (1 + k % 5);
        }
        return v;
    }

    /** Every d around the four-row and four-column remainders, and blocks that start mid-sample. */
    @ParameterizedTest
    @CsvSource({
        "2, 0, 13",
        "2, 3, 11",
        "3, 0, 9",
        "7, 1, 10",
        "8, 0, 8",
        "9, 2, 15",
        "20, 0, 37",
        "31, 5, 19",
        "100, 0, 41",
        "100, 7, 12"
    })
    void dotsGiveEachRowsDotBitForBit(int d, int from, int to) {
        double[] x = values(to * d, 17L * d + to);
        double[] w = values(d, 3L * d);
        // a row whose products are all −0 (dot turns that into +0)
        for (int j = 0; j < d; j++) {
            x[from * d + j] = w[j] == 0 ? 1 : -0.0 * Math.signum(w[j]);
        }
        double[] out = new double[to - from];
        SmoothedObjective.dots(x, from, to, d, w, out);
        for (int k = from; k < to; k++) {
            double want = SmoothedObjective.dot(x, k * d, w, d);
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(out[k - from]), "row " + k);
        }
    }

    /** Four rows copied into a buffer first (a pass over a sample) give each row's dot bit for bit. */
    @ParameterizedTest
    @CsvSource({"32, 0, 8", "33, 2, 15", "100, 0, 41", "100, 7, 12", "101, 3, 6"})
    void dotsThroughRowCopiesGiveEachRowsDotBitForBit(int d, int from, int to) {
        double[] x = values(to * d, 31L * d + to);
        double[] w = values(d, 11L * d);
        for (int j = 0; j < d; j++) {
            x[from * d + j] = w[j] == 0 ? 1 : -0.0 * Math.signum(w[j]);
        }
        double[] buf = SmoothedObjective.rowCopyBuffer(d);
        assertTrue(buf != null && buf.length == 4 * d);
        double[] out = new double[to - from];
        SmoothedObjective.dots(x, from, to, d, w, out, buf);
        for (int k = from; k < to; k++) {
            double want = SmoothedObjective.dot(x, k * d, w, d);
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(out[k - from]), "row " + k);
        }
    }

    /** The two-vector kernel of the final check gives each row's two dots bit for bit (odd counts: the one-row tail). */
    @ParameterizedTest
    @CsvSource({"2, 0, 13", "3, 1, 10", "5, 0, 9", "8, 0, 8", "31, 5, 19", "100, 0, 41", "100, 7, 12"})
    void dotsTwoGiveEachRowsTwoDotsBitForBit(int d, int from, int to) {
        double[] x = values(to * d, 29L * d + to);
        double[] w = values(d, 5L * d);
        double[] v = values(d, 7L * d + 1);
        for (int j = 0; j < d; j++) {
            x[from * d + j] = w[j] == 0 ? 1 : -0.0 * Math.signum(w[j]);
        }
        double[] outW = new double[to - from];
        double[] outV = new double[to - from];
        SmoothedObjective.dotsTwo(x, from, to, d, w, v, outW, outV);
        for (int k = from; k < to; k++) {
            double wantW = SmoothedObjective.dot(x, k * d, w, d);
            double wantV = SmoothedObjective.dot(x, k * d, v, d);
            assertEquals(Double.doubleToRawLongBits(wantW), Double.doubleToRawLongBits(outW[k - from]), "w, row " + k);
            assertEquals(Double.doubleToRawLongBits(wantV), Double.doubleToRawLongBits(outV[k - from]), "v, row " + k);
        }
    }

    /**
     * Two shrinks at d = 2 (the second in place on the classes' own arrays), once with most rows
     * leaving (Σ of the moved rows formed as u − Σ_stay ρ'x) and once with a third leaving (formed
     * directly), against the definitions: v = Σ_G s x, t₀ = Σ_G s y in the general loop's order,
     * U's rows copied in order, each row's class.
     */
    /**
     * Four band rows added at once give the bits of four {@link SmoothedObjective#addOuter} calls
     * in turn (below and above the vectorised loop's lengths, signed zeros included), on a band
     * that already holds a sum.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 31, 100})
    void fourBandRowsGiveFourOuterProductsBitForBit(int d) {
        double[][] rows = new double[4][];
        for (int t = 0; t < 4; t++) {
            rows[t] = values(d, 41L * d + t);
        }
        double[] c = {0.75, -1.5, 0.0, 3.25};
        double[][] want = new double[d][];
        double[][] got = new double[d][];
        for (int j = 0; j < d; j++) {
            want[j] = values(d, 7L * j + d);
            got[j] = want[j].clone();
        }
        for (int t = 0; t < 4; t++) {
            SmoothedObjective.addOuter(want, rows[t], c[t]);
        }
        SmoothedObjective.addOuterFour(got, rows, c);
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                assertEquals(
                        Double.doubleToRawLongBits(want[j][k]),
                        Double.doubleToRawLongBits(got[j][k]),
                        "h[" + j + "][" + k + "]");
            }
        }
    }

    /** S w through four rows of S at a time equals each row's {@link SmoothedObjective#dot} bit for bit. */
    @ParameterizedTest
    @CsvSource({"40, 2", "40, 7", "60, 9", "300, 100"})
    void gramTimesGivesEachRowsDotBitForBit(int n, int d) {
        double[] x = values(n * d, 5L * n + d);
        double[] y = values(n, 9L * n + d);
        SufficientStatistics st = new SufficientStatistics(new Sample(n, d, x, y));
        double[] w = values(d, 13L * d);
        double[] got = st.gramTimes(w);
        double[] s = st.gram();
        for (int j = 0; j < d; j++) {
            double want = SmoothedObjective.dot(s, j * d, w, d);
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got[j]), "row " + j);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.8})
    void twoFeatureShrinkMatchesTheDefinitions(double tauScale) {
        int n = 203;
        int d = 2;
        double[] x = values(n * d, 5);
        double[] y = values(n, 6);
        SufficientStatistics stats = new SufficientStatistics(new Sample(n, d, x, y));
        SignClasses c = new SignClasses(stats);
        double[] wantV = new double[d];
        double wantT0 = 0;
        int[] sign = new int[n];
        List<Integer> u = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            u.add(i);
        }
        double[][] points = {{0.3, -0.2}, {0.1, 0.4}};
        int shrinks = 0;
        for (double[] w : points) {
            int m = c.m;
            double[] r = new double[m];
            for (int k = 0; k < m; k++) {
                int i = u.get(k);
                r[k] = y[i] - x[2 * i] * w[0] - x[2 * i + 1] * w[1];
            }
            double rms = 0;
            for (double rk : r) {
                rms += rk * rk / m;
            }
            double tau = tauScale * Math.sqrt(rms);
            double mu = tau / 4;
            double[] uSum = new double[d];
            double uy = 0;
            int stay = 0;
            for (int k = 0; k < m; k++) {
                int i = u.get(k);
                double dr = Math.abs(r[k]) < mu ? r[k] / mu : Math.signum(r[k]);
                uSum[0] += dr * x[2 * i];
                uSum[1] += dr * x[2 * i + 1];
                uy += dr * y[i];
                stay += Math.abs(r[k]) <= tau ? 1 : 0;
            }
            boolean direct = m - stay <= stay;
            // 0.2: most rows leave (the complement form); 0.8: about a third (the direct form)
            assertEquals(tauScale > 0.5, direct, "the case this parameter covers");
            double[] moved = direct ? new double[d] : uSum.clone();
            double movedY = direct ? 0 : uy;
            List<Integer> next = new ArrayList<>();
            for (int k = 0; k < m; k++) {
                int i = u.get(k);
                boolean st = Math.abs(r[k]) <= tau;
                if (st) {
                    next.add(i);
                    if (!direct) {
                        double dr = Math.abs(r[k]) < mu ? r[k] / mu : Math.signum(r[k]);
                        moved[0] += -dr * x[2 * i];
                        moved[1] += -dr * x[2 * i + 1];
                        movedY -= dr * y[i];
                    }
                } else {
                    double s = r[k] > 0 ? 1.0 : -1.0;
                    sign[i] = (int) s;
                    if (direct) {
                        moved[0] += s * x[2 * i];
                        moved[1] += s * x[2 * i + 1];
                        movedY += s * y[i];
                    }
                }
            }
            boolean shrunk = c.shrink(r, tau, mu, uSum, uy);
            if (!shrunk) {
                continue;
            }
            shrinks++;
            wantV[0] += moved[0];
            wantV[1] += moved[1];
            wantT0 += movedY;
            u = next;
            assertArrayEquals(wantV, c.v);
            assertEquals(wantT0, c.t0, 0.0);
            assertEquals(u.size(), c.m);
            assertEquals(n - u.size(), c.count);
            for (int k = 0; k < c.m; k++) {
                int i = u.get(k);
                assertEquals(i, c.row(k));
                assertEquals(x[2 * i], c.x[2 * k], 0.0);
                assertEquals(x[2 * i + 1], c.x[2 * k + 1], 0.0);
                assertEquals(y[i], c.y[k], 0.0);
            }
            for (int i = 0; i < n; i++) {
                assertEquals(sign[i], c.sign(i), "class of row " + i);
            }
        }
        assertTrue(shrinks >= 1, "no shrink happened: the test checks nothing");
    }
}
