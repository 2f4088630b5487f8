package tradeoffs.theory.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.ReferenceTable;

/**
 * The invariance toy of docs/math.md §10.5: closed forms against Monte Carlo with explicit
 * per-sample attacks (5 binomial standard errors, fixed seed), a second quadrature route,
 * high-precision quadrature in mpmath, and limits by hand.
 */
class InvarianceSensitivityTest {
    static final InvarianceToy TOY = new InvarianceToy(1.0, 1.0, 2.0, 0.7);

    static int sign(double v) {
        return (int) Math.signum(v);
    }

    /**
     * Whether some δ with ‖δ‖_∞ ≤ ε flips the true label sign(x_s) while keeping f(x) = sign(a x_s + c x_r):
     * the prediction score is linear in δ, so its maximum over the (closed) polytope
     * {δ ∈ box, y(x_s + δ_s) ≤ −τ} is at a vertex; enumerate them (τ = 1e-12, the strictness margin).
     */
    static boolean invarianceExampleExists(double xs, double xr, int y, double a, double eps) {
        double c = 1 - a;
        double[] ds = {-eps, eps, -xs - y * 1e-12};
        double[] dr = {-eps, eps};
        for (double s : ds) {
            if (Math.abs(s) > eps || y * (xs + s) >= 0) {
                continue;
            }
            for (double r : dr) {
                if (sign(a * (xs + s) + c * (xr + r)) == y) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void matchesMonteCarloWithExplicitAttacks() {
        SplittableRandom rng = new SplittableRandom(99);
        int n = 60_000;
        for (double a : new double[] {0.0, 0.3, 0.7, 1.0}) {
            for (double eps : new double[] {0.0, 0.4, 1.2}) {
                int robust = 0;
                int clean = 0;
                int invariance = 0;
                double c = 1 - a;
                for (int i = 0; i < n; i++) {
                    int y = rng.nextBoolean() ? 1 : -1;
                    double xs = y * TOY.muS() + TOY.sigmaS() * rng.nextGaussian();
                    double xr = y * TOY.muR() + TOY.sigmaR() * rng.nextGaussian();
                    int f = sign(a * xs + c * xr);
                    clean += f == y ? 1 : 0;
                    // worst-case ℓ∞ attack on a linear score: δ = −yε(sign a, sign c), inside the ball by construction
                    double ds = -y * eps * Math.signum(a);
                    double dr = -y * eps * Math.signum(c);
                    assertTrue(Math.max(Math.abs(ds), Math.abs(dr)) <= eps);
                    robust += sign(a * (xs + ds) + c * (xr + dr)) == y ? 1 : 0;
                    if (f == y && sign(xs) == y && invarianceExampleExists(xs, xr, y, a, eps)) {
                        invariance++;
                    }
                }
                String at = "a=" + a + " eps=" + eps;
                MultiPerturbationAccuracyTest.assertWithin5Se(
                        InvarianceSensitivity.cleanAccuracy(TOY, a), clean, n, "clean " + at);
                MultiPerturbationAccuracyTest.assertWithin5Se(
                        InvarianceSensitivity.robustAccuracy(TOY, a, eps), robust, n, "robust " + at);
                MultiPerturbationAccuracyTest.assertWithin5Se(
                        InvarianceSensitivity.invarianceError(TOY, a, eps), invariance, n, "invariance " + at);
            }
        }
    }

    @Test
    void quadratureAgreesWithATrapezoidOverTheUnsplitIntegral() {
        for (double a : new double[] {0.1, 0.5, 0.9}) {
            double eps = 0.8;
            double c = 1 - a;
            int m = 200_000;
            double h = eps / m;
            double s = 0;
            for (int i = 0; i <= m; i++) {
                double x = i * h;
                double z = (x - TOY.muS()) / TOY.sigmaS();
                double g = Math.exp(-0.5 * z * z)
                        / (TOY.sigmaS() * Math.sqrt(2 * Math.PI))
                        * MultiPerturbationAccuracyTest.phi((TOY.muR() + Math.min(eps, a * x / c)) / TOY.sigmaR());
                s += (i == 0 || i == m ? 0.5 : 1.0) * g;
            }
            // trapezoid error with a kink: O(h) at the kink, h = 4e-6
            assertEquals(s * h, InvarianceSensitivity.invarianceError(TOY, a, eps), 1e-8, "a=" + a);
        }
    }

    @Test
    void limitsByHand() {
        double ms = 1.0;
        double ss = 1.0;
        double mr = 2.0;
        double sr = 0.7;
        double eps = 0.5;
        // docs/math.md §10.5 for sign(x_r)
        assertEquals(
                MultiPerturbationAccuracyTest.phi((mr - eps) / sr),
                InvarianceSensitivity.robustAccuracy(TOY, 0, eps),
                1e-15);
        double hand = (MultiPerturbationAccuracyTest.phi(ms / ss) - MultiPerturbationAccuracyTest.phi((ms - eps) / ss))
                * MultiPerturbationAccuracyTest.phi(mr / sr);
        assertEquals(hand, InvarianceSensitivity.invarianceError(TOY, 0, eps), 1e-15);
        // the mixture formula is continuous at a → 0 (quadrature branch) and at a → 1
        assertEquals(hand, InvarianceSensitivity.invarianceError(TOY, 1e-9, eps), 1e-8);
        // a → 1⁻ does not tend to 0: the classifier's boundary tilts away from x_s = 0 by an arbitrarily thin
        // sliver, and every correct point with 0 < y·x_s < ε and y·x_r > −ε can be pushed into it
        double sliver =
                (MultiPerturbationAccuracyTest.phi((eps - ms) / ss) - MultiPerturbationAccuracyTest.phi(-ms / ss))
                        * MultiPerturbationAccuracyTest.phi((mr + eps) / sr);
        assertEquals(sliver, InvarianceSensitivity.invarianceError(TOY, 1 - 1e-9, eps), 1e-8);
        // the semantic classifier is never invariant, ε = 0 allows no change
        assertEquals(0.0, InvarianceSensitivity.invarianceError(TOY, 1, eps), 0);
        assertEquals(0.0, InvarianceSensitivity.invarianceError(TOY, 0.4, 0), 0);
        // huge ε: every correctly classified point with sign(x_s) = y can have its label flipped unnoticed
        assertEquals(
                MultiPerturbationAccuracyTest.phi(ms / ss) * MultiPerturbationAccuracyTest.phi(mr / sr),
                InvarianceSensitivity.invarianceError(TOY, 0, 50),
                1e-12);
        // semantic classifier: robust accuracy Φ((μ_s − ε)/σ_s)
        assertEquals(
                MultiPerturbationAccuracyTest.phi((ms - eps) / ss),
                InvarianceSensitivity.robustAccuracy(TOY, 1, eps),
                1e-15);
        // σ_s → 0: x_s = μ_s almost surely, so IE → 1{0 < μ_s < ε}·Φ((μ_r + min(ε, a μ_s/c))/σ_r), even for a
        // needle-thin φ
        for (double a : new double[] {0.2, 0.5, 0.8}) {
            InvarianceToy needle = new InvarianceToy(0.5, 1e-6, 0.3, 0.4);
            double limit = MultiPerturbationAccuracyTest.phi((0.3 + Math.min(1.0, a * 0.5 / (1 - a))) / 0.4);
            assertEquals(limit, InvarianceSensitivity.invarianceError(needle, a, 1.0), 1e-5, "a=" + a);
            assertEquals(0.0, InvarianceSensitivity.invarianceError(needle, a, 0.4), 1e-12, "μ_s beyond ε");
        }
        // σ_r → 0: the Φ factor is a step at μ_r + min(ε, a x/c) = 0; with μ_r = −0.3, a = ½, ε = 1 it admits x > 0.3
        InvarianceToy step = new InvarianceToy(1, 1, -0.3, 1e-7);
        assertEquals(
                MultiPerturbationAccuracyTest.phi(0) - MultiPerturbationAccuracyTest.phi(-0.7),
                InvarianceSensitivity.invarianceError(step, 0.5, 1.0),
                1e-6);
        // σ → 0 on the non-semantic feature: sign(x_r) is robust until ε reaches μ_r
        InvarianceToy sharp = new InvarianceToy(1, 1, 2, 1e-9);
        assertEquals(1.0, InvarianceSensitivity.robustAccuracy(sharp, 0, 1.99), 1e-12);
        assertEquals(0.0, InvarianceSensitivity.robustAccuracy(sharp, 0, 2.01), 1e-12);
    }

    @Test
    void theTradeoff() {
        // the non-semantic feature is more robust (μ_r/σ_r > μ_s/σ_s), so sign(x_r) wins on robustness and loses on
        // invariance
        for (double eps : new double[] {0.2, 0.5, 1.0}) {
            assertTrue(InvarianceSensitivity.robustAccuracy(TOY, 0, eps)
                    > InvarianceSensitivity.robustAccuracy(TOY, 1, eps));
            assertTrue(InvarianceSensitivity.invarianceError(TOY, 0, eps)
                    > InvarianceSensitivity.invarianceError(TOY, 1, eps));
            // on [0, 1) the invariance error grows with a (more correct points, same reachable sliver); it drops to
            // 0 only at the exactly semantic classifier a = 1
            double previous = 0;
            for (int k = 0; k < 10; k++) {
                double ie = InvarianceSensitivity.invarianceError(TOY, k / 10.0, eps);
                assertTrue(ie >= previous - 1e-15);
                previous = ie;
            }
            assertEquals(0.0, InvarianceSensitivity.invarianceError(TOY, 1, eps), 0);
        }
    }

    @Test
    void validation() {
        assertThrows(IllegalArgumentException.class, () -> new InvarianceToy(1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new InvarianceToy(1, 1, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new InvarianceToy(Double.NaN, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> InvarianceSensitivity.robustAccuracy(TOY, 1.5, 0.1));
        assertThrows(IllegalArgumentException.class, () -> InvarianceSensitivity.invarianceError(TOY, 0.5, -0.1));
    }

    /**
     * Clean accuracy, ℓ∞-robust accuracy and invariance error against mpmath
     * (src/test/python/classification_reference.py): the invariance error as nested adaptive
     * quadrature of the Gaussian density over the region where a perturbation flips the true label
     * but not the prediction, each label separately. Absolute (probabilities): 1e-14 for the
     * accuracies (one value of Commons Math's Φ); 1e-12 for the invariance error, the relative
     * accuracy the class asks of its Gauss–Legendre quadrature. Measured: 2.8e-16 for all three.
     */
    @Test
    void matchesHighPrecisionQuadrature() {
        for (ReferenceTable.Row r : ReferenceTable.load("invariance_toy.csv").rows()) {
            InvarianceToy toy = new InvarianceToy(r.num("mu_s"), r.num("sigma_s"), r.num("mu_r"), r.num("sigma_r"));
            double a = r.num("a");
            double eps = r.num("eps");
            assertEquals(r.num("clean_accuracy"), InvarianceSensitivity.cleanAccuracy(toy, a), 1e-14, r.toString());
            assertEquals(
                    r.num("robust_accuracy"), InvarianceSensitivity.robustAccuracy(toy, a, eps), 1e-14, r.toString());
            assertEquals(
                    r.num("invariance_error"), InvarianceSensitivity.invarianceError(toy, a, eps), 1e-12, r.toString());
        }
    }
}
