package tradeoffs.simulation.classification;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import tradeoffs.simulation.montecarlo.Estimate;
import tradeoffs.simulation.random.Streams;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.classification.LinearBeta;
import tradeoffs.theory.norm.LpNorm;

/**
 * The counterexample's closed forms (docs/math.md §10.9) against two independent routes: Monte Carlo
 * with the real attacks (ℓ∞ PGD on the cross-entropy, BETA, and the exact margins of §10.6 per draw),
 * and a brute-force maximisation of the cross-entropy over the ball for the direction argument.
 */
class BetaCounterexampleTest {
    private static final BetaCounterexample STANDARD = BetaCounterexample.standard();

    /** |Monte Carlo − closed form| ≤ 5 standard errors (a binomial proportion; 5 SE: about 6e-7 two-sided per check). */
    private static void agrees(Estimate e, double closedForm) {
        double se = Math.max(e.se(), Math.sqrt(closedForm * (1 - closedForm) / e.count()));
        assertTrue(
                Math.abs(e.mean() - closedForm) <= 5 * se + 1e-12,
                e.quantity() + ": Monte Carlo " + e.mean() + " ± " + e.se() + " vs closed form " + closedForm);
    }

    @Test
    void closedFormsMatchMonteCarloWithTheRealAttacks() {
        double[] eps = {0.25, 0.75, 1.0, 1.5, 2.0};
        List<AttackComparison.Row> rows = AttackComparison.run(STANDARD, eps, 10, 4_000, 20_241_205L, 0, 2);
        for (int i = 0; i < eps.length; i++) {
            AttackComparison.Row r = rows.get(i);
            agrees(r.exact(), STANDARD.exactErrorRate(eps[i]));
            agrees(r.crossEntropy(), STANDARD.crossEntropyRate(eps[i]));
            // BETA is exact on a linear model: same draws, same verdicts, margins equal to rounding
            assertEquals(r.exact().mean(), r.beta().mean(), 0.0);
            assertTrue(r.betaMarginGap() <= 1e-12, "BETA margin gap " + r.betaMarginGap());
            assertEquals(0, r.exceedsExact());
        }
        // the pitfall: at ε = 1.5 a misclassifying δ always exists, cross-entropy finds it for about 30%
        assertEquals(1.0, STANDARD.exactErrorRate(1.5), 0.0);
        assertEquals(
                0.2988,
                STANDARD.crossEntropyRate(1.5),
                1e-3); // 1 − Φ(t*/τ) + Φ((ε − β_d)/τ) = 0.1402 + 0.1587, t* = ln(8)/2 − ½, τ = ½ (by hand)
        assertTrue(
                rows.get(3).missed().mean() > 0.6,
                "cross-entropy misses " + rows.get(3).missed().mean());
    }

    @Test
    void crossEntropyHeadsTowardsTheReachableClassExactlyAboveTheThreshold() {
        // brute force: CE over 2001 points t = vᵀδ in [−ε, ε] (δ = t·1), where is it largest?
        LinearMulticlassModel m = STANDARD.model();
        double eps = 1.5;
        double tStar = STANDARD.threshold();
        for (double t0 : new double[] {-1.0, 0.0, 0.3, tStar - 0.02, tStar + 0.02, 0.8, 1.6}) {
            double[] x = new double[STANDARD.dim()];
            java.util.Arrays.fill(x, t0); // vᵀx = t0
            double best = Double.NEGATIVE_INFINITY;
            double argmax = Double.NaN;
            for (int k = 0; k <= 2000; k++) {
                double t = -eps + 2 * eps * k / 2000.0;
                double[] delta = new double[STANDARD.dim()];
                java.util.Arrays.fill(delta, t);
                double ce = m.crossEntropy(x, delta, 0);
                if (ce > best) {
                    best = ce;
                    argmax = t;
                }
            }
            assertEquals(t0 > tStar ? eps : -eps, argmax, 1e-12, "t0 = " + t0);
            // PGD from 0 ends on the same side
            double[] pgd = LinfPgd.of(eps, 10).crossEntropy(m, x, 0);
            assertEquals(Math.signum(argmax), Math.signum(pgd[0]), 0.0, "t0 = " + t0);
        }
    }

    @Test
    void betaReachesTheExactMarginOnRandomModels() {
        RandomLinearModels scenario = new RandomLinearModels(6, 5);
        UniformRandomProvider rng = new Streams(7).stream(0, 0, Streams.TEST);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = 0; i < 200; i++) {
            MulticlassScenario.Draw d = scenario.draw(rng, gauss);
            double eps = 0.1 + 0.01 * i;
            LinearBeta.MarginMaximum exact =
                    LinearBeta.attack(d.model().w(), d.model().b(), d.x(), d.y(), LpNorm.LINF, eps);
            LinfPgd.Targeted beta = LinfPgd.of(eps, 10).beta(d.model(), d.x(), d.y());
            assertEquals(exact.margin(), beta.margin(), 1e-12 * (1 + Math.abs(exact.margin())));
            for (double v : beta.delta()) {
                assertTrue(Math.abs(v) <= eps);
            }
            // no cross-entropy iterate beats the exact maximum margin
            double[] ce = LinfPgd.of(eps, 10).crossEntropy(d.model(), d.x(), d.y());
            assertTrue(d.model().largestMargin(d.x(), ce, d.y()) <= exact.margin() + 1e-12);
        }
    }

    @Test
    void sameSeedSameRatesWhateverTheThreads() {
        double[] eps = {0.5, 1.5};
        List<AttackComparison.Row> one = AttackComparison.run(STANDARD, eps, 5, 5_000, 3, 0, 1);
        List<AttackComparison.Row> two = AttackComparison.run(STANDARD, eps, 5, 5_000, 3, 0, 2);
        for (int i = 0; i < eps.length; i++) {
            assertEquals(one.get(i).crossEntropy(), two.get(i).crossEntropy());
            assertEquals(one.get(i).exact(), two.get(i).exact());
        }
    }

    @Test
    void badParametersNameThemselves() {
        ParameterException e = assertThrows(ParameterException.class, () -> new BetaCounterexample(2, 4, 1, 2, 1));
        assertTrue(e.getMessage().contains("classes"), e.getMessage());
        assertThrows(ParameterException.class, () -> new BetaCounterexample(10, 4, 1, 2, 0));
        assertThrows(ParameterException.class, () -> AttackComparison.run(STANDARD, new double[] {1}, 5, 1, 0, 0, 1));
    }
}
