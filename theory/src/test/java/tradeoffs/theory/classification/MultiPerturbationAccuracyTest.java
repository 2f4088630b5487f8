package tradeoffs.theory.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.ReferenceTable;
import tradeoffs.theory.norm.LpNorm;

/**
 * The exact accuracies of docs/math.md §10.2 against Monte Carlo with the worst-case attack
 * applied per sample, against high-precision values from mpmath, and against limits computed by
 * hand. Monte Carlo tolerance: 5 binomial standard errors (a correct formula fails one comparison
 * with probability ~6e-7), fixed seeds.
 */
class MultiPerturbationAccuracyTest {
    static final int N = 40_000;

    /** Φ through erfc, a second route to the normal CDF for the hand-computed values. */
    static double phi(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2.0));
    }

    /** One sample (x, y) of the distribution: x[0] = x₀, x[1..d] weak features. */
    static double[] sample(TramerBonehDistribution dist, int y, SplittableRandom rng) {
        double[] x = new double[dist.dim() + 1];
        x[0] = rng.nextDouble() < dist.p0() ? y : -y;
        for (int i = 1; i <= dist.dim(); i++) {
            x[i] = y * dist.eta() + rng.nextGaussian();
        }
        return x;
    }

    static double[] add(double[] x, double[] d) {
        double[] z = x.clone();
        for (int i = 0; i < z.length; i++) {
            z[i] += d[i];
        }
        return z;
    }

    static void assertWithin5Se(double expected, double mcHits, int n, String what) {
        double p = mcHits / n;
        double se = Math.sqrt(Math.max(expected * (1 - expected), 1.0 / n) / n);
        assertEquals(expected, p, 5 * se, what);
    }

    @Test
    void robustAccuracyMatchesMonteCarloWithTheWorstCaseAttackPerSample() {
        TramerBonehDistribution dist = new TramerBonehDistribution(0.9, 8, 2.0);
        double eta = dist.eta();
        SplittableRandom coef = new SplittableRandom(7);
        double[] random = new double[8];
        for (int i = 0; i < 8; i++) {
            random[i] = coef.nextGaussian() * 0.4 + 0.2;
        }
        List<LinearClassifier> classifiers = List.of(
                MultiPerturbationTradeoff.pathClassifier(8, 0.6),
                new LinearClassifier(0.7, random, -0.3),
                new LinearClassifier(1.0, new double[8], 0.4), // σ = 0: step
                LinearClassifier.uniform(8, 0.2, 0.5, 0.1));
        List<Perturbation> attacks = List.of(
                Perturbation.linf(2 * eta),
                Perturbation.l1(2.0),
                new Perturbation(LpNorm.L2, 0.8),
                new Perturbation(LpNorm.of(3.0), 0.5),
                Perturbation.linf(0.0));
        SplittableRandom rng = new SplittableRandom(20241123L);
        for (LinearClassifier c : classifiers) {
            double[] w = c.weights();
            int[] hits = new int[attacks.size()];
            int unionHits = 0;
            int affineHits = 0;
            int cleanHits = 0;
            for (int n = 0; n < N; n++) {
                int y = rng.nextBoolean() ? 1 : -1;
                double[] x = sample(dist, y, rng);
                if (y * c.score(x) > 0) {
                    cleanHits++;
                }
                boolean all = true;
                double[][] deltas = new double[2][];
                for (int k = 0; k < attacks.size(); k++) {
                    Perturbation a = attacks.get(k);
                    double[] delta = a.worstCaseDelta(w, y);
                    assertTrue(a.norm().norm(delta) <= a.eps() * (1 + 1e-12) + 1e-300, "delta in the ball");
                    boolean ok = y * c.score(add(x, delta)) > 0;
                    hits[k] += ok ? 1 : 0;
                    if (k < 2) {
                        all &= ok;
                        deltas[k] = delta;
                    }
                }
                unionHits += all ? 1 : 0;
                double[] mix = new double[w.length];
                for (int i = 0; i < mix.length; i++) {
                    mix[i] = 0.3 * deltas[0][i] + 0.7 * deltas[1][i];
                }
                affineHits += y * c.score(add(x, mix)) > 0 ? 1 : 0;
            }
            for (int k = 0; k < attacks.size(); k++) {
                assertWithin5Se(
                        MultiPerturbationAccuracy.robust(dist, c, attacks.get(k)),
                        hits[k],
                        N,
                        c + " " + attacks.get(k));
            }
            assertWithin5Se(MultiPerturbationAccuracy.clean(dist, c), cleanHits, N, "clean " + c);
            List<Perturbation> two = attacks.subList(0, 2);
            assertWithin5Se(MultiPerturbationAccuracy.union(dist, c, two), unionHits, N, "union " + c);
            double affine = MultiPerturbationAccuracy.affine(dist, c, two, new double[] {0.3, 0.7});
            assertWithin5Se(affine, affineHits, N, "affine " + c);
            // for a linear model the affine combination is never stronger than the union
            assertTrue(affine >= MultiPerturbationAccuracy.union(dist, c, two) - 1e-15);
            assertEquals(
                    0.5 * (hits[0] + hits[1]) / N,
                    MultiPerturbationAccuracy.average(dist, c, two),
                    5 * Math.sqrt(0.25 / N),
                    "average " + c);
        }
    }

    @Test
    void limitsByHand() {
        TramerBonehDistribution dist = new TramerBonehDistribution(0.8, 4, 1.5);
        LinearClassifier robustOnly = new LinearClassifier(1.0, new double[4], 0.0);
        // sign(x₀) is right exactly when x₀ = y; an ℓ∞ attack of ε < 1 cannot flip it, ε = 1 makes a tie (error)
        assertEquals(0.8, MultiPerturbationAccuracy.clean(dist, robustOnly), 0.0);
        assertEquals(0.8, MultiPerturbationAccuracy.robust(dist, robustOnly, Perturbation.linf(0.99)), 0.0);
        assertEquals(0.0, MultiPerturbationAccuracy.robust(dist, robustOnly, Perturbation.linf(1.0)), 0.0);
        assertEquals(0.0, MultiPerturbationAccuracy.robust(dist, robustOnly, Perturbation.l1(2.0)), 0.0);
        // σ → 0: a tiny weak weight changes nothing but the x₀-disagreeing cell's tail
        LinearClassifier almost = LinearClassifier.uniform(4, 1.0, 1e-9, 0.0);
        assertEquals(0.8, MultiPerturbationAccuracy.clean(dist, almost), 1e-12);
        // weak features only, uniform, b = 0, ε = 0: Σ y x_i ~ N(ηd, d) → Φ(η√d) = Φ(α)
        LinearClassifier weak = LinearClassifier.uniform(4, 0.0, 1.0, 0.0);
        assertEquals(phi(1.5), MultiPerturbationAccuracy.clean(dist, weak), 1e-14);
        // ℓ∞ attack of ε: margin ηd − εd over √d → Φ(α − ε√d)
        assertEquals(phi(1.5 - 0.3 * 2), MultiPerturbationAccuracy.robust(dist, weak, Perturbation.linf(0.3)), 1e-14);
        // ℓ1 attack of ε: margin ηd − ε·1 over √d
        assertEquals(phi(1.5 - 0.7 / 2), MultiPerturbationAccuracy.robust(dist, weak, Perturbation.l1(0.7)), 1e-14);
        // ε = 0 gives the clean accuracy for every norm
        assertEquals(
                MultiPerturbationAccuracy.clean(dist, weak),
                MultiPerturbationAccuracy.robust(dist, weak, Perturbation.l1(0)),
                0);
        // the constant classifier is right on one class
        assertEquals(
                0.5,
                MultiPerturbationAccuracy.robust(dist, new LinearClassifier(0, new double[4], 3), Perturbation.l1(9)),
                0);
        // union of one type is that type; the union is never above any single type
        LinearClassifier c = MultiPerturbationTradeoff.pathClassifier(4, 0.9);
        List<Perturbation> two = MepBound.attacks(0.4, 1.5);
        double u = MultiPerturbationAccuracy.union(dist, c, two);
        assertTrue(u <= MultiPerturbationAccuracy.robust(dist, c, two.get(0))
                && u <= MultiPerturbationAccuracy.robust(dist, c, two.get(1)));
        assertEquals(
                MultiPerturbationAccuracy.robust(dist, c, two.get(0)),
                MultiPerturbationAccuracy.union(dist, c, two.subList(0, 1)),
                0);
    }

    @Test
    void validation() {
        assertThrows(IllegalArgumentException.class, () -> new TramerBonehDistribution(0.4, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> new TramerBonehDistribution(1.1, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> new TramerBonehDistribution(0.9, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TramerBonehDistribution(0.9, 3, -1));
        assertThrows(IllegalArgumentException.class, () -> Perturbation.linf(-0.1));
        TramerBonehDistribution dist = new TramerBonehDistribution(0.9, 3, 1);
        assertThrows(
                IllegalArgumentException.class,
                () -> MultiPerturbationAccuracy.clean(dist, LinearClassifier.uniform(2, 1, 1, 0)));
        assertThrows(
                IllegalArgumentException.class,
                () -> MultiPerturbationAccuracy.affine(
                        dist, LinearClassifier.uniform(3, 1, 1, 0), MepBound.attacks(0.1, 1), new double[] {0.5, 0.6}));
    }

    /**
     * Clean and robust accuracies against values computed outside the project in mpmath
     * (src/test/python/classification_reference.py): the worst-case perturbation built explicitly
     * and checked by linear programming, the accuracy from the distribution's definition with
     * mpmath's normal CDF; ties (margin exactly 0) are errors. Absolute 1e-14 (probabilities):
     * Commons Math's Φ is accurate to ~1e-15 absolute and the accuracy sums four weighted values
     * (d ≤ 100 here, so the weak-weight sums add no visible rounding); measured 1.6e-15.
     */
    @Test
    void accuraciesMatchHighPrecisionReferenceValues() {
        for (ReferenceTable.Row r :
                ReferenceTable.load("linear_classifier_accuracy.csv").rows()) {
            TramerBonehDistribution dist = new TramerBonehDistribution(r.num("p0"), r.integer("dim"), r.num("alpha"));
            LinearClassifier c = new LinearClassifier(r.num("w0"), r.vector("weak", dist.dim()), r.num("bias"));
            double got = r.text("attack").equals("none")
                    ? MultiPerturbationAccuracy.clean(dist, c)
                    : MultiPerturbationAccuracy.robust(
                            dist, c, new Perturbation(LpNorm.parse(r.text("attack")), r.num("eps")));
            assertEquals(r.num("accuracy"), got, 1e-14, r.toString());
        }
    }

    /** The union of three balls (worst type per example) and the average over types, same route and tolerance. */
    @Test
    void unionAndAverageMatchHighPrecisionReferenceValues() {
        for (ReferenceTable.Row r :
                ReferenceTable.load("multi_perturbation_accuracy.csv").rows()) {
            TramerBonehDistribution dist = new TramerBonehDistribution(r.num("p0"), r.integer("dim"), r.num("alpha"));
            LinearClassifier c = new LinearClassifier(r.num("w0"), r.vector("weak", dist.dim()), r.num("bias"));
            List<Perturbation> types = List.of(
                    Perturbation.linf(r.num("eps_linf")),
                    Perturbation.l1(r.num("eps_l1")),
                    new Perturbation(LpNorm.L2, r.num("eps_l2")));
            assertEquals(r.num("union"), MultiPerturbationAccuracy.union(dist, c, types), 1e-14, r.toString());
            assertEquals(r.num("average"), MultiPerturbationAccuracy.average(dist, c, types), 1e-14, r.toString());
        }
    }
}
