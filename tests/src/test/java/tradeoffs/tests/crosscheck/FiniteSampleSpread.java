package tradeoffs.tests.crosscheck;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import tradeoffs.reproduce.stage.BridgeSamples;
import tradeoffs.simulation.training.EmpiricalAdversarialTraining;
import tradeoffs.simulation.training.EmpiricalFit;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.AdversarialTraining;
import tradeoffs.theory.regression.CoreSpuriousModel;

/**
 * The finite-sample spread that every cross-check tolerance is derived from: the standard deviation,
 * over independent samples of size n, of the certified minimiser ŵ_n of the empirical adversarial
 * risk (docs/math.md §6.1; the simulation module's convex solver, duality gap ≤ 1e-9 relative). Any
 * trainer that minimises the same objective (the DJL bridge does, up to an optimisation error
 * checked separately) has this spread around the population weights, shrinking like n^(−1/2).
 *
 * <p>The samples come from a seed of their own, so they are independent of the samples the DJL
 * models are trained on. With 200 samples the estimated sd is within ±10% of the true one with
 * probability ≈ 0.95 (the sd of a sample sd is ≈ sd/√(2·200)).
 */
final class FiniteSampleSpread {
    /** Seed of the Monte Carlo samples (the bridge tests train on other seeds). */
    static final long SEED = 918_273_645L;
    /** Monte Carlo samples per estimate. */
    static final int SAMPLES = 200;

    /** Results by (model, attack, ε, n): the cross-check classes share points and run in one JVM. */
    private static final Map<List<Object>, double[]> CACHE = new ConcurrentHashMap<>();

    private FiniteSampleSpread() {}

    /** sd of each coordinate of ŵ_n at (model, attack, ε, n). */
    static double[] sd(CoreSpuriousModel model, LpNorm attack, double eps, int n) {
        return CACHE.computeIfAbsent(List.of(model, attack, eps, n), k -> compute(model, attack, eps, n))
                .clone();
    }

    private static double[] compute(CoreSpuriousModel model, LpNorm attack, double eps, int n) {
        SummaryStatistics[] s = new SummaryStatistics[model.dim()];
        for (int j = 0; j < s.length; j++) {
            s[j] = new SummaryStatistics();
        }
        // Warm start from the population weights: the answer is the same (certified), only faster.
        double[] start =
                AdversarialTraining.solve(model.toGaussian(), attack, eps).w();
        for (int r = 0; r < SAMPLES; r++) {
            EmpiricalFit fit = EmpiricalAdversarialTraining.of(BridgeSamples.draw(model, n, SEED, 0, r))
                    .fit(attack, eps, EmpiricalAdversarialTraining.DEFAULT_TOLERANCE, start);
            double[] w = fit.w();
            for (int j = 0; j < w.length; j++) {
                s[j].addValue(w[j]);
            }
        }
        double[] sd = new double[s.length];
        for (int j = 0; j < sd.length; j++) {
            sd[j] = s[j].getStandardDeviation();
        }
        return sd;
    }
}
