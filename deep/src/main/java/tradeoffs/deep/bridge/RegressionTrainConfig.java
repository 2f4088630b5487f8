package tradeoffs.deep.bridge;

/**
 * How the bridge trains a linear regressor: mini-batch Adam on the squared loss of PGD-perturbed
 * inputs, as the deep models are trained (see {@code tradeoffs.deep.train.AdversarialTraining}),
 * with one difference that the comparison needs: the learning rate follows a cosine schedule from
 * {@code learningRate} down to {@code learningRate·finalFraction}, so the last iterate settles at
 * the minimiser instead of wandering in a ball of radius ~ learning rate around it (the ℓ1 and ℓ∞
 * objectives have kinks where a fixed-step optimiser oscillates).
 *
 * @param epochs        passes over the sample (≥ 1)
 * @param batchSize     examples per step (≥ 1)
 * @param learningRate  Adam's initial step size (&gt; 0)
 * @param finalFraction the last step size as a fraction of the first, in (0, 1]
 * @param pgdSteps      PGD steps of the inner maximisation (≥ 1)
 * @param seed          decides the initial weights and the data order
 */
public record RegressionTrainConfig(
        int epochs, int batchSize, double learningRate, double finalFraction, int pgdSteps, long seed) {
    public RegressionTrainConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1 (got " + epochs + ")");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1 (got " + batchSize + ")");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be > 0 (got " + learningRate + ")");
        }
        if (!(finalFraction > 0 && finalFraction <= 1)) {
            throw new IllegalArgumentException(
                    "final learning-rate fraction must be in (0, 1] (got " + finalFraction + ")");
        }
        if (pgdSteps < 1) {
            throw new IllegalArgumentException("pgd steps must be >= 1 (got " + pgdSteps + ")");
        }
    }

    /** Adam steps of the default schedule, whatever n. */
    public static final int DEFAULT_STEPS = 500;
    /** Batch size of the default schedule. */
    public static final int DEFAULT_BATCH = 200;

    /**
     * The bridge's default for a sample of n examples: batches of 200, Adam from 0.05 down to 2e-5
     * (cosine) over ⌈500 / batches per epoch⌉ epochs, i.e. at least 500 Adam steps (50 epochs at
     * n = 2000), and three PGD steps of 2.5ε/3 (the exact maximiser is reached at the second, see
     * {@link RegressionPgd}). The number of steps, not of epochs, decides how close the last
     * iterate gets: measured on 72 trainings each at n = 1000, 2000 and 4000 (ℓ1, ℓ2, ℓ∞; ε = 0, 0.2,
     * 0.5; σ_s = 1 and 4; docs/bridge.md), 500 steps left the weights within 1.5e-3 of the certified
     * empirical optimum and F(w) within 4e-5 of min F (relative), while 250 steps (n = 1000 with 50
     * epochs) left gaps up to 1.3e-2.
     */
    public static RegressionTrainConfig defaults(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1 (got " + n + ")");
        }
        int batches = (n + DEFAULT_BATCH - 1) / DEFAULT_BATCH;
        int epochs = (DEFAULT_STEPS + batches - 1) / batches;
        return new RegressionTrainConfig(epochs, DEFAULT_BATCH, 0.05, 4e-4, 3, seed);
    }

    /** The same configuration with another seed (one repetition of a bridge point). */
    public RegressionTrainConfig withSeed(long s) {
        return new RegressionTrainConfig(epochs, batchSize, learningRate, finalFraction, pgdSteps, s);
    }
}
