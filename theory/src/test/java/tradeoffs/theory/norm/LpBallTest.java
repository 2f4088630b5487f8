package tradeoffs.theory.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.ParameterException;

class LpBallTest {
    private static final LpNorm[] NORMS = {LpNorm.L1, LpNorm.L2, LpNorm.LINF};

    @Test
    void byHand() {
        // ℓ∞: clip; ℓ2: (3, 4) has norm 5, scaled to radius 1; ℓ1: θ = 1 on (3, −1, 0.5) at r = 2
        double[] v = {3, -0.2, -4};
        LpBall.project(LpNorm.LINF, v, 0.5);
        assertArrayEquals(new double[] {0.5, -0.2, -0.5}, v, 0.0);
        v = new double[] {3, 4};
        LpBall.project(LpNorm.L2, v, 1.0);
        assertArrayEquals(new double[] {0.6, 0.8}, v, 1e-15);
        v = new double[] {3, -1, 0.5};
        LpBall.project(LpNorm.L1, v, 2.0);
        assertArrayEquals(new double[] {2, 0, 0}, v, 1e-15);
        // a point inside the ball stays
        v = new double[] {0.1, -0.2};
        LpBall.project(LpNorm.L1, v, 1.0);
        assertArrayEquals(new double[] {0.1, -0.2}, v, 0.0);
    }

    /** The projection is the closest point of the ball: no random point of the ball is closer. */
    @Test
    void projectionsLandInTheBallAndAreClosest() {
        SplittableRandom rng = new SplittableRandom(6);
        for (LpNorm p : NORMS) {
            for (int t = 0; t < 100; t++) {
                double[] v = gaussian(7, rng);
                double[] orig = v.clone();
                LpBall.project(p, v, 0.5);
                assertTrue(p.norm(v) <= 0.5 * (1 + 1e-12), p + " trial " + t);
                double dist = dist(v, orig);
                for (int s = 0; s < 200; s++) {
                    double[] u = gaussian(7, rng);
                    double scale = 0.5 * rng.nextDouble() / p.norm(u);
                    for (int j = 0; j < 7; j++) {
                        u[j] *= scale;
                    }
                    assertTrue(dist(u, orig) >= dist - 1e-12, p + " trial " + t);
                }
            }
        }
    }

    /** A block of a longer array is projected alone, bit for bit as the same values on their own. */
    @Test
    void blockProjectionTouchesOnlyItsBlockAndMatchesTheWholeArrayForm() {
        SplittableRandom rng = new SplittableRandom(11);
        for (LpNorm p : NORMS) {
            double[] rows = gaussian(12, rng);
            double[] before = rows.clone();
            LpBall.project(p, rows, 4, 4, 0.3);
            double[] alone = java.util.Arrays.copyOfRange(before, 4, 8);
            LpBall.project(p, alone, 0.3);
            for (int j = 0; j < 12; j++) {
                double expected = j >= 4 && j < 8 ? alone[j - 4] : before[j];
                assertEquals(expected, rows[j], 0.0, p + " index " + j);
            }
        }
    }

    @Test
    void badInputNamesTheParameter() {
        ParameterException e =
                assertThrows(ParameterException.class, () -> LpBall.project(LpNorm.L2, new double[2], -1));
        assertEquals("radius", e.parameter());
        e = assertThrows(ParameterException.class, () -> LpBall.project(LpNorm.of(3), new double[2], 1));
        assertEquals("norm must be l1, l2 or linf (got l3)", e.getMessage());
    }

    static double[] gaussian(int d, SplittableRandom rng) {
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = rng.nextGaussian();
        }
        return v;
    }

    static double dist(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(s);
    }
}
