package tradeoffs.deep.bridge;

import tradeoffs.deep.benchmark.Seeds;
import tradeoffs.theory.regression.AdversarialSolution;
import tradeoffs.theory.regression.AdversarialTraining;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.sample.Sample;

/**
 * Theory vs deep on the linear model: trains a DJL linear regressor with PGD adversarial training
 * ({@link PgdLinearRegression}) on {@code reps} independent samples of the core/spurious model and
 * sets the learned weights beside the population closed form
 * ({@link AdversarialTraining}, docs/math.md §4 [derived]) at the same attack norm and ε.
 *
 * <p>The learned weights estimate the minimiser of the empirical adversarial risk (docs/math.md §6.1),
 * which converges to the population weights at rate n^(−1/2); the standard error over repetitions
 * is the finite-sample error bar of the comparison.
 */
public final class LinearBridge {
    /**
     * How far the DJL-trained weights may be from the exact empirical minimiser (max over
     * coordinates) before a comparison calls them different: over 3× the largest gap measured with
     * {@link RegressionTrainConfig#defaults} (1.5e-3 over 216 trainings at n = 1000, 2000 and 4000,
     * docs/bridge.md). The cross-module tests check it
     * against the simulation module's certified solver on shared samples.
     */
    public static final double OPTIMISATION_ALLOWANCE = 0.005;

    /** The stream of repetition r's training seed: {@code Seeds.of(config.seed(), 2, r)}. */
    private static final long REP_STREAM = 2;

    /** Draws repetition r's training sample (the same r must give the same sample). */
    @FunctionalInterface
    public interface SampleSource {
        Sample draw(int rep);
    }

    private LinearBridge() {}

    /**
     * The bridge point for {@code model} under {@code attack}: repetition r trains with seed
     * {@code Seeds.of(config.seed(), 2, r)} on {@code data.draw(r)}.
     */
    public static BridgePoint run(
            CoreSpuriousModel model, RegressionPgd attack, RegressionTrainConfig config, int reps, SampleSource data) {
        if (reps < 1) {
            throw new IllegalArgumentException("reps must be >= 1 (got " + reps + ")");
        }
        long t0 = System.nanoTime();
        AdversarialSolution theory =
                AdversarialTraining.solve(model.toGaussian(), attack.norm().lp(), attack.eps());
        double[][] weights = new double[reps][];
        double[] objectives = new double[reps];
        int n = -1;
        for (int r = 0; r < reps; r++) {
            Sample sample = data.draw(r);
            if (sample.d() != model.dim()) {
                throw new IllegalArgumentException(
                        "sample has d = " + sample.d() + " features, the model " + model.dim());
            }
            if (n >= 0 && sample.n() != n) {
                throw new IllegalArgumentException(
                        "every repetition must have the same n (got " + n + " and " + sample.n() + ")");
            }
            n = sample.n();
            LinearFit fit = new PgdLinearRegression(attack, config.withSeed(Seeds.of(config.seed(), REP_STREAM, r)))
                    .train(sample);
            weights[r] = fit.w();
            objectives[r] = EmpiricalObjective.of(sample, attack.norm().lp(), attack.eps(), weights[r]);
        }
        return new BridgePoint(
                model, attack.norm(), attack.eps(), n, theory, weights, objectives, (System.nanoTime() - t0) / 1e9);
    }
}
