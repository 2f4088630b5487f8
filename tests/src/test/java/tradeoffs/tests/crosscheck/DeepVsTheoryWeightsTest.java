package tradeoffs.tests.crosscheck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.bridge.BridgePoint;
import tradeoffs.deep.bridge.LinearBridge;
import tradeoffs.deep.bridge.RegressionPgd;
import tradeoffs.deep.bridge.RegressionTrainConfig;
import tradeoffs.reproduce.stage.BridgeSamples;
import tradeoffs.theory.regression.CoreSpuriousModel;

/**
 * Theory vs deep (cross-check (a) of docs/bridge.md): linear regressors trained with DJL the way
 * deep models are trained (mini-batch Adam on the squared loss of PGD-perturbed inputs) land on the
 * theory's population weights (docs/math.md §4, [derived]) for ℓ1, ℓ2 and ℓ∞ attacks at ε = 0.2 and
 * 0.5, on the default model (σ_c = σ_s = 1, η = 0.6, σ_n = 0.5).
 *
 * <p>Tolerance, per weight: |mean over R seeds − theory| ≤ 4·sd_n/√R + 0.005, where sd_n is the
 * finite-sample spread of the exact empirical minimiser at this n ({@link FiniteSampleSpread}, about
 * 0.01–0.02 at n = 2000) and 0.005 is the optimisation allowance (over 3× the largest gap between the
 * DJL weights and the certified empirical optimum measured with the default schedule; cross-check (c)
 * checks it on a shared sample). Each comparison fails for a correct implementation with probability
 * ≈ 6e-5 (a 4σ Gaussian tail), so the 12 comparisons with probability below 1e-3. The smallest
 * non-zero theory weight compared (ℓ2, ε = 0.2: w_s = 0.073) is 2× its tolerance, so a model
 * that ignored the attack (w_s = 0) fails.
 *
 * <p>The PGD inner loop reaching the exact worst case of docs/math.md §2.1 is checked separately
 * against {@code AdversarialRisk.worstCaseLoss} (deep module, RegressionPgdTest; and at the trained
 * weights in {@link TheorySimulationDeepTest}).
 */
class DeepVsTheoryWeightsTest {
    static final int N = 2000;
    static final int REPS = 3;
    static final long SEED = 20_221_031L;
    static final double Z = 4.0;

    @Test
    void djlTrainedWeightsMatchThePopulationWeights() {
        CoreSpuriousModel model = CoreSpuriousModel.defaults();
        List<String> failures = new ArrayList<>();
        long point = 0;
        for (PerturbationNorm norm : PerturbationNorm.values()) {
            for (double eps : new double[] {0.2, 0.5}) {
                BridgePoint p = LinearBridge.run(
                        model,
                        RegressionPgd.of(norm, eps, 3),
                        RegressionTrainConfig.defaults(N, SEED),
                        REPS,
                        BridgeSamples.source(model, N, SEED, point++));
                double[] sd = FiniteSampleSpread.sd(model, norm.lp(), eps, N);
                check(failures, p, "w_core", p.deepCore().mean(), p.theoryCore(), sd[0]);
                check(failures, p, "w_spurious", p.deepSpurious().mean(), p.theorySpurious(), sd[1]);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    static void check(List<String> failures, BridgePoint p, String what, double deep, double theory, double sd) {
        double tol = Z * sd / Math.sqrt(p.reps()) + LinearBridge.OPTIMISATION_ALLOWANCE;
        String line = String.format(
                "%s eps=%.2f %s: deep %.5f vs theory %.5f (|diff| %.5f, tolerance %.5f)",
                p.norm(), p.eps(), what, deep, theory, Math.abs(deep - theory), tol);
        System.out.println(line);
        if (!(Math.abs(deep - theory) <= tol)) {
            failures.add(line);
        }
    }
}
