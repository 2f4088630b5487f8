package tradeoffs.theory.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.norm.LpNorm;

/** The closed-form BETA margin (docs/math.md §10.6) against brute force over the ball. */
class LinearBetaTest {
    static double marginAt(double[][] w, double[] b, double[] x, int y, int j) {
        double m = b[j] - b[y];
        for (int i = 0; i < x.length; i++) {
            m += (w[j][i] - w[y][i]) * x[i];
        }
        return m;
    }

    /** A random point of the ℓp ball of radius ε: a Gaussian direction scaled to norm ε·U^(1/n). */
    static double[] randomInBall(LpNorm p, double eps, int n, SplittableRandom rng) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = rng.nextGaussian();
        }
        double s = eps * Math.pow(rng.nextDouble(), 1.0 / n) / p.norm(d);
        for (int i = 0; i < n; i++) {
            d[i] *= s;
        }
        return d;
    }

    /** The vertices of the ℓ1 ball (±ε e_i) and of the ℓ∞ ball (all sign patterns), where a linear maximum lies. */
    static List<double[]> vertices(LpNorm p, double eps, int n) {
        List<double[]> v = new java.util.ArrayList<>();
        if (p.isOne()) {
            for (int i = 0; i < n; i++) {
                for (int s = -1; s <= 1; s += 2) {
                    double[] d = new double[n];
                    d[i] = s * eps;
                    v.add(d);
                }
            }
        } else if (p.isInfinity()) {
            for (int mask = 0; mask < (1 << n); mask++) {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = ((mask >> i) & 1) == 1 ? eps : -eps;
                }
                v.add(d);
            }
        }
        return v;
    }

    @Test
    void closedFormIsNeverBeatenAndIsAttainedByTheReturnedDelta() {
        SplittableRandom rng = new SplittableRandom(5);
        int k = 4;
        int n = 6;
        for (LpNorm p : List.of(LpNorm.L1, LpNorm.L2, LpNorm.LINF, LpNorm.of(3), LpNorm.of(1.5))) {
            for (int trial = 0; trial < 40; trial++) {
                double[][] w = new double[k][n];
                double[] b = new double[k];
                double[] x = new double[n];
                for (int c = 0; c < k; c++) {
                    b[c] = rng.nextGaussian();
                    for (int i = 0; i < n; i++) {
                        w[c][i] = rng.nextGaussian();
                    }
                }
                for (int i = 0; i < n; i++) {
                    x[i] = rng.nextGaussian();
                }
                int y = rng.nextInt(k);
                double eps = rng.nextDouble();
                double bestOverJ = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    if (j == y) {
                        continue;
                    }
                    LinearBeta.MarginMaximum m = LinearBeta.maxMargin(w, b, x, y, j, p, eps);
                    assertTrue(p.norm(m.delta()) <= eps * (1 + 1e-12), "delta in the ball");
                    assertEquals(
                            m.margin(),
                            marginAt(w, b, MultiPerturbationAccuracyTest.add(x, m.delta()), y, j),
                            1e-12,
                            "attained");
                    double brute = Double.NEGATIVE_INFINITY;
                    for (int t = 0; t < 2000; t++) {
                        brute = Math.max(
                                brute,
                                marginAt(
                                        w,
                                        b,
                                        MultiPerturbationAccuracyTest.add(x, randomInBall(p, eps, n, rng)),
                                        y,
                                        j));
                    }
                    for (double[] v : vertices(p, eps, n)) {
                        brute = Math.max(brute, marginAt(w, b, MultiPerturbationAccuracyTest.add(x, v), y, j));
                    }
                    assertTrue(brute <= m.margin() + 1e-12, p + ": brute " + brute + " > " + m.margin());
                    if (p.isOne() || p.isInfinity()) {
                        assertEquals(m.margin(), brute, 1e-12, "a vertex attains the maximum");
                    }
                    bestOverJ = Math.max(bestOverJ, m.margin());
                }
                LinearBeta.MarginMaximum beta = LinearBeta.attack(w, b, x, y, p, eps);
                assertEquals(bestOverJ, beta.margin(), 0.0);
                // robust misclassification as BETA decides it ⇔ the argmax at x + δ* is not uniquely y
                double[] z = MultiPerturbationAccuracyTest.add(x, beta.delta());
                boolean wrong = false;
                double fy = b[y] + dot(w[y], z);
                for (int j = 0; j < k; j++) {
                    wrong |= j != y && b[j] + dot(w[j], z) >= fy;
                }
                if (Math.abs(beta.margin()) > 1e-9) {
                    assertEquals(wrong, beta.misclassified());
                }
            }
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void byHand() {
        // two classes in 2-D: f_0 = x₁, f_1 = x₂; at x = (1, 0), y = 0: M_1 = x₂ − x₁ = −1 without attack
        double[][] w = {{1, 0}, {0, 1}};
        double[] b = {0, 0};
        double[] x = {1, 0};
        // ℓ∞ ball: −1 + ε‖(−1, 1)‖₁ = −1 + 2ε; ℓ2: −1 + √2 ε; ℓ1: −1 + ε
        assertEquals(
                -1 + 2 * 0.3, LinearBeta.attack(w, b, x, 0, LpNorm.LINF, 0.3).margin(), 1e-15);
        assertEquals(
                -1 + Math.sqrt(2) * 0.3,
                LinearBeta.attack(w, b, x, 0, LpNorm.L2, 0.3).margin(),
                1e-15);
        assertEquals(-1 + 0.3, LinearBeta.attack(w, b, x, 0, LpNorm.L1, 0.3).margin(), 1e-15);
        // ε = 0.5 under ℓ∞ reaches the tie exactly: a tie is an error
        assertTrue(LinearBeta.robustlyMisclassified(w, b, x, 0, LpNorm.LINF, 0.5));
        assertFalse(LinearBeta.robustlyMisclassified(w, b, x, 0, LpNorm.LINF, 0.49));
        // ε = 0 with a tie in the clean scores is an error too
        assertTrue(LinearBeta.robustlyMisclassified(w, b, new double[] {1, 1}, 0, LpNorm.L2, 0));
        // BETA picks the class with the largest maximised margin, not the largest clean score
        double[][] w3 = {{0, 0}, {0.5, 0}, {0, 3}};
        LinearBeta.MarginMaximum m =
                LinearBeta.attack(w3, new double[] {0, 0, 0}, new double[] {0.1, -0.2}, 0, LpNorm.LINF, 0.2);
        // class 1: 0.05 + 0.2·0.5 = 0.15; class 2: −0.6 + 0.2·3 = 0.0 → class 1
        assertEquals(1, m.wrongClass());
        assertEquals(0.15, m.margin(), 1e-15);
        assertEquals(
                0.5,
                LinearBeta.robustAccuracy(w, b, new double[][] {{1, 0}, {0, 1}}, new int[] {0, 0}, LpNorm.L2, 0.1),
                0);
    }

    @Test
    void badShapesAreRejected() {
        double[][] w = {{1, 0}, {0, 1}};
        assertThrows(
                IllegalArgumentException.class,
                () -> LinearBeta.attack(w, new double[] {0}, new double[] {1, 0}, 0, LpNorm.L2, 0.1));
        assertThrows(
                IllegalArgumentException.class,
                () -> LinearBeta.attack(w, new double[] {0, 0}, new double[] {1}, 0, LpNorm.L2, 0.1));
        assertThrows(
                IllegalArgumentException.class,
                () -> LinearBeta.attack(w, new double[] {0, 0}, new double[] {1, 0}, 2, LpNorm.L2, 0.1));
        assertThrows(
                IllegalArgumentException.class,
                () -> LinearBeta.attack(w, new double[] {0, 0}, new double[] {1, 0}, 0, LpNorm.L2, -1));
        assertThrows(
                IllegalArgumentException.class,
                () -> LinearBeta.maxMargin(w, new double[] {0, 0}, new double[] {1, 0}, 0, 0, LpNorm.L2, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> LinearBeta.attack(
                        new double[][] {{1, 0}}, new double[] {0}, new double[] {1, 0}, 0, LpNorm.L2, 1));
    }
}
