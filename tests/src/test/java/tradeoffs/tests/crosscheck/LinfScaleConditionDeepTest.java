package tradeoffs.tests.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.bridge.BridgePoint;
import tradeoffs.deep.bridge.LinearBridge;
import tradeoffs.deep.bridge.RegressionPgd;
import tradeoffs.deep.bridge.RegressionTrainConfig;
import tradeoffs.reproduce.stage.BridgeSamples;
import tradeoffs.theory.regression.CoreSpuriousModel;

/**
 * The ℓ∞ scale condition (claim 2, docs/math.md §4.3 [derived]) visible in DJL PGD-trained linear
 * regressors (cross-check (b) of docs/bridge.md), at ε = 0.5, σ_c = 1, η = 0.6, σ_n = 0.5:
 * <ul>
 *   <li>σ_s = 1.25: σ_s·η = 0.75 ≤ σ_c although σ_s &gt; σ_c, so the population w_s is exactly 0,
 *       and the trained w_s must be ≈ 0: |mean w_s| ≤ 4·sd_n(w_s)/√R + 0.005;</li>
 *   <li>σ_s = 4: σ_s·η = 2.4 &gt; σ_c, the population w_s = 0.0375 &gt; 0, and the trained w_s must be
 *       clearly positive: mean w_s &gt; 4·sd_n(w_s)/√R + 0.005, and equal to the theory within that
 *       tolerance.</li>
 * </ul>
 * sd_n is the finite-sample spread of the exact empirical minimiser at n = 2000
 * ({@link FiniteSampleSpread}); 0.005 is the optimisation allowance of {@link DeepVsTheoryWeightsTest}.
 * A correct implementation fails each bound with probability ≈ 3e-5 (one-sided 4σ).
 */
class LinfScaleConditionDeepTest {
    static final int N = 2000;
    static final int REPS = 3;
    static final long SEED = 7_700_2L;
    static final double EPS = 0.5;

    static BridgePoint train(CoreSpuriousModel model, long point) {
        return LinearBridge.run(
                model,
                RegressionPgd.of(PerturbationNorm.LINF, EPS, 3),
                RegressionTrainConfig.defaults(N, SEED),
                REPS,
                BridgeSamples.source(model, N, SEED, point));
    }

    static double tolerance(CoreSpuriousModel model) {
        double sd = FiniteSampleSpread.sd(model, PerturbationNorm.LINF.lp(), EPS, N)[1];
        return DeepVsTheoryWeightsTest.Z * sd / Math.sqrt(REPS) + LinearBridge.OPTIMISATION_ALLOWANCE;
    }

    @Test
    void spuriousWeightIsZeroWhenScaledCorrelationIsAtMostTheCoreScale() {
        CoreSpuriousModel below = CoreSpuriousModel.twoFeature(1.0, 1.25, 0.6, 0.5);
        BridgePoint p = train(below, 0);
        assertEquals(0.0, p.theorySpurious(), "theory: w_s = 0 exactly when sigma_s*eta <= sigma_c");
        double tol = tolerance(below);
        double ws = p.deepSpurious().mean();
        System.out.printf(
                "linf sigma_s=1.25: deep w_s %.6f (tolerance %.5f), reliance %.5f%n",
                ws, tol, p.deepReliance().mean());
        assertTrue(Math.abs(ws) <= tol, "deep w_s = " + ws + " should be within " + tol + " of 0");
    }

    @Test
    void spuriousWeightIsClearlyPositiveWhenScaledCorrelationExceedsTheCoreScale() {
        CoreSpuriousModel above = CoreSpuriousModel.twoFeature(1.0, 4.0, 0.6, 0.5);
        BridgePoint p = train(above, 1);
        assertTrue(p.theorySpurious() > 0, "theory: w_s > 0 when sigma_s*eta > sigma_c");
        double tol = tolerance(above);
        double ws = p.deepSpurious().mean();
        System.out.printf(
                "linf sigma_s=4: deep w_s %.6f, theory %.6f (tolerance %.5f), reliance %.5f vs %.5f%n",
                ws, p.theorySpurious(), tol, p.deepReliance().mean(), p.theoryReliance());
        assertTrue(ws > tol, "deep w_s = " + ws + " should be clearly positive (above " + tol + ")");
        assertEquals(p.theorySpurious(), ws, tol, "deep w_s vs theory");
    }
}
