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
public record RegressionTrainConfig(int epochs, int batchSize, double learningRate, double finalFraction,
        int pgdSteps, long seed) {
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
            throw new IllegalArgumentException("final learning-rate fraction must be in (0, 1] (got " + finalFraction + ")");
        }
        if (pgdSteps < 1) {
            throw new IllegalArgumentException("pgd steps must be >= 1 (got " + pgdSteps + ")");
        }
    }

    /**
     * The bridge's default: 50 epochs of batches of 200, Adam from 0.05 down to 2e-5 (cosine), three
     * PGD steps of 2.5ε/3 (the exact maximiser is reached at the second, see {@link RegressionPgd}).
     * Measured on two samples each of n = 1000 and n = 2000 of the default core/spurious model at
     * ε = 0.1 and 0.3 for ℓ1, ℓ2 and ℓ∞ (docs/bridge.md): the trained weights were within 1e-3 of the
     * certified empirical optimum, F(w) within 1e-5 of min F (relative) at n = 2000 and 8e-5 at
     * n = 1000, at 0.15–0.6 s per training on a shared core. With a smaller starting rate (0.02)
     * Adam had not reached the ℓ1 optimum from DJL's random initial weights after 250 steps.
     */
    public static RegressionTrainConfig defaults(long seed) {
        return new RegressionTrainConfig(50, 200, 0.05, 4e-4, 3, seed);
    }

    /** The same configuration with another seed (one repetition of a bridge point). */
    public RegressionTrainConfig withSeed(long s) {
        return new RegressionTrainConfig(epochs, batchSize, learningRate, finalFraction, pgdSteps, s);
    }
}
