package tradeoffs.deep.train;

import org.apache.commons.rng.UniformRandomProvider;
import tradeoffs.deep.attack.BetaAttack;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.model.Classifier;

/**
 * BETA adversarial training (BETA-AT, Robey et al. 2024, Algorithm 2): per example, for each wrong
 * class j, PGD maximises the margin f_j(x + δ) − f_y(x + δ) inside the ball; the perturbation of the
 * class with the largest final margin is kept, and the step minimises the cross-entropy on it. The
 * ascent is {@link BetaAttack}'s (all K − 1 targets stacked in one batch), with the model in
 * inference mode.
 *
 * @param attack the ascent rule per target class (norm, ε, steps, step size, start; its loss is
 *     ignored)
 */
public record BetaTraining(Pgd attack) implements TrainingMethod {

    public BetaTraining {
        if (attack == null) {
            throw new IllegalArgumentException("attack is required");
        }
    }

    @Override
    public String regime() {
        return "beta-" + attack.norm().id();
    }

    @Override
    public Batch examples(Classifier model, Batch clean, UniformRandomProvider rng) {
        return new Batch(
                new BetaAttack(attack)
                        .attack(model, clean.images(), clean.labels(), rng)
                        .takeImages(),
                clean.labels());
    }
}
