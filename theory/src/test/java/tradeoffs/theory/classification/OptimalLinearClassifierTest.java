package tradeoffs.theory.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.classification.OptimalLinearClassifier.Combination;
import tradeoffs.theory.classification.OptimalLinearClassifier.Optimum;
import tradeoffs.theory.norm.LpNorm;

/**
 * The optimiser against an independent random search over all linear classifiers in full dimension
 * (exact accuracy formula), plus optima known by hand.
 */
class OptimalLinearClassifierTest {
    static double objective(
            TramerBonehDistribution dist, LinearClassifier c, List<Perturbation> attacks, Combination comb) {
        return comb == Combination.UNION
                ? MultiPerturbationAccuracy.union(dist, c, attacks)
                : MultiPerturbationAccuracy.average(dist, c, attacks);
    }

    @Test
    void noRandomFullDimensionalClassifierBeatsTheOptimum() {
        TramerBonehDistribution dist = new TramerBonehDistribution(0.85, 5, 2.0);
        double eta = dist.eta();
        List<List<Perturbation>> objectives = List.of(
                List.of(Perturbation.linf(2 * eta)),
                List.of(Perturbation.l1(2.0)),
                MepBound.attacks(2 * eta, 2.0),
                MepBound.attacks(0.5 * eta, 1.0),
                List.of(new Perturbation(LpNorm.L2, 0.7)));
        SplittableRandom rng = new SplittableRandom(3);
        for (List<Perturbation> attacks : objectives) {
            for (Combination comb : Combination.values()) {
                Optimum opt = OptimalLinearClassifier.optimise(dist, attacks, comb);
                // the returned classifier really has the reported accuracy
                assertEquals(objective(dist, opt.classifier(), attacks, comb), opt.accuracy(), 1e-12);
                double bestRandom = 0;
                for (int t = 0; t < 20_000; t++) {
                    double[] weak = new double[5];
                    int support = 1 + rng.nextInt(5);
                    for (int i = 0; i < support; i++) {
                        weak[i] =
                                rng.nextDouble() < 0.5 ? Math.abs(rng.nextGaussian()) : rng.nextGaussian() * 0.2 + 0.5;
                    }
                    double scale = Math.exp(3 * rng.nextGaussian());
                    LinearClassifier c =
                            new LinearClassifier(rng.nextGaussian() * scale, weak, rng.nextGaussian() * scale * 0.3);
                    bestRandom = Math.max(bestRandom, objective(dist, c, attacks, comb));
                }
                assertTrue(
                        bestRandom <= opt.accuracy() + 1e-9,
                        attacks + " " + comb + ": random " + bestRandom + " > " + opt.accuracy());
            }
        }
    }

    @Test
    void atLeastAsGoodAsAFineGridOverTheUniformFamily() {
        // near-chance union optima in the MEP regime, where the landscape is flat and kinked
        TramerBonehDistribution dist = new TramerBonehDistribution(0.99, 25, 1.0);
        List<Perturbation> both = MepBound.attacks(1.5 * dist.eta(), 2.0);
        Optimum opt = OptimalLinearClassifier.optimise(dist, both, Combination.UNION);
        double bestUniform = 0;
        for (int i = 0; i <= 1000; i++) {
            double theta = 0.5 * Math.PI * i / 1000;
            for (int k = 0; k <= 100; k++) {
                LinearClassifier c = LinearClassifier.uniform(25, Math.cos(theta), Math.sin(theta) / 5, k / 200.0);
                bestUniform = Math.max(bestUniform, MultiPerturbationAccuracy.union(dist, c, both));
            }
        }
        assertTrue(opt.accuracy() >= bestUniform - 1e-9, opt + " vs uniform " + bestUniform);
        assertTrue(opt.accuracy() > 0.5, "better than the constant classifier");
    }

