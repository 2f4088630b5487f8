package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.optim.DampedNewton;

class NewtonSystemTest {
    /** A random symmetric positive definite k × k matrix AᵀA + k·I. */
    private static double[] spd(int k, SplittableRandom rng) {
        double[] a = new double[k * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextDouble(-1, 1);
        }
        double[] h = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double s = i == j ? k : 0;
                for (int r = 0; r < k; r++) {
                    s += a[r * k + i] * a[r * k + j];
                }
                h[i * k + j] = s;
            }
        }
        return h;
    }

    @Test
    void solvesEachSystemWrittenIntoTheReusedStorage() {
        // reference: the residual H s + g, formed by a plain product (an independent check of s)
        SplittableRandom rng = new SplittableRandom(7);
        int k = 37;
        NewtonSystem system = new NewtonSystem(k);
        for (int round = 0; round < 3; round++) {
            double[] h = spd(k, rng);
            double[] g = rng.doubles(k, -1, 1).toArray();
            System.arraycopy(h, 0, system.hessian, 0, k * k);
            double[] s = new double[k];
            assertTrue(system.direction(g, s));
            assertArrayEquals(h, system.hessian, 0.0, "H is not modified");
            for (int i = 0; i < k; i++) {
                double r = g[i];
                for (int j = 0; j < k; j++) {
                    r += h[i * k + j] * s[j];
                }
                assertEquals(0.0, r, 1e-12, "row " + i + " of H s + g, round " + round);
            }
        }
    }

    @Test
    void agreesWithEjmlsCholeskyThroughDampedNewton() {
        // an independent implementation: EJML's inner-product Cholesky behind
        // DampedNewton.choleskyDirection, on an ill-conditioned matrix (condition ~ 1e6)
        SplittableRandom rng = new SplittableRandom(11);
        int k = 100;
        NewtonSystem system = new NewtonSystem(k);
        for (int round = 0; round < 2; round++) {
            double[] h = spd(k, rng);
            for (int j = 0; j < k; j++) {
                h[j * k + j] += round == 0 ? 0 : 1e6 * (j == 0 ? 1 : 0);
            }
            double[] g = rng.doubles(k, -1, 1).toArray();
            System.arraycopy(h, 0, system.hessian, 0, k * k);
            double[] mine = new double[k];
            double[] theirs = new double[k];
            assertTrue(system.direction(g, mine));
            assertTrue(DampedNewton.choleskyDirection(h, g, k, theirs));
            for (int j = 0; j < k; j++) {
                assertEquals(theirs[j], mine[j], 1e-12 * Math.max(1, Math.abs(theirs[j])), "entry " + j);
            }
        }
    }

    @Test
    void repairsASingularMatrixWithARidgeAndRejectsNaN() {
        NewtonSystem system = new NewtonSystem(2);
        // [[1, 1], [1, 1]] is singular: the ridge makes it definite; H s = −g to ~ the ridge
        System.arraycopy(new double[] {1, 1, 1, 1}, 0, system.hessian, 0, 4);
        double[] s = new double[2];
        assertTrue(system.direction(new double[] {1, 1}, s));
        assertEquals(-1.0, s[0] + s[1], 1e-6);
        System.arraycopy(new double[] {Double.NaN, 0, 0, 1}, 0, system.hessian, 0, 4);
        double[] t = {5, 5};
        assertFalse(system.direction(new double[] {1, 1}, t));
        assertArrayEquals(new double[] {5, 5}, t, 0.0, "left as it was");
    }
}
