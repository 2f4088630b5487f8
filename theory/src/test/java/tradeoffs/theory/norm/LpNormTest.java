package tradeoffs.theory.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class LpNormTest {

    @Test
    void normsOfAHandVector() {
        double[] w = {3.0, -4.0};
        assertEquals(7.0, LpNorm.L1.norm(w), 0.0);
        assertEquals(5.0, LpNorm.L2.norm(w), 1e-15);
        assertEquals(4.0, LpNorm.LINF.norm(w), 0.0);
        // (3^3 + 4^3)^(1/3) = 91^(1/3), by hand
        assertEquals(Math.cbrt(91.0), LpNorm.of(3).norm(w), 1e-14);
    }

    @Test
    void dualExponents() {
        assertSame(LpNorm.LINF, LpNorm.L1.dual());
        assertSame(LpNorm.L1, LpNorm.LINF.dual());
        assertSame(LpNorm.L2, LpNorm.L2.dual());
        assertEquals(1.5, LpNorm.of(3).dual().p(), 1e-15);
        assertEquals(3.0, LpNorm.of(1.5).dual().p(), 1e-14);
    }

    @Test
    void invalidExponentIsRejectedWithTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LpNorm.of(0.5));
        assertTrue(e.getMessage().contains("p must be in [1, inf]"), e.getMessage());
        assertTrue(e.getMessage().contains("0.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LpNorm.of(Double.NaN));
    }

    @Test
    void parse() {
        assertSame(LpNorm.L1, LpNorm.parse("l1"));
        assertSame(LpNorm.L2, LpNorm.parse("L2"));
        assertSame(LpNorm.LINF, LpNorm.parse("linf"));
        assertSame(LpNorm.LINF, LpNorm.parse("inf"));
        assertEquals(3.0, LpNorm.parse("l3").p(), 0.0);
        assertEquals(1.5, LpNorm.parse("l1.5").p(), 0.0);
        assertEquals("l1.5", LpNorm.parse("l1.5").name());
        assertEquals("linf", LpNorm.LINF.name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LpNorm.parse("l0.5"));
        assertTrue(e.getMessage().contains("l1, l2, linf"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LpNorm.parse("lx"));
    }

    /** u* is feasible and attains ‖w‖_q; no sampled feasible u does better (brute force). */
    @Property(tries = 60)
    void worstCaseDirectionAttainsTheDualNorm(
            @ForAll @DoubleRange(min = 1.0, max = 6.0) double pRaw, @ForAll("seeds") long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (LpNorm norm : new LpNorm[] {LpNorm.L1, LpNorm.L2, LpNorm.LINF, LpNorm.of(pRaw)}) {
            double[] w = new double[4];
            for (int i = 0; i < w.length; i++) {
                w[i] = rng.nextGaussian();
            }
            double[] u = norm.worstCaseDirection(w);
            assertTrue(norm.norm(u) <= 1.0 + 1e-12, "u* feasible");
            double attained = dot(u, w);
            assertEquals(norm.dualNorm(w), attained, 1e-12 * (1 + attained));
            for (int k = 0; k < 2000; k++) {
                double[] z = new double[w.length];
                for (int i = 0; i < z.length; i++) {
                    z[i] = rng.nextGaussian();
                }
                double nz = norm.norm(z);
                assertTrue(dot(z, w) / nz <= attained + 1e-12, "random direction beats u*");
            }
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seeds() {
        return net.jqwik.api.Arbitraries.longs();
    }

    @Test
    void worstCaseDirectionsByHand() {
        double[] w = {0.5, -2.0, 1.0};
        assertArrayEquals(new double[] {1, -1, 1}, LpNorm.LINF.worstCaseDirection(w), 0.0);
        assertArrayEquals(new double[] {0, -1, 0}, LpNorm.L1.worstCaseDirection(w), 0.0);
        double n = Math.sqrt(0.25 + 4 + 1);
        assertArrayEquals(new double[] {0.5 / n, -2 / n, 1 / n}, LpNorm.L2.worstCaseDirection(w), 1e-15);
    }

    @Test
    void subgradientDistanceByHand() {
        // ℓ1 at w = (1, 0): ∂ = {(1, t)}, a = (−2, 0.5), κ = 1: residual (−1, max(0, 0.5 − 1)) → 1
        assertEquals(1.0, LpNorm.L1.subgradientDistance(new double[] {1, 0}, new double[] {-2, 0.5}, 1.0, 0), 1e-15);
        // ℓ∞ at w = (1, −1): ∂ = {(t, −(1−t))}, a = (−0.5, 0.5), κ = 1: t = 0.5 gives 0
        assertEquals(
                0.0,
                LpNorm.LINF.subgradientDistance(new double[] {1, -1}, new double[] {-0.5, 0.5}, 1.0, 1e-12),
                1e-15);
        // ℓ∞ at w = (1, 0.5): ∂ = {(1, 0)}, a = (−0.5, 0.5), κ = 1: residual (0.5, 0.5)
        assertEquals(
                Math.sqrt(0.5),
                LpNorm.LINF.subgradientDistance(new double[] {1, 0.5}, new double[] {-0.5, 0.5}, 1.0, 1e-12),
                1e-15);
        // at w = 0 the ℓ2 subdifferential is the unit ball: ‖a‖ = 5, κ = 2 → 3
        assertEquals(3.0, LpNorm.L2.subgradientDistance(new double[] {0, 0}, new double[] {3, 4}, 2.0, 0), 1e-15);
    }

    @Test
    void l1BallProjectionIsExactAndOptimal() {
        double[] x = {3.0, -1.0, 0.5};
        double[] p = L1BallProjection.project(x, 2.0);
        // by hand: θ = 1 → (2, 0, 0)
        assertArrayEquals(new double[] {2.0, -0.0, 0.0}, p, 1e-15);
        SplittableRandom rng = new SplittableRandom(7);
        for (int k = 0; k < 200; k++) {
            double[] y = new double[5];
            for (int i = 0; i < 5; i++) {
                y[i] = 3 * rng.nextGaussian();
            }
            double r = 1.0 + rng.nextDouble();
            double[] py = L1BallProjection.project(y, r);
            assertTrue(LpNorm.L1.norm(py) <= r * (1 + 1e-14));
            double best = dist2(y, py);
            // no sampled point of the ball is closer (brute force)
            for (int t = 0; t < 300; t++) {
                double[] z = new double[5];
                for (int i = 0; i < 5; i++) {
                    z[i] = rng.nextGaussian();
                }
                double nz = LpNorm.L1.norm(z);
                double scale = r * rng.nextDouble() / nz;
                for (int i = 0; i < 5; i++) {
                    z[i] *= scale;
                }
                assertTrue(dist2(y, z) >= best - 1e-12);
            }
        }
    }

    private static double dist2(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