    @Test
    void inTheMepRegimeNoClassifierBeatsChanceUnderTheUnionOrOnAverage() {
        // by hand from the MEP bound: union ≤ min(A_∞, A₁) ≤ (A_∞ + A₁)/2 ≤ ½, and ½ is attained by a constant
        TramerBonehDistribution dist = new TramerBonehDistribution(0.95, 100, 2.0);
        List<Perturbation> both = MepBound.attacks(2 * dist.eta(), 2.0);
        assertEquals(
                0.5,
                OptimalLinearClassifier.optimise(dist, both, Combination.UNION).accuracy(),
                1e-12);
        assertEquals(
                0.5,
                OptimalLinearClassifier.optimise(dist, both, Combination.AVERAGE)
                        .accuracy(),
                1e-12);
        // while each single type alone can be defended far above chance
        assertTrue(OptimalLinearClassifier.single(dist, both.get(0)).accuracy() >= 0.95 - 1e-12);
        assertTrue(OptimalLinearClassifier.single(dist, both.get(1)).accuracy() > 0.95);
    }

    @Test
    void optimaKnownByHand() {
        // p₀ = 1: x₀ alone is perfect, and stays perfect under ℓ∞ attacks of ε < 1
        TramerBonehDistribution sure = new TramerBonehDistribution(1.0, 10, 1.0);
        assertEquals(
                1.0, OptimalLinearClassifier.single(sure, Perturbation.linf(0)).accuracy(), 1e-12);
        assertEquals(
                1.0,
                OptimalLinearClassifier.single(sure, Perturbation.linf(0.5)).accuracy(),
                1e-12);
        // ℓ1 attack of ε₁ ≥ 2 on the weak features alone (α = 0: no weak signal) leaves nothing: best is ½
        TramerBonehDistribution noWeak = new TramerBonehDistribution(1.0, 3, 0.0);
        assertEquals(
                0.5,
                OptimalLinearClassifier.single(noWeak, Perturbation.l1(2.0)).accuracy(),
                1e-12);
        // ε = 0, p₀ = ½ (x₀ useless): the Bayes-optimal linear rule uses the weak features uniformly → Φ(α)
        TramerBonehDistribution coin = new TramerBonehDistribution(0.5, 6, 1.2);
        assertEquals(
                MultiPerturbationAccuracyTest.phi(1.2),
                OptimalLinearClassifier.single(coin, Perturbation.l1(0)).accuracy(),
                1e-9);
        assertThrows(
                IllegalArgumentException.class,
                () -> OptimalLinearClassifier.single(coin, new Perturbation(LpNorm.of(3), 0.1)));
    }

    @Test
    void tradeoffPathRunsFromTheRobustToTheWeakFeatures() {
        TramerBonehDistribution dist = new TramerBonehDistribution(0.95, 100, 2.0);
        double epsLinf = 2 * dist.eta();
        List<MultiPerturbationTradeoff.Row> path = MultiPerturbationTradeoff.path(dist, epsLinf, 2.0, 11);
        assertEquals(11, path.size());
        // θ = 0 uses x₀ alone: ℓ∞-robust (p₀, ε_∞ < 1) and ℓ1-broken (ε₁ = 2 flips x₀)
        assertEquals(0.95, path.get(0).linf(), 1e-12);
        assertEquals(0.0, path.get(0).l1(), 1e-12);
        // θ = π/2 uses the weak features alone: Φ(α − ε_∞√d) and Φ(α − 2/√d)
        assertEquals(
                MultiPerturbationAccuracyTest.phi(2 - epsLinf * 10),
                path.get(10).linf(),
                1e-12);
        assertEquals(MultiPerturbationAccuracyTest.phi(2 - 0.2), path.get(10).l1(), 1e-12);
        for (MultiPerturbationTradeoff.Row r : path) {
            assertTrue(r.errorSum() >= 1 - 1e-12);
        }
        List<MultiPerturbationTradeoff.Row> opt = MultiPerturbationTradeoff.optima(dist, epsLinf, 2.0);
        assertEquals(
                List.of("opt_linf", "opt_l1", "opt_union", "opt_avg"),
                opt.stream().map(MultiPerturbationTradeoff.Row::label).toList());
        // each optimum is at least as good on its own objective as every path point
        for (MultiPerturbationTradeoff.Row r : path) {
            assertTrue(opt.get(0).linf() >= r.linf() - 1e-12);
            assertTrue(opt.get(1).l1() >= r.l1() - 1e-12);
            assertTrue(opt.get(2).union() >= r.union() - 1e-12);
            assertTrue(opt.get(3).average() >= r.average() - 1e-12);
        }
    }
}
